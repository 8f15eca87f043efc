"""Dossier request and response shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from backend.dossiers.documents import FileRef
from backend.dossiers.workflow import Action
from backend.identity.schemas import FullName, Phone
from backend.schemas import Out, Strict, example_config

Code = Annotated[str, Field(max_length=64)]
FileId = Annotated[str, Field(pattern=r"^[0-9a-f]{24}$")]
Note = Annotated[str, Field(min_length=1, max_length=2000)]


class WalkInApplicant(Strict):
    """A citizen who brought a paper dossier to the desk."""

    full_name: FullName
    phone: Phone | None = None


class SubmitRequest(Strict):
    model_config = example_config(
        {
            "procedure_code": "HT-KS",
            "agency_code": "HD.TPHD.TRANHUNGDAO",
            "form_data": {"child_full_name": "Nguyễn Minh Khang", "child_date_of_birth": "2026-11-01"},
            "attachment_ids": ["6740a1b2c3d4e5f601234567"],
        },
        extra="forbid",
        str_strip_whitespace=True,
    )
    procedure_code: Code
    #: Where to submit; implied for a province department's procedure.
    agency_code: Code | None = None
    form_data: dict[str, Any]
    attachment_ids: Annotated[list[FileId], Field(max_length=20)] = []  # noqa: RUF012
    draft_id: Annotated[str | None, Field(max_length=64)] = None
    #: Desk registration only: the walk-in applicant (officials file on a citizen's behalf).
    applicant: WalkInApplicant | None = None


class TransitionRequest(Strict):
    model_config = example_config(
        {"action": "request_supplement", "missing_items": ["Bản sao Giấy chứng sinh"], "expected_version": 3},
        extra="forbid",
        str_strip_whitespace=True,
    )
    action: Action
    note: Note | None = None
    assignee_id: Annotated[str | None, Field(pattern=r"^[0-9a-f]{24}$")] = None
    missing_items: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=300)]], Field(max_length=20)
    ] = []  # noqa: RUF012
    attachment_ids: Annotated[list[FileId], Field(max_length=20)] = []  # noqa: RUF012
    #: A supplement may correct form fields; merged into the form, then validated again.
    form_data: dict[str, Any] | None = None
    #: The version you saw; or send it as ``If-Match: "<version>"``.
    expected_version: Annotated[int | None, Field(ge=1)] = None


class Label(BaseModel):
    code: str
    label_vi: str
    label_en: str


class Holder(BaseModel):
    """ "Clear person": who holds the dossier now, and since when."""

    kind: Literal["agency", "official", "applicant", "none"]
    name_vi: str
    name_en: str
    position: str | None
    since: datetime


class TimelineEntry(BaseModel):
    at: datetime
    action: Label
    from_status: str | None
    to_status: str
    actor_name: str | None
    actor_position: str | None
    actor_role: str
    note: str | None


Timeliness = Literal["early", "on_time", "late"]


class DossierView(Out):
    model_config = example_config(
        {
            "code": "HD-2026-000123",
            "status": {"code": "in_processing", "label_vi": "Đang xử lý", "label_en": "In processing"},
            "procedure": {"code": "HT-KS", "label_vi": "Đăng ký khai sinh", "label_en": "Birth registration"},
            "agency": {
                "code": "HD.TPHD.TRANHUNGDAO",
                "label_vi": "UBND phường Trần Hưng Đạo",
                "label_en": "Ward",
            },
            "channel": "online",
            "applicant_name": "Nguyễn Văn An",
            "holder": {
                "kind": "official",
                "name_vi": "Trần Thị Bình",
                "name_en": "Trần Thị Bình",
                "position": "Công chức Tư pháp - Hộ tịch",
                "since": "2026-11-23T02:00:00Z",
            },
            "submitted_at": "2026-11-23T01:00:00Z",
            "received_at": "2026-11-23T01:30:00Z",
            "due_at": "2026-11-24T10:00:00Z",
            "timeliness": "on_time",
            "step_deadline": None,
            "clock_paused": False,
            "missing_items": [],
            "rejection_reason": None,
            "form_data": {"child_full_name": "Nguyễn Minh Khang"},
            "attachments": [],
            "result": None,
            "timeline": [],
            "allowed_actions": ["request_supplement", "approve", "reject", "transfer"],
            "desk_actions": ["receive_papers", "record_attendance"],
            "lookup_secret": "K7M2Q9XA",
            "version": 4,
        }
    )
    code: str
    status: Label
    procedure: Label
    agency: Label
    channel: str
    applicant_name: str
    holder: Holder
    submitted_at: datetime
    received_at: datetime | None
    due_at: datetime | None
    timeliness: Timeliness | None
    #: When the current step should be done (the SLA of the current state), if it has one.
    step_deadline: datetime | None
    clock_paused: bool
    missing_items: list[str]
    rejection_reason: str | None
    form_data: dict[str, Any]
    attachments: list[FileRef]
    result: FileRef | None
    timeline: list[TimelineEntry]
    #: What the caller may do next (the PWA shows only these buttons).
    allowed_actions: list[str]
    #: What the caller may do at the one-stop desk (``POST /dossiers/{code}/desk``).
    desk_actions: list[str] = []  # noqa: RUF012
    lookup_secret: str
    version: int


class DossierSummary(Out):
    model_config = example_config(
        {
            "code": "HD-2026-000123",
            "procedure": {"code": "HT-KS", "label_vi": "Đăng ký khai sinh", "label_en": "Birth registration"},
            "status": {"code": "accepted", "label_vi": "Đã tiếp nhận", "label_en": "Accepted"},
            "agency_code": "HD.TPHD.TRANHUNGDAO",
            "applicant_name": "Nguyễn Văn An",
            "assignee_name": None,
            "submitted_at": "2026-11-23T01:00:00Z",
            "due_at": "2026-11-24T10:00:00Z",
            "timeliness": "on_time",
        }
    )
    code: str
    procedure: Label
    status: Label
    agency_code: str
    applicant_name: str
    assignee_name: str | None
    submitted_at: datetime
    due_at: datetime | None
    timeliness: Timeliness | None


class DossierPage(Out):
    model_config = example_config({"items": [DossierSummary.model_config["example"]], "next_cursor": None})  # type: ignore[typeddict-item]
    items: list[DossierSummary]
    next_cursor: str | None


class PublicStep(BaseModel):
    at: datetime
    action: Label
    to_status: str


class PublicDossierView(Out):
    """The public lookup (code + secret): progress only, no personal data."""

    model_config = example_config(
        {
            "code": "HD-2026-000123",
            "status": {"code": "accepted", "label_vi": "Đã tiếp nhận", "label_en": "Accepted"},
            "procedure": {"code": "HT-KS", "label_vi": "Đăng ký khai sinh", "label_en": "Birth registration"},
            "agency": {"code": "HD.TPHD.TRANHUNGDAO", "label_vi": "UBND phường", "label_en": "Ward"},
            "submitted_at": "2026-11-23T01:00:00Z",
            "due_at": "2026-11-24T10:00:00Z",
            "timeliness": "on_time",
            "timeline": [
                {
                    "at": "2026-11-23T01:00:00Z",
                    "action": {"code": "submit", "label_vi": "Nộp hồ sơ", "label_en": "Submitted"},
                    "to_status": "submitted",
                }
            ],
        }
    )
    code: str
    status: Label
    procedure: Label
    agency: Label
    submitted_at: datetime
    due_at: datetime | None
    timeliness: Timeliness | None
    timeline: list[PublicStep]
