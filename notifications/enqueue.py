"""``enqueue``: the one entry point producers call, inside their own transaction.

Save the notification first, then one delivery job per subscription (GOV.UK Notify): the worker
only ever needs the job. The notification id is derived from (kind, event key, user), so
enqueueing the same event twice, or a transaction retried, writes nothing new.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession

from notifications.documents import (
    DeliveryJob,
    InboxNotification,
    JobState,
    Preferences,
    PushSubscription,
    utcnow,
)
from notifications.quiet import release_time
from notifications.texts import Kind, Values, render

#: Push services accept ~4 KB of payload; keep well under it (the body is cut, never the id).
MAX_BODY_CHARS = 600


def notification_id(kind: Kind, key: str, user_id: str) -> str:
    """Stable: the same event for the same person always has the same id (32 hex chars)."""
    return hashlib.sha256(f"{kind}|{key}|{user_id}".encode()).hexdigest()[:32]


async def enqueue(
    session: AsyncClientSession | None,
    *,
    user_id: str,
    kind: Kind,
    key: str,
    lang: str,
    values: Values,
    url: str,
    dossier_code: str | None = None,
    urgent: bool = False,
    now: datetime | None = None,
) -> str:
    """Write the inbox entry and its delivery jobs (once); return the notification id.

    ``key`` names the event (e.g. the outbox row id, or "<code>|<due date>" for a reminder).
    Quiet hours hold a non-urgent push until they end; a kind the user switched off still
    reaches the inbox but not the lock screen.
    """
    now = now or utcnow()
    nid = notification_id(kind, key, user_id)
    title, body = render(kind, lang, values)
    body = body[:MAX_BODY_CHARS]
    inserted = await InboxNotification.get_pymongo_collection().update_one(
        {"_id": nid},
        {
            "$setOnInsert": {
                "user_id": user_id,
                "kind": str(kind),
                "dossier_code": dossier_code,
                "title": title,
                "body": body,
                "url": url,
                "created_at": now,
                "read_at": None,
                "sort_key": f"{now.isoformat()}|{nid}",
            }
        },
        upsert=True,
        session=session,
    )
    if inserted.upserted_id is None:
        return nid  # enqueued before: nothing more to do
    prefs = await Preferences.get_pymongo_collection().find_one({"_id": user_id}, session=session)
    if prefs and str(kind) in prefs.get("disabled_kinds", []):
        return nid
    available_at = now
    quiet = (prefs or {}).get("quiet_hours")
    if quiet and not urgent:
        available_at = release_time(now, quiet["start"], quiet["end"]) or now
    payload = json.dumps(
        {"id": nid, "kind": str(kind), "title": title, "body": body, "url": url, "code": dossier_code},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    subscriptions = PushSubscription.get_pymongo_collection().find(
        {"user_id": user_id}, {"_id": 1}, session=session
    )
    jobs: list[dict[str, Any]] = [
        {
            "_id": f"{nid}.{sub['_id']}",
            "notification_id": nid,
            "subscription_id": sub["_id"],
            "user_id": user_id,
            "payload": payload,
            "urgency": "high" if urgent else "normal",
            "state": JobState.pending,
            "available_at": available_at,
            "lease": None,
            "attempts": 0,
            "last_status": None,
            "last_error": None,
            "created_at": now,
            "finished_at": None,
        }
        async for sub in subscriptions
    ]
    if jobs:
        await DeliveryJob.get_pymongo_collection().insert_many(jobs, session=session)
    return nid
