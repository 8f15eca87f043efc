"""Report request and response shapes. Staff views never carry the reporter unless shared."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from backend.dossiers.documents import FileRef
from backend.schemas import example_config

Kind = Literal["phan_anh", "kien_nghi"]
Category = Literal["harassment", "delay", "attitude", "fees", "procedure", "other"]
TRACKING_CODE = r"^PA-[A-Z0-9]{10}$"


class ReportRequest(BaseModel):
    """Name an official (``official_id``, or a name with the agency), a dossier, or just an agency."""

    model_config = example_config(
        {
            "kind": "phan_anh",
            "category": "harassment",
            "title": "Cán bộ gợi ý nộp thêm tiền để làm nhanh",
            "content": "Ngày 20/11, khi nộp hồ sơ khai sinh, cán bộ ...",
            "official_id": "665f1c2e9b1e8a0012345678",
            "dossier_code": None,
            "agency_code": None,
            "share_identity": False,
        },
        extra="forbid",
    )
    kind: Kind = "phan_anh"
    category: Category
    title: str = Field(min_length=5, max_length=150)
    content: str = Field(min_length=20, max_length=4000)
    official_id: str | None = Field(default=None, pattern=r"^[0-9a-f]{24}$")
    official_name: str | None = Field(default=None, max_length=100)
    dossier_code: str | None = Field(default=None, pattern=r"^[A-Z]{2}-\d{4}-\d{6}$")
    agency_code: str | None = Field(default=None, max_length=60)
    attachment_ids: list[Annotated[str, Field(pattern=r"^[0-9a-f]{24}$")]] = Field(
        default_factory=list, max_length=5
    )
    #: Let the handlers see the reporter's name and phone (off by default).
    share_identity: bool = False
    #: An anonymous reporter may leave a name/phone to be called back (shown only if shared).
    contact_name: str | None = Field(default=None, max_length=100)
    contact_phone: str | None = Field(default=None, max_length=20)


class ReportActionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["assign", "answer", "close", "reopen"]
    assignee_id: str | None = Field(default=None, pattern=r"^[0-9a-f]{24}$")
    answer: str | None = Field(default=None, max_length=4000)
    note: str | None = Field(default=None, max_length=1000)
    #: For an anonymous reporter: the secret given with the tracking code.
    secret: str | None = Field(default=None, max_length=64)
    version: int | None = None


class TrackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=TRACKING_CODE)
    secret: str = Field(min_length=8, max_length=64)


class Label(BaseModel):
    code: str
    label_vi: str
    label_en: str


class Step(BaseModel):
    at: datetime
    action: str
    to_status: str
    actor_kind: str
    actor_name: str | None
    note: str | None


class Reporter(BaseModel):
    anonymous: bool
    name: str | None
    phone: str | None


class ReportFile(FileRef):
    #: The uploader's account: only for the reporter, or for staff when the reporter shared it.
    uploaded_by: str | None  # type: ignore[assignment]


class ReportView(BaseModel):
    code: str
    kind: Kind
    category: Label
    status: Label
    title: str
    content: str
    official_name: str | None
    dossier_code: str | None
    agency: Label
    #: Who reported: only for the reporter, or for handlers when the reporter chose to share.
    reporter: Reporter | None
    assignee_name: str | None
    answer: str | None
    answered_at: datetime | None
    due_at: datetime
    overdue: bool
    reopen_count: int
    attachments: list[ReportFile]
    history: list[Step]
    created_at: datetime
    allowed_actions: list[str]
    version: int


class ReportCreated(ReportView):
    #: Anonymous reports only: shown once, needed with the code to follow up. Keep it.
    secret: str | None


class ReportSummary(BaseModel):
    code: str
    category: Label
    status: Label
    title: str
    agency_code: str
    official_name: str | None
    due_at: datetime
    overdue: bool
    created_at: datetime


class ReportPage(BaseModel):
    items: list[ReportSummary]
    next_cursor: str | None


class CountRow(BaseModel):
    code: str
    label_vi: str
    label_en: str
    count: int


class PublicReportStats(BaseModel):
    """Anonymised: counts only, no names, no texts."""

    received: int
    answered: int
    answered_on_time: int
    on_time_rate: float | None
    harassment: int
    by_category: list[CountRow]


def _example(model: type[BaseModel], example: Mapping[str, object]) -> None:
    """Litestar's OpenAPI reads ``model_config["example"]`` when it renders the schema."""
    model.model_config["example"] = example  # type: ignore[typeddict-unknown-key]


_CATEGORY = {
    "code": "harassment",
    "label_vi": "Nhũng nhiễu, gây phiền hà",
    "label_en": "Harassment or obstruction",
}
_STATUS = {"code": "received", "label_vi": "Đã tiếp nhận", "label_en": "Received"}
_VIEW = {
    "code": "PA-7KQ2M9XA3B",
    "kind": "phan_anh",
    "category": _CATEGORY,
    "status": _STATUS,
    "title": "Cán bộ gợi ý nộp thêm tiền để làm nhanh",
    "content": "Ngày 20/11, khi nộp hồ sơ khai sinh, cán bộ ...",
    "official_name": "Trần Thị Bình",
    "dossier_code": None,
    "agency": {"code": "HD.TPHD.TRANHUNGDAO", "label_vi": "UBND phường Trần Hưng Đạo", "label_en": "Ward"},
    "reporter": None,
    "assignee_name": None,
    "answer": None,
    "answered_at": None,
    "due_at": "2026-12-08T10:00:00Z",
    "overdue": False,
    "reopen_count": 0,
    "attachments": [],
    "history": [
        {
            "at": "2026-11-24T02:00:00Z",
            "action": "submit",
            "to_status": "received",
            "actor_kind": "reporter",
            "actor_name": None,
            "note": None,
        }
    ],
    "created_at": "2026-11-24T02:00:00Z",
    "allowed_actions": ["assign", "answer"],
    "version": 1,
}
_example(ReportView, _VIEW)
_example(ReportCreated, {**_VIEW, "allowed_actions": [], "secret": "K7M2Q9XAP4RT8WZN"})
_example(
    ReportPage,
    {
        "items": [
            {
                "code": "PA-7KQ2M9XA3B",
                "category": _CATEGORY,
                "status": _STATUS,
                "title": "Cán bộ gợi ý nộp thêm tiền để làm nhanh",
                "agency_code": "HD.TPHD.TRANHUNGDAO",
                "official_name": "Trần Thị Bình",
                "due_at": "2026-12-08T10:00:00Z",
                "overdue": False,
                "created_at": "2026-11-24T02:00:00Z",
            }
        ],
        "next_cursor": None,
    },
)
_example(TrackRequest, {"code": "PA-7KQ2M9XA3B", "secret": "K7M2Q9XAP4RT8WZN"})
_example(ReportActionRequest, {"action": "assign", "assignee_id": "665f1c2e9b1e8a0012345678", "version": 1})
_example(
    PublicReportStats,
    {
        "received": 12,
        "answered": 10,
        "answered_on_time": 9,
        "on_time_rate": 90.0,
        "harassment": 2,
        "by_category": [{**_CATEGORY, "count": 2}],
    },
)
