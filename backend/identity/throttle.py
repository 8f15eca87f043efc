"""Login throttling per account and per client address, stored so it holds across processes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pymongo import ReturnDocument

from backend.errors import TooManyRequests
from backend.identity.documents import LoginThrottle, utcnow
from backend.settings import AuthSettings


class LoginThrottler:
    def __init__(self, settings: AuthSettings) -> None:
        self.window = timedelta(seconds=settings.failure_window_seconds)
        self.lockout = timedelta(seconds=settings.lockout_seconds)
        self.limits = {
            "account": settings.max_failures_per_account,
            "client": settings.max_failures_per_client,
        }

    async def check(self, keys: list[str]) -> None:
        """Raise 429 if any key is locked out."""
        now = utcnow()
        async for doc in LoginThrottle.get_pymongo_collection().find({"key": {"$in": keys}}):
            locked_until: datetime | None = doc.get("locked_until")
            if locked_until is None or locked_until <= now:
                continue
            retry_after = max(1, int((locked_until - now).total_seconds()) + 1)
            raise TooManyRequests(
                "login-throttled",
                vi=f"Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {retry_after // 60 + 1} phút.",
                en=f"Too many failed logins. Try again in {retry_after // 60 + 1} minutes.",
                retry_after=retry_after,
            )

    async def record_failure(self, keys: list[str]) -> None:
        now = utcnow()
        coll = LoginThrottle.get_pymongo_collection()
        for key in keys:
            kind = key.split(":", 1)[0]
            # A stale window starts again from zero.
            await coll.update_one(
                {"key": key, "window_started_at": {"$lt": now - self.window}},
                {"$set": {"failures": 0, "window_started_at": now}},
            )
            doc: dict[str, Any] | None = await coll.find_one_and_update(
                {"key": key},
                {
                    "$inc": {"failures": 1},
                    "$setOnInsert": {"window_started_at": now},
                    "$set": {"expires_at": now + self.window + self.lockout},
                },
                upsert=True,
                return_document=ReturnDocument.AFTER,
            )
            if doc is not None and doc["failures"] >= self.limits[kind]:
                await coll.update_one(
                    {"key": key},
                    {"$set": {"locked_until": now + self.lockout, "failures": 0, "window_started_at": now}},
                )

    async def clear(self, key: str) -> None:
        await LoginThrottle.get_pymongo_collection().delete_one({"key": key})
