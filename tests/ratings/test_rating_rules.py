"""Rating rules: only the applicant, only once finished, one rating, edits for 7 days."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from pymongo.database import Database

from backend.identity.documents import utcnow
from tests.dossiers.helpers import citizen, leader, other_citizen, ward_official
from tests.stats.flows import completed, processed, rated_kpis, rating_body, rejected
from tests.support import assert_problem, collection_scans, profiled


def rate(api: httpx.Client, who: Any, code: str, body: dict[str, Any]) -> httpx.Response:
    return api.put(f"/api/v1/dossiers/{code}/rating", json=body, headers=who.headers)


def test_only_the_applicant_rates_only_after_completion_and_only_once(
    api: httpx.Client, mongo: Database[dict[str, Any]]
) -> None:
    an, binh = citizen(api), ward_official(api)
    dossier = processed(api, binh, an)
    code = dossier["code"]
    assert api.get(f"/api/v1/dossiers/{code}/rating", headers=an.headers).json()["state"] == "waiting"
    assert_problem(rate(api, an, code, rating_body()), 409, "dossier-not-finished")

    done = completed(api, binh, an, dossier)
    assert done["status"]["code"] == "completed"
    form = api.get(f"/api/v1/dossiers/{code}/rating", headers=an.headers).json()
    assert form["state"] == "open"
    assert [o["name"] for o in form["officials"]] == ["Trần Thị Bình"]
    binh_id = form["officials"][0]["official_id"]

    # Nobody else: officials and leaders by role (403), another citizen cannot even see it (404).
    assert_problem(rate(api, binh, code, rating_body()), 403)
    assert_problem(rate(api, leader(api), code, rating_body()), 403)
    assert_problem(rate(api, other_citizen(api), code, rating_body()), 404, "dossier-not-found")
    assert_problem(api.get(f"/api/v1/dossiers/{code}/rating", headers=other_citizen(api).headers), 404)

    before = rated_kpis(api)
    with profiled(mongo) as commands:
        first = rate(api, an, code, rating_body(binh_id, comment="Tận tình"))
    assert first.status_code == 201, first.text
    assert first.json()["officials"][0]["name"] == "Trần Thị Bình"
    assert collection_scans(mongo, commands) == []
    replay = rate(api, an, code, rating_body(binh_id, comment="Tận tình"))
    assert replay.status_code == 200
    assert replay.json()["revision"] == 1
    assert mongo["ratings"].count_documents({"dossier_code": code}) == 1

    edited = rate(api, an, code, rating_body(binh_id, overall="unsatisfied", harassment=True))
    assert edited.status_code == 200
    assert edited.json()["revision"] == 2
    assert edited.json()["harassment"] is True
    after = rated_kpis(api)
    # One rating, counted once, as its latest version.
    assert after["ratings"] == before["ratings"] + 1
    assert after["unsatisfied"] == before["unsatisfied"] + 1
    assert after["satisfied"] == before["satisfied"]
    assert after["harassment"] == before["harassment"] + 1


def test_edits_close_after_seven_days(api: httpx.Client, mongo: Database[dict[str, Any]]) -> None:
    an, binh = citizen(api), ward_official(api)
    dossier = processed(api, binh, an)
    rejected(api, binh, dossier)  # a rejected dossier can be rated too
    code = dossier["code"]
    assert rate(api, an, code, rating_body()).status_code == 201
    mongo["ratings"].update_one(
        {"dossier_code": code}, {"$set": {"editable_until": utcnow() - timedelta(seconds=1)}}
    )
    assert api.get(f"/api/v1/dossiers/{code}/rating", headers=an.headers).json()["state"] == "locked"
    assert_problem(rate(api, an, code, rating_body(overall="very_satisfied")), 409, "rating-locked")
    assert rate(api, an, code, rating_body()).status_code == 200  # an unchanged replay is still fine


def test_bad_ratings_are_refused_clearly(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    dossier = processed(api, binh, an)
    code = dossier["code"]
    completed(api, binh, an, dossier)
    bad = rating_body()
    bad["criteria"]["on_time"] = 6
    assert_problem(rate(api, an, code, bad), 400, "validation-error")
    assert_problem(rate(api, an, code, {**rating_body(), "overall": "meh"}), 400, "validation-error")
    stranger = rating_body("0123456789abcdef01234567")
    assert_problem(rate(api, an, code, stranger), 422, "not-a-handler")
    assert_problem(rate(api, an, "HD-2026-999999", rating_body()), 404)
