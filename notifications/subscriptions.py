"""Registering and removing a device's push subscription (keys checked before they are stored)."""

from __future__ import annotations

import base64
import binascii
import secrets
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from notifications.documents import DeliveryJob, JobState, PushSubscription, utcnow
from notifications.errors import NotFoundError, NotifyError

MAX_ENDPOINT = 1024
MAX_PER_USER = 20
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def b64url_decode(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def _bad(slug: str, field: str, vi: str, en: str) -> NotifyError:
    return NotifyError(slug, vi=vi, en=en, field=field)


def validate(endpoint: str, p256dh: str, auth: str, *, allow_http_loopback: bool) -> None:
    """An https endpoint; ``p256dh`` a point on P-256 (65 bytes, uncompressed); ``auth`` 16 bytes."""
    try:
        parts = urlsplit(endpoint)
        scheme, hostname, _ = parts.scheme, parts.hostname, parts.port  # a bad host or port raises
    except ValueError:
        scheme, hostname = "", None
    loopback_ok = allow_http_loopback and scheme == "http" and hostname in _LOOPBACK
    if len(endpoint) > MAX_ENDPOINT or not hostname or (scheme != "https" and not loopback_ok):
        raise _bad(
            "invalid-endpoint",
            "endpoint",
            "Địa chỉ nhận thông báo không hợp lệ (phải là https).",
            "The push endpoint must be an https URL.",
        )
    try:
        point = b64url_decode(p256dh)
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
        valid_point = len(point) == 65 and point[0] == 4
    except (ValueError, binascii.Error):
        valid_point = False
    if not valid_point:
        raise _bad(
            "invalid-p256dh",
            "keys.p256dh",
            "Khóa p256dh không phải là một điểm hợp lệ trên đường cong P-256.",
            "keys.p256dh must be an uncompressed P-256 point (65 bytes, base64url).",
        )
    try:
        secret = b64url_decode(auth)
    except (ValueError, binascii.Error):
        secret = b""
    if len(secret) != 16:
        raise _bad(
            "invalid-auth-secret",
            "keys.auth",
            "Khóa auth phải dài đúng 16 byte.",
            "keys.auth must be a 16-byte secret (base64url).",
        )


async def register(
    user_id: str, endpoint: str, p256dh: str, auth: str, label: str | None, *, allow_http_loopback: bool
) -> tuple[dict[str, Any], bool]:
    """Upsert by endpoint: the device now belongs to ``user_id``. Returns (subscription, created)."""
    validate(endpoint, p256dh, auth, allow_http_loopback=allow_http_loopback)
    collection = PushSubscription.get_pymongo_collection()
    existing = await collection.find_one({"endpoint": endpoint}, {"user_id": 1})
    if existing is None and await collection.count_documents({"user_id": user_id}) >= MAX_PER_USER:
        raise NotifyError(
            "too-many-devices",
            vi=f"Tối đa {MAX_PER_USER} thiết bị nhận thông báo. Hãy gỡ bớt thiết bị cũ.",
            en=f"At most {MAX_PER_USER} devices; remove an old one first.",
        )
    new_id = secrets.token_hex(12)
    doc = None
    for _ in range(3):  # racing upserts of one endpoint (a retried request): one inserts, the rest update
        try:
            doc = await collection.find_one_and_update(
                {"endpoint": endpoint},
                {
                    "$set": {"user_id": user_id, "p256dh": p256dh, "auth": auth, "label": label},
                    "$setOnInsert": {"_id": new_id, "created_at": utcnow(), "last_success_at": None},
                },
                upsert=True,
                return_document=ReturnDocument.AFTER,
            )
        except DuplicateKeyError:
            continue
        if doc is not None:  # None: this upsert lost the race; now it updates the winner's document
            break
    if doc is None:
        raise NotifyError("subscription-busy", vi="Vui lòng thử lại.", en="Please retry.", field="endpoint")
    if existing is not None and existing["user_id"] != user_id:
        # Another account signed in on this device: the old account's pending pushes stay off it.
        await cancel_jobs(doc["_id"])
    return doc, doc["_id"] == new_id


async def cancel_jobs(subscription_id: str) -> None:
    await DeliveryJob.get_pymongo_collection().update_many(
        {"subscription_id": subscription_id, "state": JobState.pending},
        {"$set": {"state": JobState.gone, "lease": None, "finished_at": utcnow()}},
    )


async def remove(user_id: str, subscription_id: str) -> None:
    deleted = await PushSubscription.get_pymongo_collection().delete_one(
        {"_id": subscription_id, "user_id": user_id}
    )
    if deleted.deleted_count != 1:
        raise NotFoundError(
            "subscription-not-found",
            vi="Không tìm thấy thiết bị này.",
            en="No such push subscription.",
        )
    await cancel_jobs(subscription_id)


async def list_for(user_id: str) -> list[dict[str, Any]]:
    cursor = PushSubscription.get_pymongo_collection().find({"user_id": user_id}, sort=[("created_at", 1)])
    return [doc async for doc in cursor.limit(MAX_PER_USER)]
