"""Server-side drafts, so an application can be resumed on another device."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pymongo
from beanie import Document
from pydantic import Field
from pymongo import IndexModel

from backend.identity.documents import utcnow


class Draft(Document):
    draft_id: str  # chosen by the client (a UUID), so saving offline and replaying is idempotent
    owner_id: str
    procedure_code: str
    form_data: dict[str, Any] = {}  # noqa: RUF012 - partial: validated only on submission
    attachment_ids: list[str] = []  # noqa: RUF012
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "drafts"
        indexes = [  # noqa: RUF012
            IndexModel(
                [("owner_id", pymongo.ASCENDING), ("draft_id", pymongo.ASCENDING)],
                name="owner_draft",
                unique=True,
            ),
            IndexModel(
                [("owner_id", pymongo.ASCENDING), ("updated_at", pymongo.DESCENDING)], name="owner_recent"
            ),
        ]
