"""The audit chain detects tampering; lists and queues never scan a collection; demo data is alive."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import httpx
import pytest
from pymongo.database import Database

from backend.settings import Settings
from tests.dossiers.helpers import act, citizen, leader, ok, submit, ward_official
from tests.support import LiveServer, collection_scans, profiled, seed

ALL_STATES = {
    "submitted", "accepted", "returned", "in_processing", "supplement_requested", "supplemented",
    "approved", "rejected", "result_ready", "completed", "withdrawn",
}  # fmt: skip


@pytest.fixture(scope="module")
def live_server(settings: Settings) -> Any:
    """This module's server also has the demo dossiers (one in every state)."""
    seed(settings, demo_dossiers=True)
    server = LiveServer(settings).start()
    yield server
    server.stop()


def audit_verify(settings: Settings) -> subprocess.CompletedProcess[str]:
    assert settings.db.uri
    env = {**os.environ, "MONGODB_URI": settings.db.uri, "MONGODB_DB": settings.db.name}
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", "audit", "verify"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_demo_dossiers_cover_every_state(api: httpx.Client) -> None:
    items = ok(api.get("/api/v1/dossiers", params={"limit": 100}, headers=citizen(api).headers))["items"]
    assert {d["status"]["code"] for d in items} >= ALL_STATES


def test_audit_verification_detects_an_edited_entry(
    api: httpx.Client, settings: Settings, mongo: Database[dict[str, Any]]
) -> None:
    d = submit(api, citizen(api))
    ok(act(api, ward_official(api), d["code"], "accept", d["version"]))
    intact = audit_verify(settings)
    assert intact.returncode == 0, intact.stderr
    assert "intact" in intact.stdout
    target = mongo.audit_log.find_one({"target": f"dossier:{d['code']}", "action": "accept"})
    assert target is not None
    mongo.audit_log.update_one({"_id": target["_id"]}, {"$set": {"actor_id": "someone-else"}})
    try:
        broken = audit_verify(settings)
        assert broken.returncode == 1
        assert f"entry {target['seq']}" in broken.stderr
    finally:
        mongo.audit_log.update_one({"_id": target["_id"]}, {"$set": {"actor_id": target["actor_id"]}})
    assert audit_verify(settings).returncode == 0
    removed = mongo.audit_log.find_one(sort=[("seq", -1)])
    assert removed is not None
    mongo.audit_log.delete_one({"_id": removed["_id"]})
    try:
        assert audit_verify(settings).returncode == 1
    finally:
        mongo.audit_log.insert_one(removed)


def test_every_audit_entry_matches_a_history_step(api: httpx.Client, mongo: Database[dict[str, Any]]) -> None:
    d = submit(api, citizen(api))
    ok(act(api, ward_official(api), d["code"], "accept", d["version"]))
    entries = list(mongo.audit_log.find({"target": f"dossier:{d['code']}"}, sort=[("seq", 1)]))
    assert [e["action"] for e in entries] == ["submit", "accept"]
    events = list(mongo.dossier_events.find({"dossier_code": d["code"]}, sort=[("at", 1)]))
    assert [(e["type"], e["to_status"]) for e in events] == [
        ("dossier.submitted", "submitted"),
        ("dossier.transitioned", "accepted"),
    ]


def test_list_queue_and_overdue_queries_use_indexes(
    api: httpx.Client, mongo: Database[dict[str, Any]]
) -> None:
    an, binh, duc = citizen(api), ward_official(api), leader(api)
    with profiled(mongo) as commands:
        page = ok(api.get("/api/v1/dossiers", params={"limit": 3}, headers=an.headers))
        api.get("/api/v1/dossiers", params={"limit": 3, "cursor": page["next_cursor"]}, headers=an.headers)
        api.get("/api/v1/dossiers", params={"status": "completed"}, headers=an.headers)
        api.get("/api/v1/dossiers", headers=binh.headers)
        api.get("/api/v1/dossiers", params={"status": "accepted"}, headers=binh.headers)
        api.get("/api/v1/dossiers", headers=duc.headers)
        api.get("/api/v1/dossiers", params={"status": "rejected"}, headers=duc.headers)
        api.get("/api/v1/dossiers/overdue", headers=duc.headers)
        api.get("/api/v1/dossiers/overdue", headers=binh.headers)
        for params in (
            {},
            {"mine": "true"},
            {"status": "submitted"},
            {"overdue": "true"},
            {"mine": "true", "overdue": "true"},
        ):
            api.get("/api/v1/workbench/queue", params=params, headers=binh.headers)
        api.get("/api/v1/workbench/officials", headers=binh.headers)
        code = page["items"][0]["code"]
        api.get(f"/api/v1/dossiers/{code}", headers=an.headers)
        secret = ok(api.get(f"/api/v1/dossiers/{code}", headers=an.headers))["lookup_secret"]
        api.get(f"/api/v1/lookup/{code}", params={"secret": secret})
        api.get("/api/v1/drafts", headers=an.headers)
    assert len(commands) >= 18
    scans = collection_scans(mongo, commands)
    assert scans == [], [s["filter"] for s in scans]


def test_the_five_clear_view_names_who_holds_it(api: httpx.Client) -> None:
    an = citizen(api)
    items = ok(api.get("/api/v1/dossiers", params={"status": "in_processing"}, headers=an.headers))["items"]
    view = ok(api.get(f"/api/v1/dossiers/{items[0]['code']}", headers=an.headers))
    assert view["holder"] == {
        "kind": "official",
        "name_vi": "Trần Thị Bình",
        "name_en": "Trần Thị Bình",
        "position": "Công chức Tư pháp - Hộ tịch",
        "since": view["holder"]["since"],
    }
    assert view["due_at"]
    assert view["timeliness"] == "on_time"
    english = api.get(
        f"/api/v1/dossiers/{items[0]['code']}", headers={**an.headers, "Accept-Language": "en"}
    ).json()
    assert english["status"]["label_en"] == "In processing"
