"""Dossiers (hồ sơ), their history, the code counter and the domain-event outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pymongo
from beanie import Document
from pydantic import BaseModel, Field
from pymongo import IndexModel

from backend.identity.documents import utcnow

ASC, DESC = pymongo.ASCENDING, pymongo.DESCENDING


def _index(name: str, *fields: str, unique: bool = False) -> IndexModel:
    """``_index("x", "a", "-b")``: a on ascending, b descending."""
    keys = [(f.lstrip("-"), DESC if f.startswith("-") else ASC) for f in fields]
    return IndexModel(keys, name=name, unique=unique)


class FileRef(BaseModel):
    file_id: str
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: datetime


class HistoryEntry(BaseModel):
    at: datetime
    action: str
    from_status: str | None
    to_status: str
    actor_id: str
    actor_name: str
    actor_role: str
    actor_position: str | None = None
    note: str | None = None


class Dossier(Document):
    code: str  # HD-2026-000123
    procedure_code: str
    procedure_name_vi: str
    procedure_name_en: str
    agency_code: str
    agency_name_vi: str
    agency_name_en: str
    #: The agency and its ancestors: a leader of X sees ``{"agency_path": X}``.
    agency_path: list[str]
    channel: str  # online | desk
    applicant_id: str | None  # the citizen's account; None for a walk-in without one
    applicant_name: str
    applicant_phone: str | None = None
    filed_by_id: str | None = None  # the desk official who registered it
    form_data: dict[str, Any]
    attachments: list[FileRef] = []  # noqa: RUF012
    status: str
    is_open: bool = True
    assignee_id: str | None = None
    assignee_name: str | None = None
    assignee_position: str | None = None
    held_since: datetime
    submitted_at: datetime
    received_at: datetime | None = None
    due_at: datetime | None = None
    paused_at: datetime | None = None
    finished_at: datetime | None = None  # when the result was ready (or the dossier rejected)
    missing_items: list[str] = []  # noqa: RUF012
    rejection_reason: str | None = None
    result: FileRef | None = None
    lookup_secret: str
    history: list[HistoryEntry] = []  # noqa: RUF012
    version: int = 1
    #: Sort keys: "<iso time>|<code>" strings give cursors over one indexed field.
    list_key: str  # by submission time
    queue_key: str  # by due date (unaccepted first)
    updated_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "dossiers"
        # The embedded server's planner only uses an index that covers every filtered field, so
        # each list filter has its own, its filtered fields first (the overdue range on due_at too).
        indexes = [  # noqa: RUF012
            _index("code_unique", "code", unique=True),
            _index("code_version", "code", "version"),
            _index("applicant_list", "applicant_id", "-list_key"),
            _index("applicant_status_list", "applicant_id", "status", "-list_key"),
            _index("subtree_list", "agency_path", "-list_key"),
            _index("subtree_status_list", "agency_path", "status", "-list_key"),
            _index("subtree_open", "agency_path", "is_open", "due_at", "queue_key"),
            _index("agency_list", "agency_code", "-list_key"),
            _index("agency_status_list", "agency_code", "status", "-list_key"),
            _index("queue_open", "agency_code", "is_open", "due_at", "queue_key"),
            _index("queue_status", "agency_code", "status", "due_at", "queue_key"),
            _index("queue_mine_open", "agency_code", "assignee_id", "is_open", "due_at", "queue_key"),
            _index("queue_mine_status", "agency_code", "assignee_id", "status", "due_at", "queue_key"),
            _index("all_list", "-list_key"),
            _index("all_status_list", "status", "-list_key"),
            _index("all_open", "is_open", "due_at", "queue_key"),
        ]


class DossierCounter(Document):
    """``_id`` = "<province>-<year>"; ``seq`` is the last code number handed out."""

    seq: int = 0

    class Settings:
        name = "dossier_counters"


class DomainEvent(Document):
    """The dossier outbox: written in the transition's transaction, consumed by notifications."""

    type: str  # dossier.submitted | dossier.transitioned
    dossier_code: str
    applicant_id: str | None
    agency_code: str
    assignee_id: str | None
    action: str
    from_status: str | None
    to_status: str
    actor_id: str
    procedure_name_vi: str
    procedure_name_en: str
    #: What the citizen must bring (a supplement request), as it was at that moment.
    missing_items: list[str] = []  # noqa: RUF012
    at: datetime
    published_at: datetime | None = None

    class Settings:
        name = "dossier_events"
        indexes = [  # noqa: RUF012
            IndexModel([("published_at", ASC), ("at", ASC)], name="unpublished"),
            IndexModel([("dossier_code", ASC), ("at", ASC)], name="by_dossier"),
        ]
