"""Limits on reports: per client address when anonymous, per account when logged in."""

from __future__ import annotations

from datetime import timedelta

from pymongo import ReturnDocument

from backend.errors import TooManyRequests
from backend.feedback.documents import ReportThrottle
from backend.identity.documents import utcnow

#: (window, how many reports) per anonymous client address, and per account.
ANONYMOUS_LIMITS = ((timedelta(hours=1), 3), (timedelta(days=1), 10))
ACCOUNT_LIMITS = ((timedelta(hours=1), 10), (timedelta(days=1), 30))


async def check_and_count(who: str, anonymous: bool) -> None:
    """Count one report for ``who`` in each window; 429 with Retry-After past a limit."""
    now = utcnow()
    coll = ReportThrottle.get_pymongo_collection()
    for window, limit in ANONYMOUS_LIMITS if anonymous else ACCOUNT_LIMITS:
        seconds = int(window.total_seconds())
        bucket = int(now.timestamp()) // seconds
        doc = await coll.find_one_and_update(
            {"key": f"{who}:{seconds}:{bucket}"},
            {"$inc": {"hits": 1}, "$setOnInsert": {"expires_at": now + window}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        if doc is not None and doc["hits"] > limit:
            retry_after = (bucket + 1) * seconds - int(now.timestamp())
            raise TooManyRequests(
                "report-rate-limited",
                vi="Bạn đã gửi quá nhiều phản ánh. Vui lòng thử lại sau.",
                en="Too many reports from you; try again later.",
                retry_after=max(1, retry_after),
            )
