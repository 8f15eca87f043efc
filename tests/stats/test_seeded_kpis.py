"""``GET /api/v1/stats/kpis`` on the seeded demo data matches a count made by hand.

The demo (backend/dossiers/demo.py) files one online dossier per state at the ward; the demo
citizen rates the completed one "very satisfied" and the rejected one "unsatisfied", and files
one report (backend/ratings/demo.py). By hand: 8 of the 11 were accepted (all but submitted,
returned, withdrawn), all online; 3 finished (rejected, result ready, completed), all early
(processing takes 1 working day and they finished the day they were filed); 2 ratings, 1 of
them satisfied (50%); 1 report, not answered yet. The test also recounts from the raw documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pymongo.database import Database

from backend.calendar.service import LOCAL_TZ
from backend.settings import Settings
from tests.support import LiveServer, seed


@pytest.fixture(scope="module")
def live_server(settings: Settings) -> Iterator[LiveServer]:
    seed(settings, demo_dossiers=True)
    seed(settings, demo_dossiers=True)  # seeding twice changes nothing
    server = LiveServer(settings).start()
    try:
        yield server
    finally:
        server.stop()


def _raw_count(mongo: Database[dict[str, Any]]) -> dict[str, int]:
    dossiers = list(
        mongo["dossiers"].find({}, {"channel": 1, "received_at": 1, "finished_at": 1, "due_at": 1})
    )
    count = {"online": 0, "desk": 0, "early": 0, "on_time": 0, "late": 0}
    for d in dossiers:
        if d.get("received_at"):
            count[d["channel"]] += 1
        if d.get("finished_at"):
            done, due = d["finished_at"].astimezone(LOCAL_TZ), d["due_at"].astimezone(LOCAL_TZ)
            count["early" if done.date() < due.date() else "on_time" if done <= due else "late"] += 1
    ratings = list(mongo["ratings"].find({}, {"overall": 1}))
    count["ratings"] = len(ratings)
    count["satisfied"] = sum(1 for r in ratings if r["overall"] in ("very_satisfied", "satisfied"))
    count["reports"] = mongo["reports"].count_documents({})
    return count


def test_public_kpis_match_the_hand_count(api: httpx.Client, mongo: Database[dict[str, Any]]) -> None:
    assert mongo["dossiers"].count_documents({}) == 11
    raw = _raw_count(mongo)
    assert raw == {"online": 8, "desk": 0, "early": 3, "on_time": 0, "late": 0, "ratings": 2, "satisfied": 1,
                   "reports": 1}  # fmt: skip
    response = api.get("/api/v1/stats/kpis")
    assert response.status_code == 200
    assert "public" in response.headers["cache-control"]
    kpi = response.json()
    assert kpi["agency"]["code"] == "HD"
    assert (kpi["online"]["online"], kpi["online"]["desk"], kpi["online"]["rate"]) == (8, 0, 100.0)
    p = kpi["progress"]
    assert (p["received"], p["finished"], p["early"], p["on_time"], p["late"]) == (8, 3, 3, 0, 0)
    assert (p["rejected"], p["on_time_rate"]) == (1, 100.0)
    s = kpi["satisfaction"]
    assert (s["ratings"], s["very_satisfied"], s["unsatisfied"], s["rate"], s["met"]) == (
        2,
        1,
        1,
        50.0,
        False,
    )
    assert (s["harassment"], kpi["transparency"]["feedback_received"]) == (0, 1)
    assert kpi["transparency"]["answered_on_time_rate"] is None
    # Anonymised: no person, no dossier, no comment appears in the public figures.
    for private in ("Nguyễn Văn An", "Trần Thị Bình", "HD-20", "tận tình", "applicant"):
        assert private not in response.text
