"""``Idempotency-Key`` for POSTs that a phone may retry from its offline outbox.

The first request with a key claims it; its result is saved in the same transaction as the
work itself, so a replay returns exactly what the first request returned and creates nothing.
A replay that arrives while the first is still running waits for it; a key reused with a
different body is refused. Keys are scoped to the caller and expire after a day.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pymongo
from beanie import Document
from pydantic import Field
from pymongo import IndexModel
from pymongo.errors import DuplicateKeyError

from backend.errors import AppError, Conflict, Invalid
from backend.identity.documents import utcnow
from backend.transactions import Session

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{8,100}$")
LEASE = timedelta(seconds=30)
TTL = timedelta(hours=24)


#: Given to the work: records its result in the work's own transaction.
SaveResult = Callable[[Session, int, Any], Awaitable[None]]


class IdempotencyRecord(Document):
    key: str  # "<principal>:<client key>"
    fingerprint: str
    state: str = "running"  # running | done
    lease_until: datetime
    status_code: int | None = None
    body: Any = None
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime

    class Settings:
        name = "idempotency_keys"
        indexes = [  # noqa: RUF012
            IndexModel([("key", pymongo.ASCENDING)], name="key_unique", unique=True),
            IndexModel([("expires_at", pymongo.ASCENDING)], name="expires_ttl", expireAfterSeconds=0),
        ]


@dataclass(frozen=True)
class Outcome:
    status_code: int
    body: Any
    replayed: bool


class RequestInProgress(AppError):
    status_code, default_slug = 409, "request-in-progress"


def require_key(raw: str | None) -> str:
    if raw is None or not KEY_PATTERN.match(raw):
        raise Invalid(
            "idempotency-key-required",
            vi="Thiếu hoặc sai khóa Idempotency-Key (8–100 ký tự chữ, số, '-', '_', '.', ':').",
            en="Send an Idempotency-Key header of 8-100 letters, digits, '-', '_', '.' or ':'.",
        )
    return raw


def fingerprint(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


async def run_once(
    *,
    principal: str,
    key: str,
    payload: Any,
    work: Callable[[SaveResult], Awaitable[tuple[int, Any]]],
    wait_seconds: float = 10.0,
) -> Outcome:
    """Run ``work`` once per (principal, key).

    ``work`` receives ``save(session, status, body)``, which it must call inside its own
    transaction, so that the result is recorded exactly when the work commits.
    """
    full_key, print_ = f"{principal}:{key}", fingerprint(payload)
    coll = IdempotencyRecord.get_pymongo_collection()
    deadline = asyncio.get_running_loop().time() + wait_seconds
    while True:
        now = utcnow()
        try:
            await coll.insert_one(
                {
                    "key": full_key,
                    "fingerprint": print_,
                    "state": "running",
                    "lease_until": now + LEASE,
                    "created_at": now,
                    "expires_at": now + TTL,
                }
            )
            break
        except DuplicateKeyError:
            existing = await coll.find_one({"key": full_key})
            if existing is None:
                continue  # expired between the two calls
            if existing["fingerprint"] != print_:
                raise Conflict(
                    "idempotency-key-reused",
                    vi="Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.",
                    en="This Idempotency-Key was already used for a different request.",
                ) from None
            if existing["state"] == "done":
                return Outcome(existing["status_code"], existing["body"], replayed=True)
            # Still running. Take over a lease its owner abandoned (crashed), else wait.
            taken = await coll.find_one_and_update(
                {"key": full_key, "state": "running", "lease_until": {"$lt": now}},
                {"$set": {"lease_until": now + LEASE}},
            )
            if taken is not None:
                break
            if asyncio.get_running_loop().time() > deadline:
                raise RequestInProgress(
                    vi="Yêu cầu này đang được xử lý. Vui lòng thử lại sau giây lát.",
                    en="The first request with this Idempotency-Key is still being processed; retry shortly.",
                ) from None
            await asyncio.sleep(0.05)

    async def save(session: Session, status_code: int, body: Any) -> None:  # a SaveResult
        await coll.update_one(
            {"key": full_key},
            {"$set": {"state": "done", "status_code": status_code, "body": body}},
            session=session,
        )

    try:
        status_code, body = await work(save)
    except BaseException:
        await coll.delete_one({"key": full_key, "state": "running"})  # let a corrected retry run
        raise
    return Outcome(status_code, body, replayed=False)
