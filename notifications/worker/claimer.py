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
    await jobs.update_many(
        {"_id": {"$in": ids}, **due},
        {
            "$set": {"lease": lease, "available_at": now + timedelta(seconds=lease_seconds)},
            "$inc": {"attempts": 1},
        },
    )
    return [doc async for doc in jobs.find({"lease": lease, "state": JobState.pending})]


async def release(jobs: Collection, lease: str, ids: list[str], now: datetime) -> None:
    """Give unsent jobs back at once (graceful stop), attempt not counted."""
    if ids:
        await jobs.update_many(
            {"_id": {"$in": ids}, "lease": lease, "state": JobState.pending},
            {"$set": {"lease": None, "available_at": now}, "$inc": {"attempts": -1}},
        )
