"""The push API: subscriptions (validated, deduplicated), the inbox, preferences and quiet hours."""

from __future__ import annotations

import asyncio
import base64
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from pymongo.database import Database

from backend.db import Database as AppDatabase
from backend.transactions import Session, in_transaction
from notifications import Kind, enqueue
from notifications.quiet import LOCAL_TZ
from tests.push.conftest import on_server
from tests.push.peer import PushPeer
from tests.support import LiveServer, assert_problem, collection_scans, profiled, register


def notify(
    server: LiveServer, user_id: str, keys: list[str], kind: Kind = Kind.status_changed, **kw: Any
) -> list[str]:
    async def work(db: AppDatabase) -> list[str]:
        ids = []
        for key in keys:

            async def one(session: Session, key: str = key) -> str:
                return await enqueue(
                    session,
                    user_id=user_id,
                    kind=kind,
                    key=key,
                    lang=kw.get("lang", "vi"),
                    values={
                        "code": key,
                        "procedure": ("Đăng ký khai sinh", "Birth registration"),
                        "status": ("Đã tiếp nhận", "Accepted"),
                        "items": "CCCD",
                        "date": "25/11/2026",
                        "agency": ("UBND phường", "Ward"),
                    },
                    url=f"/ho-so/{key}",
                    dossier_code=key,
                    urgent=kw.get("urgent", False),
                    now=kw.get("now"),
                )

            ids.append(await in_transaction(db.client, one))
        return ids

    return on_server(server, work)


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_subscribing_validates_the_keys(api: httpx.Client, peer: PushPeer) -> None:
    person = register(api)
    good = peer.subscription()
    url = "/api/v1/push/subscriptions"

    def post(body: dict[str, Any]) -> httpx.Response:
        return api.post(url, json=body, headers=person.headers)

    off_curve = b64(b"\x04" + b"\x01" * 64)
    problem = assert_problem(
        post({**good, "keys": {**good["keys"], "p256dh": off_curve}}), 422, "invalid-p256dh"
    )
    assert problem["errors"][0]["field"] == "keys.p256dh"
    assert_problem(
        post({**good, "keys": {**good["keys"], "auth": b64(secrets.token_bytes(15))}}),
        422,
        "invalid-auth-secret",
    )
    assert_problem(post({**good, "endpoint": "http://push.example.com/x"}), 422, "invalid-endpoint")
    assert_problem(post({**good, "endpoint": "ftp://push.example.com/x"}), 422, "invalid-endpoint")
    assert_problem(post({"endpoint": good["endpoint"]}), 400, "validation-error")
    assert_problem(post({**good, "keys": {**good["keys"], "p256dh": "not base64!"}}), 400, "validation-error")
    assert_problem(post({**good, "extra": 1}), 400, "validation-error")
    assert api.get(url, headers=person.headers).json()["items"] == []


def test_an_unparsable_endpoint_url_is_a_422_not_a_500(api: httpx.Client, peer: PushPeer) -> None:
    person = register(api)
    good = peer.subscription()
    for endpoint in ("https://[::1", "https://[push.example.com]/x", "https://push.example.com:99999/x"):
        response = api.post(
            "/api/v1/push/subscriptions", json={**good, "endpoint": endpoint}, headers=person.headers
        )
        assert_problem(response, 422, "invalid-endpoint")


def test_one_device_one_subscription_deduplicated_by_endpoint(api: httpx.Client, peer: PushPeer) -> None:
    first, second = register(api), register(api)
    sub = peer.subscription()
    url = "/api/v1/push/subscriptions"
    created = api.post(url, json={**sub, "label": "Điện thoại của An"}, headers=first.headers)
    assert created.status_code == 201
    again = api.post(url, json={**sub, "label": "Điện thoại của An"}, headers=first.headers)
    assert again.status_code == 200
    assert again.json()["id"] == created.json()["id"]
    devices = api.get(url, headers=first.headers).json()["items"]
    assert [d["label"] for d in devices] == ["Điện thoại của An"]
    assert devices[0]["endpoint_origin"] == peer.origin
    # Someone else signs in on the same phone: the device is theirs now, not both.
    moved = api.post(url, json=sub, headers=second.headers)
    assert moved.status_code == 200
    assert api.get(url, headers=first.headers).json()["items"] == []
    device_id = moved.json()["id"]
    assert_problem(api.delete(f"{url}/{device_id}", headers=first.headers), 404, "subscription-not-found")
    assert_problem(api.delete(f"{url}/not-an-id", headers=second.headers), 400)
    assert api.delete(f"{url}/{device_id}", headers=second.headers).status_code == 204
    assert api.get(url, headers=second.headers).json()["items"] == []


