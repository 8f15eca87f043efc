"""Draft shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import Field

from backend.schemas import Out, Strict, example_config

_EXAMPLE = {
    "procedure_code": "HT-KS",
    "form_data": {"child_full_name": "Nguyễn Minh Khang"},
    "attachment_ids": [],
}


class DraftIn(Strict):
    model_config = example_config(_EXAMPLE, extra="forbid", str_strip_whitespace=True)
    procedure_code: Annotated[str, Field(max_length=64)]
    form_data: dict[str, Any] = {}  # noqa: RUF012
    attachment_ids: Annotated[
        list[Annotated[str, Field(pattern=r"^[0-9a-f]{24}$")]], Field(max_length=20)
    ] = []  # noqa: RUF012


class DraftOut(Out):
    model_config = example_config(
        {"draft_id": "0b8f9a52-4c1e-4f7e-9a51-3d3c2b1a0f9e", **_EXAMPLE, "updated_at": "2026-11-23T01:00:00Z"}
    )
    draft_id: str
    procedure_code: str
    form_data: dict[str, Any]
    attachment_ids: list[str]
    updated_at: datetime


class DraftList(Out):
    model_config = example_config({"items": [DraftOut.model_config["example"]]})  # type: ignore[typeddict-item]
    items: list[DraftOut]
