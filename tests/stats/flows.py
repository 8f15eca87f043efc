"""Driving dossiers to a finish over HTTP, for the rating, report and KPI tests."""

from __future__ import annotations

from typing import Any

import httpx

from tests.dossiers.helpers import PDF, act, key, ok, submit
from tests.support import Session


def processed(api: httpx.Client, official: Session, citizen: Session, **submit_fields: Any) -> dict[str, Any]:
    """Submitted by ``citizen``, accepted and claimed by ``official``: in processing."""
    dossier = submit(api, citizen, **submit_fields)
    accepted = ok(act(api, official, dossier["code"], "accept", dossier["version"]))
    return ok(act(api, official, dossier["code"], "claim", accepted["version"]))


def with_result(api: httpx.Client, official: Session, dossier: dict[str, Any]) -> dict[str, Any]:
    """Approve and upload the result: result_ready (the finish that counts)."""
    approved = ok(act(api, official, dossier["code"], "approve", dossier["version"]))
    return ok(
        api.post(
            f"/api/v1/dossiers/{dossier['code']}/result",
            headers={**official.headers, **key(), "If-Match": f'"{approved["version"]}"'},
            files={"data": ("ket-qua.pdf", PDF, "application/pdf")},
        )
    )


def completed(
    api: httpx.Client, official: Session, citizen: Session, dossier: dict[str, Any]
) -> dict[str, Any]:
    ready = with_result(api, official, dossier)
    return ok(act(api, citizen, dossier["code"], "complete", ready["version"]))


def rejected(api: httpx.Client, official: Session, dossier: dict[str, Any]) -> dict[str, Any]:
    return ok(act(api, official, dossier["code"], "reject", dossier["version"], note="Không đủ điều kiện."))


def rating_body(official_id: str | None = None, overall: str = "satisfied", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "overall": overall,
        "criteria": {"on_time": 5, "guidance": 4, "result": 5, "attitude": 4},
        **extra,
    }
    if official_id:
        harassed = bool(extra.get("harassment"))
        body["officials"] = [{"official_id": official_id, "score": overall, "harassment": harassed}]
    return body


def rated_kpis(api: httpx.Client, agency: str = "HD") -> dict[str, Any]:
    satisfaction: dict[str, Any] = ok(api.get("/api/v1/stats/kpis", params={"agency": agency}))[
        "satisfaction"
    ]
    return satisfaction