def test_the_inbox_pages_newest_first_and_counts_unread(
    api: httpx.Client, live_server: LiveServer, mongo: Database[dict[str, Any]]
) -> None:
    person = register(api)
    keys = [f"HD-2026-{i:06d}" for i in range(25)]
    notify(live_server, person.user["id"], keys)
    notify(live_server, person.user["id"], keys[:3])  # the same events again: nothing new
    seen: list[dict[str, Any]] = []
    cursor = None
    with profiled(mongo) as commands:
        while True:
            params: dict[str, Any] = {"limit": 10, **({"cursor": cursor} if cursor else {})}
            page = api.get("/api/v1/notifications", params=params, headers=person.headers).json()
            assert page["unread"] == 25
            seen += page["items"]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        ids = [n["id"] for n in seen[:2]]
        after = api.post("/api/v1/notifications/read", json={"ids": ids}, headers=person.headers).json()
    assert collection_scans(mongo, commands) == []
    assert len(seen) == 25
    assert [n["dossier_code"] for n in seen] == list(reversed(keys))
    assert after == {"unread": 23}
    listed = api.get("/api/v1/notifications", params={"limit": 2}, headers=person.headers).json()
    assert [n["read"] for n in listed["items"]] == [True, True]
    assert api.post("/api/v1/notifications/read", json={"all": True}, headers=person.headers).json() == {
        "unread": 0
    }
    other = register(api)
    assert api.get("/api/v1/notifications", headers=other.headers).json() == {
        "items": [],
        "next_cursor": None,
        "unread": 0,
    }
    assert_problem(
        api.get("/api/v1/notifications", params={"cursor": "%%%"}, headers=person.headers),
        422,
        "invalid-cursor",
    )
    assert_problem(api.get("/api/v1/notifications", params={"limit": 0}, headers=person.headers), 400)


def test_english_speakers_get_english(api: httpx.Client, live_server: LiveServer) -> None:
    person = register(api)
    notify(live_server, person.user["id"], ["HD-2026-000777"], lang="en")
    item = api.get("/api/v1/notifications", headers=person.headers).json()["items"][0]
    assert item["title"] == "Dossier HD-2026-000777: Accepted"
    assert "Birth registration" in item["body"]


def test_preferences_switch_kinds_off_and_hold_pushes_in_quiet_hours(
    api: httpx.Client, live_server: LiveServer, peer: PushPeer, mongo: Database[dict[str, Any]]
) -> None:
    person = register(api)
    url = "/api/v1/push/preferences"
    defaults = api.get(url, headers=person.headers).json()
    assert defaults["disabled_kinds"] == []
    assert defaults["quiet_hours"] is None
    assert "rating_request" in defaults["kinds"]
    assert_problem(
        api.put(url, json={"disabled_kinds": ["nonsense"]}, headers=person.headers), 422, "unknown-kind"
    )
    assert_problem(
        api.put(url, json={"quiet_hours": {"start": "25:00", "end": "06:00"}}, headers=person.headers), 400
    )
    saved = api.put(
        url,
        json={"disabled_kinds": ["due_soon"], "quiet_hours": {"start": "22:00", "end": "06:30"}},
        headers=person.headers,
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["quiet_hours"] == {"start": "22:00", "end": "06:30"}
    api.post("/api/v1/push/subscriptions", json=peer.subscription(), headers=person.headers)
    uid = person.user["id"]

    night = datetime(2026, 11, 24, 23, 15, tzinfo=LOCAL_TZ).astimezone(UTC)
    morning = datetime(2026, 11, 25, 6, 30, tzinfo=LOCAL_TZ).astimezone(UTC)
    [held] = notify(live_server, uid, ["HD-2026-000101"], now=night)
    [urgent] = notify(live_server, uid, ["HD-2026-000102"], now=night, urgent=True)
    [daytime] = notify(live_server, uid, ["HD-2026-000103"], now=night + timedelta(hours=10))
    [muted] = notify(live_server, uid, ["HD-2026-000104"], kind=Kind.due_soon, now=night)

    def job(nid: str) -> dict[str, Any] | None:
        return mongo["push_jobs"].find_one({"notification_id": nid})

    assert job(held)["available_at"] == morning  # held until the end of quiet hours
    assert job(urgent)["available_at"] == night
    assert job(urgent)["urgency"] == "high"
    assert job(daytime)["available_at"] == night + timedelta(hours=10)
    assert job(muted) is None  # switched off: no push...
    assert mongo["notifications"].find_one({"_id": muted}) is not None  # ...but it is in the inbox


def test_concurrent_retries_of_one_subscription_make_one_device(api: httpx.Client, peer: PushPeer) -> None:
    """A phone on a flaky network fires the same subscribe several times at once."""
    person = register(api)
    sub = peer.subscription()
    url = f"{api.base_url}/api/v1/push/subscriptions"

    async def burst() -> list[httpx.Response]:
        async with httpx.AsyncClient(timeout=30) as client:
            sends = [client.post(url, json=sub, headers=person.headers) for _ in range(10)]
            return await asyncio.gather(*sends)

    answers = asyncio.run(burst())
    assert sorted(a.status_code for a in answers) == [200] * 9 + [201], [a.text for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    assert len(api.get("/api/v1/push/subscriptions", headers=person.headers).json()["items"]) == 1


def test_concurrent_preference_saves_of_a_new_account_all_succeed(api: httpx.Client) -> None:
    """The first save of someone's preferences, sent several times at once (a retrying phone)."""
    url = f"{api.base_url}/api/v1/push/preferences"
    body = {"disabled_kinds": ["due_soon"], "quiet_hours": {"start": "22:00", "end": "06:30"}}

    async def burst(headers: dict[str, str]) -> list[httpx.Response]:
        async with httpx.AsyncClient(timeout=30) as client:
            return await asyncio.gather(*[client.put(url, json=body, headers=headers) for _ in range(8)])

    for _ in range(5):  # the race is timing-dependent: several fresh accounts
        person = register(api)
        answers = asyncio.run(burst(person.headers))
        assert [a.status_code for a in answers] == [200] * 8, [a.text[:200] for a in answers]
        saved = api.get("/api/v1/push/preferences", headers=person.headers).json()
        assert saved["disabled_kinds"] == ["due_soon"]
        assert saved["quiet_hours"] == body["quiet_hours"]
