"""Multi-document transactions with retries on transient conflicts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import PyMongoError

T = TypeVar("T")
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
                if exc.has_error_label("TransientTransactionError") and attempt < attempts - 1:
                    continue
                raise
    raise RuntimeError("unreachable")  # pragma: no cover
