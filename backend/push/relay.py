"""The dossier outbox consumer: each ``dossier_events`` row becomes notifications exactly once.

Each row is handled in one transaction that enqueues and marks it published; notification ids
are stable per (kind, row, user), so two workers relaying the same row, or a retried
transaction, write nothing twice.
"""

from __future__ import annotations

import logging
from typing import Any

from pymongo import AsyncMongoClient

from backend.dossiers.documents import DomainEvent, Dossier
from backend.identity.documents import utcnow
from backend.push.triggers import on_event
from backend.transactions import Session, in_transaction

log = logging.getLogger("congdanso.push.relay")
BATCH = 200


async def relay_once(client: AsyncMongoClient[dict[str, Any]]) -> int:
    """Publish up to ``BATCH`` unpublished events, oldest first; returns how many were published.

    A row that fails is logged and left unpublished (retried at the next pass): it must not
    hold back every row after it."""
    events = DomainEvent.get_pymongo_collection()
    pending = [
        e
        async for e in events.find({"published_at": None}, sort=[("published_at", 1), ("at", 1)]).limit(BATCH)
    ]
    dossiers = Dossier.get_pymongo_collection()
    published = 0
    for event in pending:

        async def work(session: Session, event: dict[str, Any] = event) -> None:
            dossier = await dossiers.find_one({"code": event["dossier_code"]}, session=session)
            if dossier is not None:
                await on_event(session, event, dossier)
            await events.update_one(
                {"_id": event["_id"]}, {"$set": {"published_at": utcnow()}}, session=session
            )

        try:
            await in_transaction(client, work)
        except Exception:
            log.exception("relaying an outbox row failed", extra={"event": str(event["_id"])})
            continue
        published += 1
    return published
