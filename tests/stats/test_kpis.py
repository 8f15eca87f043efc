"""KPI correctness against a hand-computed fixture, driven through the real API.

At the ward (a commune): 3 dossiers filed online and 1 registered at the desk; finished: one
early (result), one on time (result), one late (result), one rejected early (the desk one).
Ratings: very satisfied, satisfied, unsatisfied + harassment. One harassment report, answered.
Hand count: online 3/4 = 75% (commune target 70%: met); finished 4: early 2, on time 1, late 1,
on-time rate 75%; satisfaction 2/3 = 66.7% (target 95%: not met); reports answered on time 1/1.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta
from typing import Any
from xml.etree import ElementTree

import httpx
import pytest
from pymongo.database import Database

from backend.calendar.service import LOCAL_TZ
from backend.catalogue.samples import example_form
from tests.dossiers.helpers import WARD, act, citizen, key, leader, ok, ward_official
from tests.feedback.helpers import act as report_act
from tests.feedback.helpers import report, user_id
from tests.stats.flows import completed, processed, rating_body, rejected
from tests.support import assert_problem, collection_scans, profiled

PATH = ("HD", "HD.TPHD", WARD)


def _due(mongo: Database[dict[str, Any]], code: str, due: datetime) -> None:
    mongo["dossiers"].update_one({"code": code}, {"$set": {"due_at": due}})


@pytest.fixture(scope="module")
def fixture(live_server: Any, mongo: Database[dict[str, Any]]) -> dict[str, Any]:
    with httpx.Client(base_url=live_server.url, timeout=30) as api:
        an, binh = citizen(api), ward_official(api)
        binh_id = user_id(mongo, "0900000011")
        early, on_time, late = (processed(api, binh, an) for _ in range(3))
        # On time: due at the end of today (same day, not before it); late: due yesterday.
        today_end = datetime.now(LOCAL_TZ).replace(hour=23, minute=59, second=59, microsecond=0)
        _due(mongo, on_time["code"], today_end)
        _due(mongo, late["code"], today_end - timedelta(days=1))
        for dossier, overall in ((early, "very_satisfied"), (on_time, "satisfied"), (late, "unsatisfied")):
            completed(api, binh, an, dossier)
            body = rating_body(binh_id, overall=overall, harassment=overall == "unsatisfied")
            rated = api.put(f"/api/v1/dossiers/{dossier['code']}/rating", json=body, headers=an.headers)
            assert rated.status_code == 201, rated.text
        schema = api.get("/api/v1/procedures/HT-KS").json()["form_schema"]
        desk = api.post(
            "/api/v1/dossiers",
            json={"procedure_code": "HT-KS", "agency_code": WARD, "form_data": example_form(schema),
                  "applicant": {"full_name": "Lê Văn Bảy", "phone": "0911111111"}},
            headers={**binh.headers, **key()},
        )  # fmt: skip
        assert desk.status_code == 201, desk.text
        claimed = ok(act(api, binh, desk.json()["code"], "claim", desk.json()["version"]))
        rejected(api, binh, claimed)
        filed = report(api, an, official_id=binh_id)
        assert (
            report_act(api, leader(api), filed.json()["code"], "answer", answer="Đã xử lý.").status_code
            == 200
        )
        return {
            "binh_id": binh_id,
            "codes": [early["code"], on_time["code"], late["code"], desk.json()["code"]],
        }


def test_the_ward_district_and_province_agree_with_the_hand_count(
    api: httpx.Client, fixture: dict[str, Any], mongo: Database[dict[str, Any]]
) -> None:
    with profiled(mongo) as commands:
        reports = {code: ok(api.get("/api/v1/stats/kpis", params={"agency": code})) for code in PATH}
    scans = collection_scans(mongo, commands)
    assert scans == [], scans
    for code, kpi in reports.items():
        assert kpi["agency"]["code"] == code
        online = kpi["online"]
        assert (online["online"], online["desk"], online["rate"]) == (3, 1, 75.0), code
        commune = next(level for level in online["by_level"] if level["level"] == "commune")
        assert commune == {
            "level": "commune",
            "online": 3,
            "desk": 1,
            "rate": 75.0,
            "target": 70.0,
            "met": True,
        }
        province = next(level for level in online["by_level"] if level["level"] == "province")
        assert province["rate"] is None
        assert province["met"] is None
        p = kpi["progress"]
        assert (p["received"], p["finished"], p["early"], p["on_time"], p["late"], p["rejected"]) == (
            4,
            4,
            2,
            1,
            1,
            1,
        )
        assert p["on_time_rate"] == 75.0
        d = kpi["digitisation"]
        assert (d["digitised"], d["results_digital"], d["results_digital_rate"]) == (0, 3, 100.0)
        s = kpi["satisfaction"]
        assert (s["ratings"], s["very_satisfied"], s["satisfied"], s["unsatisfied"]) == (3, 1, 1, 1)
        assert (s["rate"], s["target"], s["met"], s["harassment"]) == (66.7, 95.0, False, 1)
        assert s["criteria"] == {"on_time": 5.0, "guidance": 4.0, "result": 5.0, "attitude": 4.0}
        t = kpi["transparency"]
        assert (t["feedback_received"], t["feedback_answered"], t["feedback_answered_on_time"]) == (1, 1, 1)
        assert t["harassment_reports"] == 1
        assert sum(point["received"] for point in kpi["series"]) == 4
        assert "Trần Thị Bình" not in str(kpi)
    # Procedures: the ward sees commune procedures only; the province all 34.
    assert reports["HD"]["provision"]["procedures"] == 34
    assert reports[WARD]["provision"]["procedures"] == 14
    assert reports[WARD]["provision"]["mobile"] == 14


def test_other_places_and_periods_count_nothing(api: httpx.Client, fixture: dict[str, Any]) -> None:
    other = ok(api.get("/api/v1/stats/kpis", params={"agency": "HD.CHILINH"}))
    assert other["progress"]["received"] == 0
    assert other["satisfaction"]["rate"] is None
    past = ok(api.get("/api/v1/stats/kpis", params={"from": "2020-01", "to": "2020-12"}))
    assert past["progress"]["received"] == 0
    assert len(past["series"]) == 12
    assert_problem(api.get("/api/v1/stats/kpis", params={"from": "2026-13"}), 400, "validation-error")
    assert_problem(
        api.get("/api/v1/stats/kpis", params={"from": "2026-05", "to": "2026-01"}), 422, "invalid-period"
    )
    assert_problem(api.get("/api/v1/stats/kpis", params={"agency": "HD.NOWHERE"}), 404)


def test_leaders_drill_down_to_agencies_officials_and_dossiers(
    api: httpx.Client, fixture: dict[str, Any], mongo: Database[dict[str, Any]]
) -> None:
    boss = leader(api)
    top = ok(api.get("/api/v1/stats/agencies", headers=boss.headers))
    city = next(row for row in top["items"] if row["agency"]["code"] == "HD.TPHD")
    assert (city["received"], city["online_rate"], city["online_target"], city["has_children"]) == (
        4,
        75.0,
        80.0,
        True,
    )
    quiet = next(row for row in top["items"] if row["agency"]["code"] == "HD.CHILINH")
    assert quiet["received"] == 0
    wards = ok(api.get("/api/v1/stats/agencies", params={"agency": "HD.TPHD"}, headers=boss.headers))
    ward = next(row for row in wards["items"] if row["agency"]["code"] == WARD)
    assert (ward["satisfaction_rate"], ward["on_time_rate"], ward["late"], ward["harassment"]) == (
        66.7,
        75.0,
        1,
        2,
    )

    ranking = ok(api.get("/api/v1/stats/officials", headers=boss.headers))["items"]
    assert len(ranking) == 1
    binh = ranking[0]
    assert binh["official_id"] == fixture["binh_id"]
    assert (binh["handled"], binh["early"], binh["on_time"], binh["late"]) == (4, 2, 1, 1)
    assert (binh["ratings"], binh["satisfied"], binh["satisfaction_rate"], binh["harassment"]) == (
        3,
        2,
        66.7,
        1,
    )

    with profiled(mongo) as commands:
        listed = ok(api.get("/api/v1/stats/dossiers", params={"agency": WARD}, headers=boss.headers))
        city_list = ok(api.get("/api/v1/stats/dossiers", params={"agency": "HD.TPHD"}, headers=boss.headers))
    assert collection_scans(mongo, commands) == []
    assert sorted(d["code"] for d in city_list["items"]) == sorted(fixture["codes"])
    assert sorted(d["code"] for d in listed["items"]) == sorted(fixture["codes"])
    params = {"agency": WARD, "official": fixture["binh_id"], "limit": 3}
    theirs = ok(api.get("/api/v1/stats/dossiers", params=params, headers=boss.headers))
    assert len(theirs["items"]) == 3
    assert theirs["next_cursor"]
    params = {"agency": WARD, "official": fixture["binh_id"], "cursor": theirs["next_cursor"]}
    rest = ok(api.get("/api/v1/stats/dossiers", params=params, headers=boss.headers))
    assert sorted(d["code"] for d in theirs["items"] + rest["items"]) == sorted(fixture["codes"])


def test_only_leaders_in_scope_see_the_drill_down(api: httpx.Client, fixture: dict[str, Any]) -> None:
    assert_problem(
        api.get("/api/v1/stats/officials", headers=ward_official(api).headers), 403, "role-required"
    )
    assert_problem(api.get("/api/v1/stats/agencies", headers=citizen(api).headers), 403)
    assert api.get("/api/v1/stats/export").status_code == 401
    from tests.feedback.helpers import staff

    other = staff(api, "leader", "HD.CHILINH")
    assert_problem(
        api.get("/api/v1/stats/officials", params={"agency": WARD}, headers=other.headers),
        403,
        "outside-scope",
    )
    own = ok(api.get("/api/v1/stats/officials", headers=other.headers))
    assert own["items"] == []


def test_csv_and_xlsx_exports_carry_the_same_figures(api: httpx.Client, fixture: dict[str, Any]) -> None:
    boss = leader(api)
    got = api.get("/api/v1/stats/export", params={"agency": "HD.TPHD", "format": "csv"}, headers=boss.headers)
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert rows[0][0].startswith("Mã cơ quan")
    ward = next(r for r in rows if r[0] == WARD)
    assert ward[3:9] == ["4", "75.0", "70.0", "4", "75.0", "1"]
    officials = api.get("/api/v1/stats/export", params={"table": "officials"}, headers=boss.headers)
    assert list(csv.reader(io.StringIO(officials.content.decode("utf-8-sig"))))[1][1] == "Trần Thị Bình"

    book = api.get(
        "/api/v1/stats/export", params={"agency": "HD.TPHD", "format": "xlsx"}, headers=boss.headers
    )
    assert book.headers["content-type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(book.content)) as z:
        assert z.testzip() is None
        ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))  # noqa: S314  (our own output)
        table = [
            ["".join(c.itertext()) for c in row.findall("m:c", ns)] for row in sheet.findall(".//m:row", ns)
        ]
        workbook = ElementTree.fromstring(z.read("xl/workbook.xml"))  # noqa: S314
        names = [s.get("name") for s in workbook.iter(f"{{{ns['m']}}}sheet")]
    assert names == ["Co quan", "Can bo"]
    assert next(r for r in table if r[0] == WARD)[3:9] == ["4", "75.0", "70.0", "4", "75.0", "1"]


def _merged(mongo: Database[dict[str, Any]]) -> dict[tuple[str, ...], dict[str, int]]:
    """Counters with their shards added up (a rebuild may spread a key differently: it does not)."""
    merged: dict[tuple[str, ...], dict[str, int]] = {}
    for doc in mongo["kpi_counters"].find({}):
        key = (doc["scope"], doc["period"], doc["level"])
        into = merged.setdefault(key, {})
        for name, value in doc["counts"].items():
            into[name] = into.get(name, 0) + value
    for doc in mongo["kpi_officials"].find({}):
        merged[("official", doc["official_id"], doc["period"])] = dict(doc["counts"])
    return {k: {n: v for n, v in c.items() if v} for k, c in merged.items()}


def test_a_rebuild_from_the_records_equals_the_incremental_counters(
    fixture: dict[str, Any], mongo: Database[dict[str, Any]], settings: Any
) -> None:
    before = _merged(mongo)
    assert before
    env = {**os.environ, "MONGODB_URI": settings.db.uri, "MONGODB_DB": settings.db.name}
    done = subprocess.run(
        [sys.executable, "-m", "backend.cli", "stats", "rebuild"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "4 dossiers, 3 ratings, 1 reports" in done.stdout
    assert _merged(mongo) == before
