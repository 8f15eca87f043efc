"""Stored identity: users, refresh-token families, login-failure counters."""

from __future__ import annotations

from datetime import UTC, datetime

import pymongo
from beanie import Document
from pydantic import Field
from pymongo import IndexModel

from backend.security import Role


def utcnow() -> datetime:
    return datetime.now(UTC)


class User(Document):
    phone: str  # E.164, +84...
    full_name: str
    password_hash: str
    role: Role = Role.citizen
    agency_code: str | None = None
    #: Staff only: the job title shown to citizens ("5 clear": who holds my dossier).
    position: str | None = None
    email: str | None = None
    #: The 12-digit CCCD. Stored for procedures that need it; never returned in full.
    cccd: str | None = None
    language: str = "vi"
    disabled: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "users"
        indexes = [  # noqa: RUF012 - Beanie reads this class attribute
            IndexModel([("phone", pymongo.ASCENDING)], name="phone_unique", unique=True),
            IndexModel(
                [("cccd", pymongo.ASCENDING)],
                name="cccd_unique",
                unique=True,
                partialFilterExpression={"cccd": {"$type": "string"}},
            ),
            IndexModel([("agency_code", pymongo.ASCENDING), ("role", pymongo.ASCENDING)], name="agency_role"),
        ]


class RefreshToken(Document):
    """One refresh token of a rotation family; only its SHA-256 is stored."""

    token_hash: str
    family_id: str
    user_id: str
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None

    class Settings:
        name = "refresh_tokens"
        indexes = [  # noqa: RUF012
            IndexModel([("token_hash", pymongo.ASCENDING)], name="token_hash_unique", unique=True),
            IndexModel([("family_id", pymongo.ASCENDING)], name="family"),
            IndexModel([("expires_at", pymongo.ASCENDING)], name="expires_ttl", expireAfterSeconds=0),
        ]


class LoginThrottle(Document):
    """Failed-login counter for one account or one client address."""

    key: str
    failures: int = 0
    window_started_at: datetime
    locked_until: datetime | None = None
    expires_at: datetime

    class Settings:
        name = "login_throttle"
        indexes = [  # noqa: RUF012
            IndexModel([("key", pymongo.ASCENDING)], name="key_unique", unique=True),
            IndexModel([("expires_at", pymongo.ASCENDING)], name="expires_ttl", expireAfterSeconds=0),
        ]
