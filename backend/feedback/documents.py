"""Reports (phản ánh, kiến nghị), harassment reports among them, and the anonymous-abuse limits."""

from __future__ import annotations

from datetime import datetime

import pymongo
from beanie import Document
from pydantic import BaseModel
from pymongo import IndexModel

from backend.dossiers.documents import FileRef

ASC, DESC = pymongo.ASCENDING, pymongo.DESCENDING


class ReportStep(BaseModel):
    at: datetime
    action: str  # submit | assign | answer | close | reopen
    to_status: str
    #: reporter | leader | official: the reporter is never named in the history.
    actor_kind: str
    actor_id: str | None = None  # staff only
    actor_name: str | None = None  # staff only
    note: str | None = None


class Report(Document):
    code: str  # PA-XXXXXXXXXX: the tracking code
    secret_hash: str | None = None  # SHA-256 of the anonymous reporter's secret
    reporter_id: str | None = None  # the account, when logged in; never shown to staff
    reporter_name: str | None = None
    reporter_phone: str | None = None
    #: The reporter agreed that the handlers may see who they are (off by default).
    share_identity: bool = False
    kind: str  # phan_anh | kien_nghi
    category: str  # harassment | delay | attitude | fees | procedure | other
    title: str
    content: str
    official_id: str | None = None  # the official the report is about
    official_name: str | None = None
    dossier_code: str | None = None
    agency_code: str  # the agency concerned
    agency_name_vi: str
    agency_name_en: str
    level: str
    #: The leaders who receive it: a leader of any of these agencies (never the named official).
    route_path: list[str]
    status: str = "received"
    assignee_id: str | None = None
    assignee_name: str | None = None
    answer: str | None = None
    answered_at: datetime | None = None
    first_answered_at: datetime | None = None
    first_answer_on_time: bool | None = None  # against the deadline of the time
    due_at: datetime
    reopen_count: int = 0
    attachments: list[FileRef] = []  # noqa: RUF012
    history: list[ReportStep] = []  # noqa: RUF012
    created_at: datetime
    period: str
    list_key: str  # "<iso created>|<code>"
    version: int = 1

    class Settings:
        name = "reports"
        indexes = [  # noqa: RUF012
            IndexModel([("code", ASC)], name="code_unique", unique=True),
            IndexModel([("reporter_id", ASC), ("list_key", DESC)], name="reporter_list"),
            IndexModel([("route_path", ASC), ("list_key", DESC)], name="route_list"),
            IndexModel([("route_path", ASC), ("status", ASC), ("list_key", DESC)], name="route_status_list"),
            IndexModel([("assignee_id", ASC), ("list_key", DESC)], name="assignee_list"),
        ]


class ReportThrottle(Document):
    """Reports per client address (anonymous) or account per hour and per day; TTL-expired."""

    key: str
    hits: int = 0
    expires_at: datetime

    class Settings:
        name = "report_throttle"
        indexes = [  # noqa: RUF012
            IndexModel([("key", ASC)], name="key_unique", unique=True),
            IndexModel([("expires_at", ASC)], name="expires_ttl", expireAfterSeconds=0),
        ]
