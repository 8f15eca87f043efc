"""Push request and response shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from backend.schemas import Out, Strict, example_config

B64 = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_-]+=*$")]
HHMM = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


class VapidKey(Out):
    model_config = example_config(
        {
            "public_key": "BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U"  # noqa: E501
        },
        from_attributes=True,
    )
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
    model_config = example_config(
        {
            "id": "5f1c2a9e7b3d4c6e8a0b1c2d",
            "label": "Chrome trên Android",
            "endpoint_origin": "https://fcm.googleapis.com",
            "created_at": "2026-11-24T08:00:00Z",
            "last_success_at": "2026-11-24T08:30:01Z",
        },
        from_attributes=True,
    )
    id: str
    label: str | None
    endpoint_origin: str
    created_at: datetime
    last_success_at: datetime | None


class DeviceList(Out):
    model_config = example_config(
        {
            "items": [
                {
                    "id": "5f1c2a9e7b3d4c6e8a0b1c2d",
                    "label": "Chrome trên Android",
                    "endpoint_origin": "https://fcm.googleapis.com",
                    "created_at": "2026-11-24T08:00:00Z",
                    "last_success_at": "2026-11-24T08:30:01Z",
                }
            ]
        },
        from_attributes=True,
    )
    items: list[Device]


NOTIFICATION_EXAMPLE = {
    "id": "3f9a0c1e5b7d4e2f8a6b1c9d0e2f4a6b",
    "kind": "status_changed",
    "dossier_code": "HD-2026-000123",
    "title": "Hồ sơ HD-2026-000123: Đã tiếp nhận",
    "body": "Hồ sơ HD-2026-000123 (Đăng ký khai sinh) đã chuyển sang: Đã tiếp nhận.",
    "url": "/ho-so/HD-2026-000123",
    "created_at": "2026-11-24T08:30:00Z",
    "read": False,
}


class NotificationOut(Out):
    model_config = example_config(NOTIFICATION_EXAMPLE, from_attributes=True)
    id: str
    kind: str
    dossier_code: str | None
    title: str
    body: str
    url: str
    created_at: datetime
    read: bool


class NotificationPage(Out):
    model_config = example_config(
        {
            "items": [NOTIFICATION_EXAMPLE],
            "next_cursor": None,
            "unread": 1,
        },
        from_attributes=True,
    )
    items: list[NotificationOut]
    next_cursor: str | None
    unread: int


class MarkReadRequest(Strict):
    """``ids`` to mark read; omit it (or send ``all: true``) to mark everything read."""

    model_config = example_config(
        {"ids": ["3f9a0c1e5b7d4e2f8a6b1c9d0e2f4a6b"]}, extra="forbid", str_strip_whitespace=True
    )

    ids: Annotated[list[Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]], Field(max_length=100)] | None = (
        None
    )
    all: bool = False


class UnreadCount(Out):
    model_config = example_config({"unread": 0}, from_attributes=True)
    unread: int


class QuietHoursIn(Strict):
    model_config = example_config(
        {"start": "22:00", "end": "06:30"}, extra="forbid", str_strip_whitespace=True
    )
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
    model_config = example_config(
        {
            "disabled_kinds": ["due_soon"],
            "quiet_hours": {"start": "22:00", "end": "06:30"},
            "kinds": ["status_changed", "supplement_requested"],
            "timezone": "Asia/Ho_Chi_Minh",
        },
        from_attributes=True,
    )
    disabled_kinds: list[str]
    quiet_hours: QuietHoursIn | None
    kinds: list[str]  # every kind there is, for the settings screen
    timezone: str = "Asia/Ho_Chi_Minh"
