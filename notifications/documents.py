"""Stored push state: subscriptions, the in-app inbox, delivery jobs, preferences.

Every query path has its own named index (the embedded server only plans with an index whose
leading fields cover every filtered field).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pymongo
from beanie import Document
from pydantic import BaseModel, Field
from pymongo import IndexModel

ASC, DESC = pymongo.ASCENDING, pymongo.DESCENDING


def utcnow() -> datetime:
    return datetime.now(UTC)


def _index(name: str, *fields: str, unique: bool = False) -> IndexModel:
    keys = [(f.lstrip("-"), DESC if f.startswith("-") else ASC) for f in fields]
    return IndexModel(keys, name=name, unique=unique)


class PushSubscription(Document):
    """One browser/device of one user; ``endpoint`` is unique (a device re-subscribing moves it)."""

    id: str  # type: ignore[assignment]  # a random hex id the device keeps for DELETE
    user_id: str
    endpoint: str
    p256dh: str
    auth: str
    label: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    last_success_at: datetime | None = None

    class Settings:
        name = "push_subscriptions"
        indexes = [  # noqa: RUF012
            _index("endpoint_unique", "endpoint", unique=True),
            _index("by_user", "user_id", "created_at"),
        ]


class InboxNotification(Document):
    """An in-app notification; ``id`` is stable per (kind, event, user): re-enqueueing is a no-op."""

    id: str  # type: ignore[assignment]
    user_id: str
    kind: str
    dossier_code: str | None
    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None = None
    #: "<iso time>|<id>": one indexed field gives a stable keyset cursor.
    sort_key: str

    class Settings:
        name = "notifications"
        indexes = [  # noqa: RUF012
            _index("by_user", "user_id", "-sort_key"),
            _index("unread", "user_id", "read_at", "_id"),
        ]


class JobState:
    pending = "pending"  # due at ``available_at`` (also while leased: then that is the lease end)
    done = "done"  # the push service accepted it (201)
    gone = "gone"  # the subscription is gone (404/410, or deleted meanwhile)
    rejected = "rejected"  # non-retryable (413, other 4xx)
    dead = "dead"  # retries exhausted (the dead-letter state)


class DeliveryJob(Document):
    """One push of one notification to one subscription. ``id`` = "<notification>.<subscription>"."""

    id: str  # type: ignore[assignment]
    notification_id: str
    subscription_id: str
    user_id: str
    payload: str  # the JSON the service worker receives (encrypted at send time)
    urgency: str = "normal"
    state: str = JobState.pending
    available_at: datetime
    lease: str | None = None
    attempts: int = 0
    last_status: int | None = None
    last_error: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None

    class Settings:
        name = "push_jobs"
        indexes = [  # noqa: RUF012
            _index("due", "state", "available_at"),
            _index("claim", "_id", "state", "available_at"),  # the conditional lease of one id
            _index("by_lease", "lease", "state", "_id"),
            _index("by_subscription", "subscription_id", "state"),
            _index("by_notification", "notification_id"),
        ]


class QuietHours(BaseModel):
    start: str  # "22:00", Asia/Ho_Chi_Minh
    end: str  # "06:30"


class Preferences(Document):
    """``id`` is the user id. Kinds in ``disabled_kinds`` still reach the inbox, never the lock screen."""

    id: str  # type: ignore[assignment]
    disabled_kinds: list[str] = []  # noqa: RUF012
    quiet_hours: QuietHours | None = None
    updated_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "push_preferences"


NOTIFICATION_MODELS = [PushSubscription, InboxNotification, DeliveryJob, Preferences]
