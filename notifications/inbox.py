"""The in-app inbox: newest first with a keyset cursor, the unread count, marking read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from notifications.documents import InboxNotification, utcnow


@dataclass
class Page:
    items: list[dict[str, Any]]
    next_after: str | None  # the last item's sort key when there may be more
    unread: int


async def page(user_id: str, after: str | None, limit: int) -> Page:
    collection = InboxNotification.get_pymongo_collection()
    query: dict[str, Any] = {"user_id": user_id}
    if after is not None:
        query["sort_key"] = {"$lt": after}
    cursor = collection.find(query, sort=[("sort_key", -1)]).limit(limit + 1)
    items = [doc async for doc in cursor]
    more = len(items) > limit
    items = items[:limit]
    unread = await collection.count_documents({"user_id": user_id, "read_at": None})
    return Page(items, items[-1]["sort_key"] if more else None, unread)


async def mark_read(user_id: str, ids: list[str] | None) -> int:
    """Mark ``ids`` (or everything when ``None``) read; returns the unread count after."""
    collection = InboxNotification.get_pymongo_collection()
    query: dict[str, Any] = {"user_id": user_id, "read_at": None}
    if ids is not None:
        query["_id"] = {"$in": ids}
    await collection.update_many(query, {"$set": {"read_at": utcnow()}})
    return await collection.count_documents({"user_id": user_id, "read_at": None})
