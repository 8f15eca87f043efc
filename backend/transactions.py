"""Multi-document transactions with retries on transient conflicts."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import PyMongoError

from backend.errors import AppError

T = TypeVar("T")


class Busy(AppError):
    """Still conflicting after every retry: a 503 the client (or its outbox) retries later."""

    status_code, default_slug = 503, "busy-retry"

    def __init__(self, *, vi: str, en: str) -> None:
        super().__init__(vi=vi, en=en, headers={"Retry-After": "1"})


Session = AsyncClientSession


async def in_transaction(
    client: AsyncMongoClient[dict[str, Any]], work: Callable[[Session], Awaitable[T]], attempts: int = 8
) -> T:
    """Run ``work(session)`` in one transaction; retry it whole on a transient conflict.

    Two officials acting on one dossier, or two audit appends, conflict on the same document:
    the server aborts one transaction with ``TransientTransactionError`` and we run it again
    from the start, so it sees the winner's write (and usually fails its version check).
    """
    for attempt in range(attempts):
        async with client.start_session() as session:
            try:
                async with await session.start_transaction():
                    return await work(session)
            except PyMongoError as exc:
                if not exc.has_error_label("TransientTransactionError"):
                    raise
                if attempt == attempts - 1:
                    raise Busy(
                        vi="Hệ thống đang bận xử lý yêu cầu khác trên cùng dữ liệu. Vui lòng thử lại.",
                        en="Too many simultaneous changes to the same record; retry shortly.",
                    ) from exc
        # Racing writers retried in lockstep conflict again: spread them out (≤ ~0.6 s in all).
        await asyncio.sleep(random.uniform(0, 0.005 * 2**attempt))  # noqa: S311
    raise RuntimeError("unreachable")  # pragma: no cover
