"""Push request and response shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from backend.schemas import Out, Strict, example_config

B64 = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_-]+=*$")]
HHMM = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


class VapidKey(Out):
    public_key: str  # the applicationServerKey, base64url


class SubscriptionKeys(Strict):
    p256dh: B64
    auth: B64


class SubscribeRequest(Strict):
    """The browser's ``PushSubscription.toJSON()``, plus an optional device name."""

    model_config = example_config(
        {
            "endpoint": "https://fcm.googleapis.com/fcm/send/c1KrmpTuRm...",
            "keys": {
                "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",  # noqa: E501
                "auth": "tBHItJI5svbpez7KI4CCXg",
            },
            "label": "Chrome trên Android",
        },
        extra="forbid",
        str_strip_whitespace=True,
    )
    endpoint: Annotated[str, Field(min_length=10, max_length=1024)]
    expirationTime: float | None = None
    keys: SubscriptionKeys
    label: Annotated[str | None, Field(max_length=100)] = None


class Device(Out):
    id: str
    label: str | None
    endpoint_origin: str
    created_at: datetime
    last_success_at: datetime | None


class DeviceList(Out):
    items: list[Device]


class NotificationOut(Out):
    id: str
    kind: str
    dossier_code: str | None
    title: str
    body: str
    url: str
    created_at: datetime
    read: bool


class NotificationPage(Out):
    items: list[NotificationOut]
    next_cursor: str | None
    unread: int


class MarkReadRequest(Strict):
    """``ids`` to mark read; omit it (or send ``all: true``) to mark everything read."""

    ids: Annotated[list[Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]], Field(max_length=100)] | None = (
        None
    )
    all: bool = False


class UnreadCount(Out):
    unread: int


class QuietHoursIn(Strict):
    start: HHMM
    end: HHMM


class PreferencesIn(Strict):
    model_config = example_config(
        {"disabled_kinds": ["due_soon"], "quiet_hours": {"start": "22:00", "end": "06:30"}},
        extra="forbid",
        str_strip_whitespace=True,
    )
    disabled_kinds: Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=20)] = []  # noqa: RUF012
    quiet_hours: QuietHoursIn | None = None


class PreferencesOut(Out):
    disabled_kinds: list[str]
    quiet_hours: QuietHoursIn | None
    kinds: list[str]  # every kind there is, for the settings screen
    timezone: str = "Asia/Ho_Chi_Minh"
