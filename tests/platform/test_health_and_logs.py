"""Probes, request ids, and readiness that follows the database."""

from __future__ import annotations

import json
import logging
import re
import time
from pathlib import Path

import httpx
import pytest

from backend.settings import AuthSettings, DatabaseSettings, Settings
from tests.support import LiveServer, assert_problem


def test_probes(api: httpx.Client) -> None:
    assert api.get("/healthz").json() == {"status": "ok"}
    assert api.get("/readyz").json() == {"status": "ready"}


def test_every_response_carries_a_request_id(api: httpx.Client) -> None:
    generated = api.get("/healthz").headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    echoed = api.get("/api/v1/procedures/NOPE", headers={"X-Request-ID": "phone-42.retry-1"})
    assert echoed.headers["x-request-id"] == "phone-42.retry-1"
    assert echoed.json()["request_id"] == "phone-42.retry-1"
    # An unsafe id is replaced, not echoed.
    assert api.get("/healthz", headers={"X-Request-ID": "<script>"}).headers["x-request-id"] != "<script>"
    assert api.get("/no/such/route").headers["x-request-id"]


def test_access_logs_are_json_with_the_request_id(
    api: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    from backend.observability import JsonFormatter

    with caplog.at_level(logging.INFO, logger="congdanso.access"):
        api.get("/healthz", headers={"X-Request-ID": "log-check-1"})
        # The access line is written by the server thread after the response has gone out.
        deadline = time.monotonic() + 5
        while not (records := [r for r in caplog.records if getattr(r, "request_id", None) == "log-check-1"]):
            assert time.monotonic() < deadline, "no access log line for the request"
            time.sleep(0.02)
    line = json.loads(JsonFormatter().format(records[-1]))
    assert line["message"] == "request"
    assert line["path"] == "/healthz"
    assert line["status"] == 200
    assert line["request_id"] == "log-check-1"
    assert "duration_ms" in line


def test_readiness_fails_when_the_database_dies(tmp_path: Path) -> None:
    settings = Settings(
        env="test",
        db=DatabaseSettings(uri=None, data_dir=tmp_path / "db"),
        auth=AuthSettings(key_dir=tmp_path / "keys", password_profile="cheapest"),
    )
    server = LiveServer(settings).start()
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            assert client.get("/readyz").status_code == 200
            server.app.state.database.embedded.kill()
            body = assert_problem(client.get("/readyz"), 503, "not-ready")
            assert body["detail"]
            assert client.get("/healthz").status_code == 200  # the process itself is fine
    finally:
        server.stop()
