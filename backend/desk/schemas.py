"""Desk action shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from backend.dossiers.schemas import DossierView, Label, Note
from backend.identity.schemas import FullName
from backend.schemas import Out, Strict, example_config

Line = Annotated[str, Field(min_length=1, max_length=300)]


class Recipient(Strict):
    full_name: FullName
    #: The applicant in person, or someone holding their written authorisation.
    relation: Literal["applicant", "authorised"] = "applicant"
    #: The last four digits of the ID card the official checked.
    id_last4: Annotated[str | None, Field(pattern=r"^\d{4}$")] = None


class Confirmation(Strict):
    """The citizen confirms by presenting the receipt (its QR, scanned) or its lookup secret."""

    method: Literal["receipt", "lookup_secret"]
    value: Annotated[str, Field(min_length=4, max_length=2048)]


class DeskRequest(Strict):
    model_config = example_config(
        {
            "action": "hand_over",
            "items": ["Giấy khai sinh (bản chính)", "Bản sao Giấy khai sinh"],
            "recipient": {"full_name": "Nguyễn Văn An", "relation": "applicant", "id_last4": "1234"},
            "confirmation": {"method": "lookup_secret", "value": "K7M2Q9XA"},
            "occurred_at": "2026-11-26T02:15:00Z",
        },
        extra="forbid",
        str_strip_whitespace=True,
    )
    action: Literal["receive_papers", "record_attendance", "hand_over"]
    #: receive_papers: the paper documents received.
    papers: Annotated[list[Line], Field(max_length=30)] = []  # noqa: RUF012
    #: hand_over: what was handed over.
    items: Annotated[list[Line], Field(max_length=20)] = []  # noqa: RUF012
    recipient: Recipient | None = None
    confirmation: Confirmation | None = None
    #: A receipt scanned at the desk (attendance, papers): recorded with the action.
    receipt_token: Annotated[str | None, Field(max_length=2048)] = None
    note: Note | None = None
    #: When it happened, if earlier than now (queued offline): at most 7 days ago.
    occurred_at: datetime | None = None


_RECORD = {
    "action": {
        "code": "hand_over",
        "label_vi": "Trả kết quả tại quầy",
        "label_en": "Result handed over at the desk",
    },
    "at": "2026-11-26T02:15:03Z",
    "occurred_at": "2026-11-26T02:15:00Z",
    "official_name": "Trần Thị Bình",
    "official_position": "Công chức Tư pháp - Hộ tịch",
    "papers": [],
    "items": ["Giấy khai sinh (bản chính)"],
    "recipient_name": "Nguyễn Văn An",
    "recipient_relation": "applicant",
    "confirmation": "receipt",
    "receipt_scanned": True,
    "note": None,
}


class DeskRecordView(Out):
    model_config = example_config(_RECORD)
    action: Label
    at: datetime
    occurred_at: datetime
    official_name: str
    official_position: str | None
    papers: list[str]
    items: list[str]
    recipient_name: str | None
    recipient_relation: str | None
    confirmation: str | None
    receipt_scanned: bool
    note: str | None


class DeskResult(Out):
    model_config = example_config({"record": _RECORD, "dossier": DossierView.model_config["example"]})  # type: ignore[typeddict-item]
    record: DeskRecordView
    dossier: DossierView


class DeskLog(Out):
    model_config = example_config({"items": [_RECORD]})
    items: list[DeskRecordView]
