"""What every benchmark needs: an embedded server, the seeded app over HTTP, a raw client, timing."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from pymongo import MongoClient
from pymongo.database import Database

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.embedded_db import EmbeddedMongo
from backend.settings import AuthSettings, DatabaseSettings, Settings
from tests.support import LiveServer, seed


@contextmanager
def running_app(*, demo_accounts: bool) -> Iterator[tuple[httpx.Client, Database[dict[str, Any]]]]:
    """The API (seeded) over HTTP and a raw PyMongo handle on the same server's database."""
    with tempfile.TemporaryDirectory() as tmp, EmbeddedMongo(Path(tmp) / "db") as mongo:
        settings = Settings(
            env="bench",
            log_level="WARNING",
            db=DatabaseSettings(uri=mongo.uri, name="bench"),
            auth=AuthSettings(key_dir=Path(tmp) / "keys", password_profile="cheapest"),
        )
        seed(settings, demo_accounts=demo_accounts)
        server = LiveServer(settings).start()
        raw: MongoClient[dict[str, Any]] = MongoClient(mongo.uri)
        try:
            with httpx.Client(base_url=server.url, timeout=60) as api:
                yield api, raw["bench"]
        finally:
            server.stop()
            raw.close()


def timed(fn: Callable[[], Any], n: int) -> list[float]:
    samples = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return samples


def ms(samples: list[float], q: float) -> float:
    """The q-quantile in milliseconds."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000
