"""Claiming due jobs in batches with an atomic lease.

One claimer per process (many concurrent ``find_one_and_update`` claimers crawl on the embedded
server): find up to N due ids, lease them in one ``update_many`` whose filter repeats the "due"
condition (so a job another worker leased meanwhile is skipped), then read back what we got.
A job stays ``pending`` while leased, with ``available_at`` = the lease's end: if the worker dies,
the job is simply due again when the lease runs out.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pymongo import UpdateOne
from pymongo.asynchronous.collection import AsyncCollection

from notifications.documents import JobState

Collection = AsyncCollection[dict[str, Any]]


async def claim(
    jobs: Collection, lease: str, now: datetime, limit: int, lease_seconds: float
) -> list[dict[str, Any]]:
    due = {"state": JobState.pending, "available_at": {"$lte": now}}
    ids = [doc["_id"] async for doc in jobs.find(due, {"_id": 1}, sort=[("available_at", 1)]).limit(limit)]
    if not ids:
        return []
    until = now + timedelta(seconds=lease_seconds)
    take = {"$set": {"lease": lease, "available_at": until}, "$inc": {"attempts": 1}}
    await jobs.bulk_write([UpdateOne({"_id": i, **due}, take) for i in ids], ordered=False)
    return [doc async for doc in jobs.find({"lease": lease, "state": JobState.pending})]


async def release(jobs: Collection, lease: str, ids: list[str], now: datetime) -> None:
    """Give unsent jobs back at once (graceful stop), attempt not counted."""
    if ids:
        back = {"$set": {"lease": None, "available_at": now}, "$inc": {"attempts": -1}}
        await jobs.bulk_write(
            [UpdateOne({"_id": i, "lease": lease, "state": JobState.pending}, back) for i in ids]
        )
