"""Phones retry and officials collide: exactly one effect each time."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
from pymongo.database import Database

from tests.dossiers.helpers import (
    WARD,
    act,
    birth_form,
    citizen,
    ok,
    second_ward_official,
    submit,
    ward_official,
)
from tests.support import LiveServer


def test_ten_concurrent_replays_of_one_submission_create_one_dossier(
    api: httpx.Client, live_server: LiveServer, mongo: Database[dict[str, Any]]
) -> None:
    an = citizen(api)
    body = {"procedure_code": "HT-KS", "agency_code": WARD, "form_data": birth_form(api)}
    headers = {**an.headers, "Idempotency-Key": uuid.uuid4().hex}
    before = mongo.dossiers.count_documents({})

    async def fire() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=live_server.url, timeout=60) as client:
            return await asyncio.gather(
                *(client.post("/api/v1/dossiers", json=body, headers=headers) for _ in range(10))
            )

    responses = asyncio.run(fire())
    assert [r.status_code for r in responses] == [201] * 10, [
        r.text for r in responses if r.status_code != 201
    ]
    codes = {r.json()["code"] for r in responses}
    assert len(codes) == 1
    assert mongo.dossiers.count_documents({}) == before + 1
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in responses) == 9
    # A later replay still answers the same; the same key with another body is refused.
    again = api.post("/api/v1/dossiers", json=body, headers=headers)
    assert again.json()["code"] in codes
    other = api.post("/api/v1/dossiers", json={**body, "form_data": {}}, headers=headers)
    assert other.status_code == 409
    assert other.json()["type"] == "/problems/idempotency-key-reused"


def test_a_submission_without_an_idempotency_key_is_refused(
    api: httpx.Client, mongo: Database[dict[str, Any]]
) -> None:
    an = citizen(api)
    before = mongo.dossiers.count_documents({})
    body = {"procedure_code": "HT-KS", "agency_code": WARD, "form_data": birth_form(api)}
    response = api.post("/api/v1/dossiers", json=body, headers=an.headers)
    assert response.status_code == 422
    assert response.json()["type"] == "/problems/idempotency-key-required"
    assert mongo.dossiers.count_documents({}) == before


def test_two_officials_at_once_exactly_one_wins(api: httpx.Client, live_server: LiveServer) -> None:
    an, binh, dung = citizen(api), ward_official(api), second_ward_official(api)
    dossier = submit(api, an)
    code, version = dossier["code"], dossier["version"]

    async def race() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=live_server.url, timeout=60) as client:
            return await asyncio.gather(
                *(
                    client.post(
                        f"/api/v1/dossiers/{code}/transitions",
                        json={"action": "accept"},
                        headers={
                            **who.headers,
                            "Idempotency-Key": uuid.uuid4().hex,
                            "If-Match": f'"{version}"',
                        },
                    )
                    for who in (binh, dung, binh, dung)
                )
            )

    statuses = sorted(r.status_code for r in asyncio.run(race()))
    assert statuses.count(200) == 1, statuses
    assert all(s in (409, 412) for s in statuses if s != 200), statuses
    final = ok(api.get(f"/api/v1/dossiers/{code}", headers=binh.headers))
    assert final["version"] == version + 1
    assert [t["action"]["code"] for t in final["timeline"]] == ["submit", "accept"]


def test_a_stale_version_is_412_and_a_missing_one_is_412(api: httpx.Client) -> None:
    an, binh = citizen(api), ward_official(api)
    dossier = submit(api, an)
    stale = act(api, binh, dossier["code"], "accept", dossier["version"] + 5)
    assert stale.status_code == 412
    assert stale.json()["type"] == "/problems/version-mismatch"
    missing = api.post(
        f"/api/v1/dossiers/{dossier['code']}/transitions",
        json={"action": "accept"},
        headers={**binh.headers, "Idempotency-Key": uuid.uuid4().hex},
    )
    assert missing.status_code == 412
    assert missing.json()["type"] == "/problems/version-required"
    assert ok(act(api, binh, dossier["code"], "accept", dossier["version"]))["status"]["code"] == "accepted"
