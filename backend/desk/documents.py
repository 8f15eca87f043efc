"""What happened at the one-stop desk: papers received, attendance, results handed over."""

from __future__ import annotations

from datetime import datetime

import pymongo
from beanie import Document
from pydantic import BaseModel
from pymongo import IndexModel


class RecipientRecord(BaseModel):
    full_name: str
    relation: str  # applicant | authorised
    id_last4: str | None = None


class DeskRecord(Document):
    """One desk action. ``at`` is when the server recorded it; ``occurred_at`` when it happened
    (a desk phone offline queues the action and sends it later)."""

    dossier_code: str
    action: str
    at: datetime
    occurred_at: datetime
    official_id: str
    official_name: str
    official_position: str | None = None
    agency_code: str
    papers: list[str] = []  # noqa: RUF012
    items: list[str] = []  # noqa: RUF012
    recipient: RecipientRecord | None = None
    confirmation: str | None = None  # receipt | lookup_secret
    receipt_jti: str | None = None  # the receipt scanned, when one was
    note: str | None = None

    class Settings:
        name = "desk_records"
        indexes = [  # noqa: RUF012
            IndexModel([("dossier_code", pymongo.ASCENDING), ("at", pymongo.ASCENDING)], name="by_dossier")
        ]
