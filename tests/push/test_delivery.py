"""End to end: a dossier transition → outbox → worker → an encrypted push the peer decrypts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from pymongo.database import Database

from tests.dossiers.helpers import act, ok, submit, ward_official
from tests.push.conftest import WorkerProcess, wait_for
from tests.push.peer import PushPeer
from tests.support import Session, collection_scans, profiled, register


@pytest.fixture(scope="module")
def worker(worker_factory: Callable[[], WorkerProcess], live_server: Any) -> Iterator[WorkerProcess]:
    process = worker_factory().start()
    yield process
    process.stop()


def subscribe(api: httpx.Client, who: Session, peer: PushPeer, script: list[int | str] | None = None) -> str:
    sub = peer.subscription(script)
    response = api.post("/api/v1/push/subscriptions", json=sub, headers=who.headers)
    assert response.status_code == 201, response.text
    return sub["endpoint"].rsplit("/", 1)[1]


def accept_new_dossier(api: httpx.Client, who: Session) -> str:
    dossier = submit(api, who)
    ok(act(api, ward_official(api), dossier["code"], "accept", dossier["version"]))
    code: str = dossier["code"]
    return code


def pushes(peer: PushPeer, device: str, code: str) -> list[dict[str, Any]]:
    return [d.payload for d in peer.received(device) if d.payload.get("code") == code]


def test_the_public_key_is_served_without_login(api: httpx.Client) -> None:
    response = api.get("/api/v1/push/vapid-public-key")
    assert response.status_code == 200
    key = response.json()["public_key"]
    assert len(key) == 87  # 65 bytes, base64url without padding


def test_a_transition_reaches_the_phone_encrypted_and_in_vietnamese(
    api: httpx.Client, peer: PushPeer, worker: WorkerProcess
) -> None:
    peer.expected_vapid_key = api.get("/api/v1/push/vapid-public-key").json()["public_key"]
    person = register(api)
    device = subscribe(api, person, peer)
    dossier = submit(api, person)
    code = dossier["code"]
    ok(act(api, ward_official(api), code, "accept", dossier["version"]))

    accepted = wait_for(lambda: [p for p in pushes(peer, device, code) if "Đã tiếp nhận" in p["title"]])
    push = accepted[0]
    assert push["title"] == f"Hồ sơ {code}: Đã tiếp nhận"
    assert code in push["body"]
    assert "Đăng ký khai sinh" in push["body"]
    assert push["url"] == f"/ho-so/{code}"
    delivery = next(d for d in peer.received(device) if d.payload is push)
    assert delivery.claims["aud"] == peer.origin
    assert delivery.claims["sub"].startswith("mailto:")
    assert delivery.headers["topic"] == push["id"]
    assert int(delivery.headers["ttl"]) > 0
    # The submission itself was announced too, once each.
    wait_for(lambda: len(pushes(peer, device, code)) == 2)
    assert sorted(p["title"] for p in pushes(peer, device, code)) == sorted(
        [f"Hồ sơ {code}: Đã nộp, chờ tiếp nhận", f"Hồ sơ {code}: Đã tiếp nhận"]
    )
    assert not peer.refused


def test_the_inbox_has_the_same_notifications(
    api: httpx.Client, peer: PushPeer, worker: WorkerProcess
) -> None:
    person = register(api)
    code = accept_new_dossier(api, person)
    page = wait_for(
        lambda: (
            (body := api.get("/api/v1/notifications", headers=person.headers).json())["unread"] == 2 and body
        )
    )
    assert [n["dossier_code"] for n in page["items"]] == [code, code]
    assert page["items"][0]["title"].endswith("Đã tiếp nhận")


def test_a_410_removes_the_subscription(
    api: httpx.Client, peer: PushPeer, worker: WorkerProcess, mongo: Database[dict[str, Any]]
) -> None:
    person = register(api)
    device = subscribe(api, person, peer, script=[410, 410])  # both pushes may be in flight at once
    accept_new_dossier(api, person)
    wait_for(lambda: api.get("/api/v1/push/subscriptions", headers=person.headers).json()["items"] == [])
    jobs = wait_for(
        lambda: [
            j for j in mongo["push_jobs"].find({"user_id": person.user["id"]}) if j["state"] != "pending"
        ]
    )
    assert {j["state"] for j in mongo["push_jobs"].find({"user_id": person.user["id"]})} == {"gone"}
    assert jobs
    assert [a for a in peer.attempts if a[0] == device]  # it was tried, once per job at most
    assert not peer.received(device)


def test_a_429_waits_for_retry_after(
    api: httpx.Client, peer: PushPeer, worker: WorkerProcess, mongo: Database[dict[str, Any]]
) -> None:
    person = register(api)
    device = subscribe(api, person, peer, script=[429])
    code = dossier_code = accept_new_dossier(api, person)
    wait_for(lambda: len(pushes(peer, device, code)) == 2)
    first = min((a for a in peer.attempts if a[0] == device), key=lambda a: a[1])  # the scripted 429
    tries = sorted(t for d, t, topic in peer.attempts if d == device and topic == first[2])
    assert len(tries) == 2  # the 429, then the retry
    assert tries[1] - tries[0] >= 2.0  # the peer said Retry-After: 2
    job = wait_for(lambda: mongo["push_jobs"].find_one({"notification_id": first[2], "state": "done"}))
    assert job["attempts"] == 1  # a 429 is the service's pace, not a failure
    assert dossier_code


def test_a_413_is_not_retried_and_a_500_is(
    api: httpx.Client, peer: PushPeer, worker: WorkerProcess, mongo: Database[dict[str, Any]]
) -> None:
    person = register(api)
    rejected = subscribe(api, person, peer, script=[413, 413])
    flaky = subscribe(api, person, peer, script=[500, "hang"])
    code = accept_new_dossier(api, person)
    wait_for(lambda: len(pushes(peer, flaky, code)) == 2, timeout=30)
    query = {"user_id": person.user["id"], "state": {"$ne": "pending"}}
    jobs = wait_for(lambda: len(found := list(mongo["push_jobs"].find(query))) == 4 and found)
    by_device = {j["subscription_id"]: [] for j in jobs}
    for j in jobs:
        by_device[j["subscription_id"]].append(j)
    states = sorted(j["state"] for j in jobs)
    assert states == ["done", "done", "rejected", "rejected"]
    assert all(j["attempts"] == 1 for j in jobs if j["state"] == "rejected")
    assert len([t for d, t, _ in peer.attempts if d == rejected]) == 2  # once per push, never again
    assert max(j["attempts"] for j in jobs if j["state"] == "done") >= 2  # the 500 and the hang were retried
    assert not peer.received(rejected)


def test_every_query_on_the_way_uses_an_index(
    api: httpx.Client, peer: PushPeer, worker: WorkerProcess, mongo: Database[dict[str, Any]]
) -> None:
    """Profile API, relay and worker (another process, same database) through one delivery."""
    with profiled(mongo) as commands:
        person = register(api)
        gone = subscribe(api, person, peer, script=[410, 410])
        device = subscribe(api, person, peer)
        code = accept_new_dossier(api, person)
        wait_for(lambda: len(pushes(peer, device, code)) == 2)
        wait_for(
            lambda: len(api.get("/api/v1/push/subscriptions", headers=person.headers).json()["items"]) == 1
        )
        api.get("/api/v1/notifications", headers=person.headers)
    assert gone
    assert len(commands) > 10
    assert collection_scans(mongo, commands) == []
