"""Who hears about what: the outbox relay on every workflow step, and the time-based scans."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import httpx
from pymongo.database import Database

from backend.calendar.service import LOCAL_TZ, load_calendar
from backend.push.relay import relay_once
from backend.push.scan import scan_appointments, scan_due_soon, scan_overdue
from tests.dossiers.helpers import PDF, act, key, leader, ok, submit, upload, ward_admin, ward_official
from tests.push.conftest import on_server
from tests.support import LiveServer, Session, collection_scans, profiled, register


def relay(server: LiveServer) -> int:
    return on_server(server, lambda db: relay_once(db.client))


def inbox(api: httpx.Client, who: Session, code: str) -> list[dict[str, Any]]:
    page = api.get("/api/v1/notifications", params={"limit": 100}, headers=who.headers).json()
    return [n for n in reversed(page["items"]) if n["dossier_code"] == code]


def test_every_step_tells_the_right_person(
    api: httpx.Client, live_server: LiveServer, mongo: Database[dict[str, Any]]
) -> None:
    an, binh, hanh = register(api), ward_official(api), ward_admin(api)
    d = submit(api, an)
    code = d["code"]
    d = ok(act(api, binh, code, "accept", d["version"]))
    d = ok(act(api, hanh, code, "assign", d["version"], assignee_id=binh.user["id"]))
    d = ok(
        act(api, binh, code, "request_supplement", d["version"], missing_items=["Bản sao Giấy chứng sinh"])
    )
    d = ok(act(api, an, code, "supplement", d["version"], attachment_ids=[ok(upload(api, an))["file_id"]]))
    d = ok(act(api, binh, code, "approve", d["version"]))
    ok(
        api.post(
            f"/api/v1/dossiers/{code}/result",
            headers={**binh.headers, **key(), "If-Match": f'"{d["version"]}"'},
            files={"data": ("trich-luc.pdf", PDF, "application/pdf")},
        )
    )
    with profiled(mongo) as commands:
        assert relay(live_server) == 7
    assert collection_scans(mongo, commands) == []
    result = ok(api.get(f"/api/v1/dossiers/{code}", headers=an.headers))["result"]["file_id"]
    assert (
        api.get(f"/api/v1/dossiers/{code}/files/{result}", headers=an.headers).status_code == 200
    )  # completes
    relay(live_server)
    assert relay(live_server) == 0  # everything published
    mine = inbox(api, an, code)
    assert [n["kind"] for n in mine] == [
        "status_changed",  # submitted
        "status_changed",  # accepted
        "status_changed",  # in processing (assigned)
        "supplement_requested",
        "status_changed",  # supplemented
        "status_changed",  # approved
        "result_ready",
        "status_changed",  # completed
        "rating_request",
    ]
    assert all(code in n["title"] and "Đăng ký khai sinh" in n["body"] for n in mine)
    assert "Bản sao Giấy chứng sinh" in mine[3]["body"]
    assert mine[-2]["title"] == f"Hồ sơ {code}: Đã trả kết quả"
    assert mine[-1]["title"] == f"Mời đánh giá: hồ sơ {code}"
    assert mine[-1]["url"] == f"/ho-so/{code}"
    assigned = inbox(api, binh, code)
    assert [n["kind"] for n in assigned] == ["assigned"]  # not for his own claim or steps
    # Relaying the same rows again (a second worker, a retry) writes nothing new.
    mongo["dossier_events"].update_many({"dossier_code": code}, {"$set": {"published_at": None}})
    relay(live_server)
    assert len(inbox(api, an, code)) == len(mine)


def test_a_rejection_asks_for_a_rating_too(api: httpx.Client, live_server: LiveServer) -> None:
    an, binh = register(api), ward_official(api)
    d = submit(api, an)
    d = ok(act(api, binh, d["code"], "accept", d["version"]))
    d = ok(act(api, binh, d["code"], "claim", d["version"]))
    ok(act(api, binh, d["code"], "reject", d["version"], note="Không đủ điều kiện"))
    relay(live_server)
    kinds = [n["kind"] for n in inbox(api, an, d["code"])]
    assert kinds[-2:] == ["status_changed", "rating_request"]
    assert inbox(api, an, d["code"])[-2]["title"].endswith("Từ chối giải quyết")


def test_time_based_reminders_reach_citizen_official_and_leader_once(
    api: httpx.Client, live_server: LiveServer, mongo: Database[dict[str, Any]]
) -> None:
    an, binh, boss = register(api), ward_official(api), leader(api)
    d = submit(api, an)
    d = ok(act(api, binh, d["code"], "accept", d["version"]))
    d = ok(act(api, binh, d["code"], "claim", d["version"]))
    code = d["code"]
    relay(live_server)
    due = mongo["dossiers"].find_one({"code": code})["due_at"]

    def scan(fn: Any, now: datetime) -> int:
        mongo["push_scan_marks"].delete_many({})
        return on_server(live_server, lambda db: fn(db.client, now))

    calendar = on_server(live_server, lambda db: load_calendar())
    day = due.astimezone(LOCAL_TZ).date() - timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    eve = datetime.combine(day, time(9, 0), tzinfo=LOCAL_TZ)
    with profiled(mongo) as commands:
        assert scan(scan_appointments, eve - timedelta(hours=2)) == 0  # before 08:00: not yet
        scan(scan_appointments, eve)
        scan(scan_due_soon, due - timedelta(hours=2))
        scan(scan_overdue, due + timedelta(hours=1))
    ours = [c for c in commands if c.get("delete") != "push_scan_marks"]  # the test's own clean-up
    assert collection_scans(mongo, ours) == []
    # Again, as a restarted worker would: nothing twice.
    scan(scan_appointments, eve + timedelta(minutes=5))
    scan(scan_due_soon, due - timedelta(hours=1))
    scan(scan_overdue, due + timedelta(hours=2))

    reminder = [n for n in inbox(api, an, code) if n["kind"] == "appointment_reminder"]
    assert len(reminder) == 1
    assert due.astimezone(LOCAL_TZ).strftime("%d/%m/%Y") in reminder[0]["body"]
    assert [n["kind"] for n in inbox(api, binh, code)] == ["due_soon"]
    overdue = [n for n in inbox(api, boss, code) if n["kind"] == "overdue"]
    assert len(overdue) == 1
    assert overdue[0]["title"] == f"Hồ sơ {code} đã quá hạn"


def test_one_broken_outbox_row_does_not_block_the_others(
    api: httpx.Client, live_server: LiveServer, mongo: Database[dict[str, Any]]
) -> None:
    """The relay takes the oldest rows first: a row that always fails must not stop every
    later row from ever being published (it stays unpublished, retried at the next pass)."""
    an = register(api)
    code = submit(api, an)["code"]
    broken = {
        "_id": "broken-row",
        "dossier_code": code,
        "applicant_id": an.user["id"],
        "assignee_id": None,
        "action": "accept",
        "from_status": "submitted",
        "to_status": "no_such_status",
        "actor_id": an.user["id"],
        "procedure_name_vi": "x",
        "procedure_name_en": "x",
        "at": datetime(2000, 1, 1, tzinfo=LOCAL_TZ),  # the oldest row of all
        "published_at": None,
    }
    mongo["dossier_events"].insert_one(broken)
    try:
        assert relay(live_server) >= 1
        assert [n["kind"] for n in inbox(api, an, code)] == ["status_changed"]  # submitted
        assert mongo["dossier_events"].find_one({"_id": "broken-row"})["published_at"] is None  # type: ignore[index]
    finally:
        mongo["dossier_events"].delete_one({"_id": "broken-row"})


def test_one_broken_dossier_does_not_stop_a_scan(
    api: httpx.Client, live_server: LiveServer, mongo: Database[dict[str, Any]]
) -> None:
    """A dossier whose notification always fails is skipped (and the scan's mark not moved, so
    it is tried again); the dossiers due after it are still notified."""
    an, binh, boss = register(api), ward_official(api), leader(api)
    d = submit(api, an)
    d = ok(act(api, binh, d["code"], "accept", d["version"]))
    code = d["code"]
    due = mongo["dossiers"].find_one({"code": code})["due_at"]  # type: ignore[index]
    broken = {"_id": "broken-dossier", "code": "BROKEN", "is_open": True, "status": "processing"}
    mongo["dossiers"].insert_one({**broken, "due_at": due - timedelta(minutes=1), "queue_key": "0"})
    try:
        mongo["push_scan_marks"].delete_many({})
        on_server(live_server, lambda db: scan_overdue(db.client, due + timedelta(hours=1)))
        assert [n["kind"] for n in inbox(api, boss, code)] == ["overdue"]
        assert mongo["push_scan_marks"].find_one({"_id": "overdue"}) is None
    finally:
        mongo["dossiers"].delete_one({"_id": "broken-dossier"})
        mongo["push_scan_marks"].delete_many({})
