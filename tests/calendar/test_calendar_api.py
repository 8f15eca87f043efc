"""The holiday calendar over HTTP: public reading, admin editing, validation, indexes."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest
from pymongo.database import Database

from backend.calendar.service import WorkingCalendar
from tests.support import assert_problem, collection_scans, login, profiled, register

HOLIDAYS = "/api/v1/calendar/holidays"
BODY = {"name_vi": "Nghỉ đột xuất", "name_en": "Special day off", "kind": "day_off"}


def _admin(api: httpx.Client) -> dict[str, str]:
    return login(api, "0900000031", "quantri-demo-1").headers


def _days(api: httpx.Client, year: int) -> dict[str, dict[str, Any]]:
    response = api.get(HOLIDAYS, params={"year": year})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["year"] == year
    return {item["day"]: item for item in body["items"]}


def test_anyone_reads_a_years_calendar(api: httpx.Client) -> None:
    response = api.get(HOLIDAYS, params={"year": 2026})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [i["day"] for i in items] == sorted(i["day"] for i in items)
    assert all(i["day"].startswith("2026-") for i in items)
    by_day = {i["day"]: i for i in items}
    assert by_day["2026-02-17"]["kind"] == "day_off"
    assert "Tết" in by_day["2026-02-17"]["name_vi"]
    assert by_day["2026-01-10"]["kind"] == "working_day"
    assert set(by_day["2026-01-10"]) == {"day", "name_vi", "name_en", "kind"}  # no note, no year


def test_the_calendar_is_cacheable(api: httpx.Client) -> None:
    first = api.get(HOLIDAYS, params={"year": 2025})
    assert "public" in first.headers["cache-control"]
    again = api.get(HOLIDAYS, params={"year": 2025}, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


def test_a_year_without_entries_is_empty(api: httpx.Client) -> None:
    assert _days(api, 2099) == {}


@pytest.mark.parametrize("params", [{}, {"year": "1999"}, {"year": "2101"}, {"year": "năm nay"}])
def test_the_year_is_required_and_bounded(api: httpx.Client, params: dict[str, str]) -> None:
    assert_problem(api.get(HOLIDAYS, params=params), 400)


def test_an_admin_adds_replaces_and_removes_a_day(api: httpx.Client) -> None:
    admin = _admin(api)
    created = api.put(f"{HOLIDAYS}/2030-06-03", headers=admin, json=BODY)
    assert created.status_code == 200, created.text
    assert created.json() == {**BODY, "day": "2030-06-03"}
    assert _days(api, 2030)["2030-06-03"]["name_vi"] == "Nghỉ đột xuất"

    replaced = api.put(
        f"{HOLIDAYS}/2030-06-03",
        headers=admin,
        json={"name_vi": "  Làm việc bình thường ", "name_en": "Cancelled", "kind": "working_day"},
    )
    assert replaced.status_code == 200, replaced.text
    assert _days(api, 2030)["2030-06-03"] == {
        "day": "2030-06-03",
        "name_vi": "Làm việc bình thường",
        "name_en": "Cancelled",
        "kind": "working_day",
    }

    assert api.delete(f"{HOLIDAYS}/2030-06-03", headers=admin).status_code == 204
    assert "2030-06-03" not in _days(api, 2030)
    assert_problem(api.delete(f"{HOLIDAYS}/2030-06-03", headers=admin), 404, "holiday-not-found")


@pytest.mark.parametrize("day", ["2030-02-30", "20300603", "2030-W23-1", "2030-6-3", "1999-12-31", "hôm-nay"])
def test_the_day_must_be_a_real_date(api: httpx.Client, day: str) -> None:
    admin = _admin(api)
    assert_problem(api.put(f"{HOLIDAYS}/{day}", headers=admin, json=BODY), 422, "invalid-date")
    assert_problem(api.delete(f"{HOLIDAYS}/{day}", headers=admin), 422, "invalid-date")


@pytest.mark.parametrize(
    "body",
    [
        {**BODY, "kind": "party"},
        {**BODY, "name_vi": "   "},
        {**BODY, "name_en": "x" * 201},
        {**BODY, "year": 2030},
        {"name_vi": "Nghỉ"},
    ],
)
def test_bad_bodies_are_problems(api: httpx.Client, body: dict[str, Any]) -> None:
    assert_problem(api.put(f"{HOLIDAYS}/2030-06-04", headers=_admin(api), json=body), 400)


def test_only_admins_edit_the_calendar(api: httpx.Client) -> None:
    assert_problem(api.put(f"{HOLIDAYS}/2030-06-05", json=BODY), 401)
    assert_problem(api.delete(f"{HOLIDAYS}/2026-02-17"), 401)
    citizen = register(api).headers
    official = login(api, "0900000011", "canbo-demo-1").headers
    for headers in (citizen, official):
        assert_problem(api.put(f"{HOLIDAYS}/2030-06-05", headers=headers, json=BODY), 403, "role-required")
        assert_problem(api.delete(f"{HOLIDAYS}/2026-02-17", headers=headers), 403, "role-required")
    assert "2026-02-17" in _days(api, 2026)


def test_stored_days_make_the_working_calendar(api: httpx.Client, mongo: Database[dict[str, Any]]) -> None:
    api.put(f"{HOLIDAYS}/2030-06-06", headers=_admin(api), json=BODY)
    rows = list(mongo["holidays"].find({}, sort=[("day", 1)]))
    assert all(set(row) == {"_id", "day", "name_vi", "name_en", "kind", "year"} for row in rows)
    calendar = WorkingCalendar.from_entries((row["day"], row["kind"]) for row in rows)
    assert not calendar.is_working_day(date(2030, 6, 6))
    assert not calendar.is_working_day(date(2026, 2, 17))
    assert calendar.is_working_day(date(2026, 1, 10))


def test_calendar_queries_never_scan_a_collection(api: httpx.Client, mongo: Database[dict[str, Any]]) -> None:
    admin = _admin(api)
    with profiled(mongo) as commands:
        api.get(HOLIDAYS, params={"year": 2027})
        api.put(f"{HOLIDAYS}/2030-06-07", headers=admin, json=BODY)
        api.delete(f"{HOLIDAYS}/2030-06-07", headers=admin)
        api.delete(f"{HOLIDAYS}/2030-06-07", headers=admin)
    assert sum("holidays" in c.values() for c in commands) >= 4
    # load_calendar's query, which no route sends.
    commands.append({"find": "holidays", "filter": {}, "sort": {"day": 1}})
    assert collection_scans(mongo, commands) == []
