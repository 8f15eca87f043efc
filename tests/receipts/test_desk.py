"""Desk actions: papers, attendance, the handover with the citizen's confirmation; idempotent, audited."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from pymongo.database import Database

from tests.dossiers.helpers import act, citizen, key, ok, province_official, view, ward_official
from tests.receipts.helpers import accepted, desk, receipt, result_ready
from tests.support import assert_problem


def test_papers_and_attendance_are_recorded_without_moving_the_status(
    api: httpx.Client, mongo: Database[dict[str, Any]]
) -> None:
    an, binh = citizen(api), ward_official(api)
    d = accepted(api, an, binh)
    assert set(d["desk_actions"]) == {"receive_papers", "record_attendance"}
    assert "receive_papers" not in d["allowed_actions"]
    token = receipt(api, an, d["code"])["token"]
    body = {"action": "receive_papers", "papers": ["Bản chính Giấy chứng sinh"], "receipt_token": token}
    done = ok(desk(api, binh, d["code"], body))
    assert done["dossier"]["status"]["code"] == "accepted"
    assert done["dossier"]["version"] == d["version"] + 1
    assert done["record"]["papers"] == ["Bản chính Giấy chứng sinh"]
    assert done["record"]["receipt_scanned"] is True
    assert done["record"]["official_name"] == "Trần Thị Bình"
    last = done["dossier"]["timeline"][-1]
    assert last["action"]["code"] == "receive_papers"
    earlier = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
    ok(desk(api, binh, d["code"], {"action": "record_attendance", "occurred_at": earlier}))
    log = ok(api.get(f"/api/v1/dossiers/{d['code']}/desk", headers=an.headers))["items"]
    assert [r["action"]["code"] for r in log] == ["receive_papers", "record_attendance"]
    assert log[1]["occurred_at"][:16] == earlier[:16]
    actions = [a["action"] for a in mongo["audit_log"].find({"target": f"dossier:{d['code']}"})]
    assert "receive_papers" in actions
    assert "record_attendance" in actions


def test_handover_records_who_gave_what_to_whom_with_the_citizens_confirmation(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    d = result_ready(api, an, binh)
    assert d["desk_actions"] == ["receive_papers", "record_attendance", "hand_over"]
    handover = {
        "action": "hand_over",
        "items": ["Giấy khai sinh (bản chính)"],
        "recipient": {"full_name": "Nguyễn Văn An", "relation": "applicant", "id_last4": "1234"},
        "confirmation": {"method": "lookup_secret", "value": "WRONG123"},
    }
    assert_problem(desk(api, binh, d["code"], handover), 422, "handover-not-confirmed")
    assert_problem(desk(api, binh, d["code"], {**handover, "confirmation": None}), 422, "handover-incomplete")
    forged = receipt(api, an, d["code"])["token"][:-4] + "AAAA"
    bad = {**handover, "confirmation": {"method": "receipt", "value": forged}}
    assert_problem(desk(api, binh, d["code"], bad), 422, "receipt-mismatch")
    assert view(api, binh, d["code"])["status"]["code"] == "result_ready"  # nothing changed
    good = {**handover, "confirmation": {"method": "lookup_secret", "value": d["lookup_secret"].lower()}}
    headers = {"Idempotency-Key": "desk-handover-1"}
    first = desk(api, binh, d["code"], good, **headers)
    done = ok(first)
    assert done["dossier"]["status"]["code"] == "completed"
    record = done["record"]
    assert (record["official_name"], record["recipient_name"], record["items"]) == (
        "Trần Thị Bình", "Nguyễn Văn An", ["Giấy khai sinh (bản chính)"],
    )  # fmt: skip
    assert record["confirmation"] == "lookup_secret"
    replay = desk(api, binh, d["code"], good, **headers)  # the offline outbox sends it again
    assert replay.headers.get("Idempotent-Replayed") == "true"
    assert ok(replay) == done
    log = ok(api.get(f"/api/v1/dossiers/{d['code']}/desk", headers=binh.headers))["items"]
    assert [r["action"]["code"] for r in log] == ["hand_over"]
    assert_problem(desk(api, binh, d["code"], good), 409, "illegal-transition")  # already handed over


def test_handover_confirmed_by_scanning_the_receipt(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    d = result_ready(api, an, binh)
    token = receipt(api, an, d["code"])["url"]  # what the scanner read
    body = {"action": "hand_over", "items": ["Giấy khai sinh"], "recipient": {"full_name": "Lê Văn Cường",
            "relation": "authorised"}, "confirmation": {"method": "receipt", "value": token}}  # fmt: skip
    record = ok(desk(api, binh, d["code"], body))["record"]
    assert (record["receipt_scanned"], record["recipient_relation"]) == (True, "authorised")


def test_desk_rules(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    d = accepted(api, an, binh)
    code = d["code"]
    attend = {"action": "record_attendance"}
    assert_problem(desk(api, an, code, attend), 403, "role-required")
    assert_problem(desk(api, province_official(api), code, attend), 404, "dossier-not-found")
    assert_problem(desk(api, binh, code, {"action": "receive_papers"}), 422, "papers-required")
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert_problem(desk(api, binh, code, {**attend, "occurred_at": future}), 422, "occurred-at-out-of-range")
    assert_problem(desk(api, binh, code, {"action": "hand_over"}), 409, "illegal-transition")
    assert_problem(api.post(f"/api/v1/dossiers/{code}/desk", json=attend, headers=binh.headers), 422)
    assert_problem(act(api, binh, code, "record_attendance", d["version"]), 422, "use-desk-endpoint")
    assert_problem(desk(api, binh, code, {"action": "approve"}), 400)
    assert view(api, binh, code)["version"] == d["version"]
    _ = key


def test_desk_actions_racing_on_one_dossier_all_apply(api: httpx.Client) -> None:
    """Two desk phones replay their outboxes at once: every action lands, none is a 500."""
    an, binh = citizen(api), ward_official(api)
    d = accepted(api, an, binh)
    url = f"{api.base_url}/api/v1/dossiers/{d['code']}/desk"
    bodies = [{"action": "receive_papers", "papers": [f"Giấy tờ số {i}"]} for i in range(8)]

    async def burst() -> list[httpx.Response]:
        async with httpx.AsyncClient(timeout=60) as client:
            sends = [client.post(url, json=b, headers={**binh.headers, **key()}) for b in bodies]
            return await asyncio.gather(*sends)

    answers = asyncio.run(burst())
    assert [a.status_code for a in answers] == [200] * 8, [a.text[:200] for a in answers]
    log = ok(api.get(f"/api/v1/dossiers/{d['code']}/desk", headers=an.headers))["items"]
    assert sorted(p for r in log for p in r["papers"]) == sorted(b["papers"][0] for b in bodies)
    assert ok(api.get(f"/api/v1/dossiers/{d['code']}", headers=an.headers))["version"] == d["version"] + 8
