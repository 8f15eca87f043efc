"""Push tests: a fast-paced worker as a real subprocess, the local push peer, direct DB helpers."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from backend.db import connect
from backend.settings import Settings
from notifications.settings import NotifySettings
from tests.push.peer import PushPeer
from tests.support import LiveServer

T = TypeVar("T")

#: Seconds, kept short so retries and crashed leases play out within a test.
WORKER_ENV = {
    "PUSH_LEASE_SECONDS": "5",
    "PUSH_TIMEOUT_SECONDS": "1.5",
    "PUSH_BACKOFF_BASE_SECONDS": "0.2",
    "PUSH_MAX_ATTEMPTS": "15",
    "PUSH_IDLE_POLL_SECONDS": "0.1",
    "PUSH_BATCH_SIZE": "50",
}


@pytest.fixture(scope="module")
def settings(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The shared test settings, with this module's own VAPID key directory."""
    push = NotifySettings(vapid_dir=tmp_path_factory.mktemp("vapid"))
    return dataclasses.replace(settings, push=push)


@pytest.fixture(scope="module")
def peer() -> Iterator[PushPeer]:
    server = PushPeer().start()
    try:
        yield server
    finally:
        server.stop()


class WorkerProcess:
    """``congdanso worker`` on this module's database, started and stopped by the test."""

    def __init__(self, settings: Settings, log: Path) -> None:
        assert settings.db.uri
        self.env = {
            **os.environ,
            **WORKER_ENV,
            "MONGODB_URI": settings.db.uri,
            "MONGODB_DB": settings.db.name,
            "VAPID_DIR": str(settings.push.vapid_dir),
            "APP_ENV": "test",
            "LOG_LEVEL": "WARNING",
        }
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> WorkerProcess:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "backend.cli", "worker"], env=self.env, stdout=out, stderr=out
            )
        return self

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(10)

    def terminate(self) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture(scope="module")
def worker_factory(
    settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[], WorkerProcess]]:
    started: list[WorkerProcess] = []
    log = tmp_path_factory.mktemp("worker") / "worker.log"

    def make() -> WorkerProcess:
        worker = WorkerProcess(settings, log)
        started.append(worker)
        return worker

    yield make
    for worker in started:
        worker.stop()


def run_db(settings: Settings, work: Callable[[Any], Awaitable[T]]) -> T:
    """Run ``work(database)`` with Beanie initialised on this module's database."""

    async def main() -> T:
        database = await connect(settings.db)
        try:
            return await work(database)
        finally:
            await database.close()

    return asyncio.run(main())


def on_server(server: LiveServer, work: Callable[[Any], Awaitable[T]]) -> T:
    """Run ``work(database)`` on the live server's own loop (Beanie's state is per process: a
    second client here would steal it from the server)."""
    loop = server.server.servers[0].get_loop()
    return asyncio.run_coroutine_threadsafe(work(server.app.state.database), loop).result(timeout=60)


def wait_for(predicate: Callable[[], T], timeout: float = 30.0, interval: float = 0.05) -> T:
    """Poll until ``predicate()`` is truthy; fail with a clear message if it never is."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        time.sleep(interval)
