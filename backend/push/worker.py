"""``congdanso worker``: the notifications worker plus the backend's producers.

The process runs one :class:`notifications.worker.runner.Worker` (claim → send → record) and,
on the same event loop, the dossier-outbox relay (every 0.3 s) and the time-based scan (every
minute). Any number of worker processes may run: claims are leased, producers idempotent.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys

from backend.db import connect
from backend.embedded_db import _die_with_parent
from backend.push.relay import relay_once
from backend.push.scan import scan_all
from backend.settings import Settings
from notifications.vapid import VapidSigner, load_key
from notifications.worker.runner import Worker, install_signal_handlers, run_fast

log = logging.getLogger("congdanso.push")
RELAY_EVERY = 0.3
SCAN_EVERY = 60.0


async def run_worker(settings: Settings) -> None:
    key = load_key(settings.push, create=not settings.is_production)
    database = await connect(settings.db)
    try:
        client = database.client

        async def relay() -> int:
            return await relay_once(client)

        async def scan() -> dict[str, int]:
            return await scan_all(client)

        worker = Worker(
            database.db,
            settings.push,
            VapidSigner(key, settings.push.vapid_subject),
            periodic=[(RELAY_EVERY, relay), (SCAN_EVERY, scan)],
        )
        install_signal_handlers(worker)
        await worker.run()
    finally:
        await database.close()


def spawn_worker(database_uri: str) -> subprocess.Popen[bytes]:
    """``serve`` runs the worker as a child on the same database; it dies with us (Linux)."""
    env = {**os.environ, "MONGODB_URI": database_uri}
    return subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "worker"],
        env=env,
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )


def main(settings: Settings) -> int:
    with contextlib.suppress(KeyboardInterrupt):
        run_fast(run_worker(settings))
    return 0
