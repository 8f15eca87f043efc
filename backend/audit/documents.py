"""The append-only, hash-chained audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pymongo
from beanie import Document
from pymongo import IndexModel


class AuditEntry(Document):
    seq: int
    at: datetime
    actor_id: str
    actor_role: str
    action: str
    target: str  # e.g. "dossier:HD-2026-000123"
    details: dict[str, Any] = {}  # noqa: RUF012
    prev_hash: str
    hash: str

    class Settings:
        name = "audit_log"
        indexes = [  # noqa: RUF012
            IndexModel([("seq", pymongo.ASCENDING)], name="seq_unique", unique=True),
            IndexModel([("target", pymongo.ASCENDING), ("seq", pymongo.ASCENDING)], name="target_seq"),
        ]


class AuditHead(Document):
    """The chain's head: every append updates it, so concurrent appends conflict and retry."""

    seq: int = 0
    hash: str = ""

    class Settings:
        name = "audit_head"
