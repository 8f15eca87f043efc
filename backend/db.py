"""Database lifecycle: the PyMongo async client, Beanie, and the embedded server when needed."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from typing import Any

from beanie import init_beanie
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from backend.agencies.documents import Agency
from backend.audit.documents import AuditEntry, AuditHead
from backend.calendar.documents import Holiday
from backend.catalogue.documents import Procedure
from backend.desk.documents import DeskRecord
from backend.dossiers.documents import DomainEvent, Dossier, DossierCounter
from backend.drafts.documents import Draft
from backend.embedded_db import EmbeddedMongo, ensure_database_uri
from backend.feedback.documents import Report, ReportThrottle
from backend.idempotency import IdempotencyRecord
from backend.identity.documents import LoginThrottle, RefreshToken, User
from backend.push.documents import ScanMark
from backend.ratings.documents import Rating
from backend.receipts.documents import Receipt
from backend.settings import DatabaseSettings
from backend.stats.documents import KpiCounter, OfficialCounter
from notifications import NOTIFICATION_MODELS

log = logging.getLogger("congdanso.db")

#: Every Beanie document of the app, in one place: ``init_beanie`` creates their indexes.
DOCUMENT_MODELS: list[Any] = [
    User,
    RefreshToken,
    LoginThrottle,
    Agency,
    Procedure,
    Holiday,
    Dossier,
    DossierCounter,
    DomainEvent,
    Draft,
    IdempotencyRecord,
    Receipt,
    DeskRecord,
    AuditEntry,
    AuditHead,
    Rating,
    Report,
    ReportThrottle,
    KpiCounter,
    OfficialCounter,
    *NOTIFICATION_MODELS,
    ScanMark,
]


@dataclass
class Database:
    client: AsyncMongoClient[dict[str, Any]]
    db: AsyncDatabase[dict[str, Any]]
    embedded: EmbeddedMongo | None = None

    async def ping(self) -> bool:
        try:
            await asyncio.wait_for(self.client.admin.command("ping"), timeout=2.0)
        except Exception:  # any failure means "not ready"; the reason is logged
            log.warning("database ping failed", exc_info=True)
            return False
        return True

    async def close(self) -> None:
        # close() ends server sessions; with the database gone it would wait a full server
        # selection timeout, so a dead database must not hold up our shutdown.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.client.close(), timeout=3.0)
        if self.embedded is not None:
            await asyncio.to_thread(self.embedded.stop)


async def connect(settings: DatabaseSettings) -> Database:
    """Connect (starting the embedded server if no URI is set) and initialise Beanie."""
    uri, embedded = await asyncio.to_thread(ensure_database_uri, settings.uri, settings.data_dir)
    if embedded is not None:
        log.info(
            "embedded database started", extra={"data_dir": str(settings.data_dir), "port": embedded.port}
        )
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
        uri, tz_aware=True, serverSelectionTimeoutMS=10_000, appname="congdanso"
    )
    try:
        db = client[settings.name]
        await init_beanie(database=db, document_models=DOCUMENT_MODELS)
    except BaseException:
        await client.close()
        if embedded is not None:
            await asyncio.to_thread(embedded.stop)
        raise
    return Database(client=client, db=db, embedded=embedded)
