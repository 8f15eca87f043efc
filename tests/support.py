"""Test helpers: a real uvicorn server in a thread, seeding, users."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn
from pymongo.database import Database

from backend.app import create_app
from backend.db import connect
from backend.embedded_db import free_port
from backend.identity.passwords import Passwords
from backend.seed import seed_all
from backend.settings import Settings


class LiveServer:
    """The real app on a real socket (uvicorn), in a background thread with its own loop."""

    def __init__(self, settings: Settings) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = create_app(settings)
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_config=None, lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name=f"uvicorn-{self.port}", daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def seed(settings: Settings, *, demo_accounts: bool = True, demo_dossiers: bool = False) -> None:
    """Seed through Beanie before the server starts (Beanie's state is per process)."""

    async def run() -> None:
        database = await connect(settings.db)
        try:
            await seed_all(
                Passwords(settings.auth.password_profile),
                demo_accounts=demo_accounts,
                database=database if demo_dossiers else None,
            )
        finally:
            await database.close()

    asyncio.run(run())


@dataclass
class Session:
    """A logged-in user as a client sees it."""

    access_token: str
    refresh_token: str | None
    user: dict[str, Any]

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


def unique_phone() -> str:
    """A fresh valid mobile number (09 + 8 random digits)."""
    return f"09{uuid.uuid4().int % 10**8:08d}"


def register(client: httpx.Client, **overrides: Any) -> Session:
    body = {
        "phone": unique_phone(),
        "password": "mat-khau-an-toan",
        "full_name": "Nguyễn Văn An",
        **overrides,
    }
    response = client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 201, response.text
    data = response.json()
    return Session(data["access_token"], data.get("refresh_token"), data["user"])


def login(client: httpx.Client, phone: str, password: str) -> Session:
    response = client.post("/api/v1/auth/login", json={"phone": phone, "password": password})
    assert response.status_code == 200, response.text
    data = response.json()
    return Session(data["access_token"], data.get("refresh_token"), data["user"])


def assert_problem(response: httpx.Response, status: int, slug: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"].startswith("/problems/")
    assert "title" in body
    assert "Traceback" not in response.text
    if slug is not None:
        assert body["type"] == f"/problems/{slug}", body
    return body


def _plan_stages(node: Any) -> list[str]:
    """Every plan stage name in an explain result, rejected plans excluded."""
    stages: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "rejectedPlans":
                continue
            if key == "stage" and isinstance(value, str):
                stages.append(value)
            stages += _plan_stages(value)
    elif isinstance(node, list):
        for item in node:
            stages += _plan_stages(item)
    return stages


@contextlib.contextmanager
def profiled(mongo: Database[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Record every command the app sends to this database while the block runs."""
    mongo.command("profile", 0)
    mongo["system.profile"].drop()
    mongo.command("profile", 2)
    captured: list[dict[str, Any]] = []
    try:
        yield captured
    finally:
        mongo.command("profile", 0)
        captured += [
            doc["command"] for doc in mongo["system.profile"].find() if isinstance(doc.get("command"), dict)
        ]


def _as_find(command: dict[str, Any]) -> dict[str, Any] | None:
    """The query part of a command as a ``find``, or ``None`` if it reads no documents.

    The embedded server's ``explain`` of update/delete always reports COLLSCAN, so writes are
    explained through the find their filter implies (what the planner uses for them anyway).
    """
    verb = next(iter(command))
    coll = command[verb]
    if verb == "update":
        return {"find": coll, "filter": command["updates"][0]["q"]}
    if verb == "delete":
        return {"find": coll, "filter": command["deletes"][0]["q"]}
    if verb == "findAndModify":
        return {"find": coll, "filter": command.get("query", {}), "sort": command.get("sort", {})}
    if verb in ("find", "aggregate", "count", "distinct"):
        if verb == "find" and not command.get("filter") and command.get("limit") == 1:
            return None  # GridFS's "is the bucket empty?" probe reads one document
        return {k: v for k, v in command.items() if not k.startswith("$") and k not in ("lsid", "txnNumber")}
    return None


def collection_scans(mongo: Database[dict[str, Any]], commands: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Re-explain each captured query; return those whose winning plan scans a collection."""
    scans = []
    for command in commands:
        query = _as_find(command)
        if query is None or str(query[next(iter(query))]).startswith("system."):
            continue
        explained = mongo.command("explain", query, verbosity="queryPlanner")
        if "COLLSCAN" in _plan_stages(explained):
            scans.append(query)
    return scans
