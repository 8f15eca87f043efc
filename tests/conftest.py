"""One embedded database server per test session; a fresh database and app per test module."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pymongo import MongoClient
from pymongo.database import Database

from backend.embedded_db import EmbeddedMongo
from backend.settings import AuthSettings, DatabaseSettings, ReceiptSettings, Settings
from tests.support import LiveServer, seed


@pytest.fixture(scope="session")
def mongo_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``TEST_MONGODB_URI`` (a real MongoDB replica set), or an embedded SecantusDB server."""
    external = os.environ.get("TEST_MONGODB_URI")
    if external:
        yield external
        return
    server = EmbeddedMongo(tmp_path_factory.mktemp("mongo") / "data")
    server.start()
    try:
        yield server.uri
    finally:
        server.stop()


@pytest.fixture(scope="module")
def settings(
    mongo_uri: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    module = re.sub(r"\W", "_", request.module.__name__.rsplit(".", 1)[-1])[:30]
    return Settings(
        env="test",
        db=DatabaseSettings(uri=mongo_uri, name=f"t_{module}_{uuid.uuid4().hex[:8]}"),
        auth=AuthSettings(
            key_dir=tmp_path_factory.mktemp("keys"),
            password_profile="cheapest",
            secure_cookies=False,
            **getattr(request.module, "AUTH_OVERRIDES", {}),
        ),
        receipts=ReceiptSettings(**getattr(request.module, "RECEIPT_OVERRIDES", {})),
    )


@pytest.fixture(scope="module")
def live_server(settings: Settings) -> Iterator[LiveServer]:
    """The app over real HTTP, with reference and demo data seeded."""
    seed(settings)
    server = LiveServer(settings).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def api(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def mongo(settings: Settings) -> Iterator[Database[dict[str, Any]]]:
    """Direct (synchronous) access to this module's database, for inspection."""
    assert settings.db.uri
    client: MongoClient[dict[str, Any]] = MongoClient(settings.db.uri, tz_aware=True)
    try:
        yield client[settings.db.name]
    finally:
        client.close()


@pytest.fixture(scope="session")
def project_root() -> Path:
    return Path(__file__).resolve().parent.parent
