"""Issued receipts: one current per dossier (highest ``generation``); older ones are revoked."""

from __future__ import annotations

from datetime import datetime

import pymongo
from beanie import Document
from pymongo import IndexModel

ASC, DESC = pymongo.ASCENDING, pymongo.DESCENDING


class Receipt(Document):
    jti: str
    dossier_code: str
    #: 1 for the first receipt; a reissue (lost paper) is the next and revokes the previous.
    generation: int
    kid: str
    token: str
    issued_at: datetime
    received_at: datetime
    due_at: datetime
    expires_at: datetime
    applicant_masked: str
    issued_by: str | None = None  # who asked for it (the first viewer, or the reissuing official)
    revoked_at: datetime | None = None
    revoked_reason: str | None = None  # superseded

    class Settings:
        name = "receipts"
        indexes = [  # noqa: RUF012
            IndexModel([("jti", ASC)], name="jti_unique", unique=True),
            IndexModel([("dossier_code", ASC), ("generation", DESC)], name="dossier_generation", unique=True),
            # "Is any receipt signed with this key still valid?" (which keys the JWKS keeps)
            IndexModel([("kid", ASC), ("expires_at", DESC)], name="kid_expiry"),
        ]
