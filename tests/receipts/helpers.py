"""Shared steps for the receipt and desk tests."""

from __future__ import annotations

from typing import Any

import httpx

from tests.dossiers.helpers import PDF, act, key, ok, submit
from tests.support import Session


def accepted(api: httpx.Client, citizen: Session, official: Session) -> dict[str, Any]:
    dossier = submit(api, citizen)
    return ok(act(api, official, dossier["code"], "accept", dossier["version"]))


def result_ready(api: httpx.Client, citizen: Session, official: Session) -> dict[str, Any]:
    d = accepted(api, citizen, official)
    d = ok(act(api, official, d["code"], "claim", d["version"]))
    d = ok(act(api, official, d["code"], "approve", d["version"]))
    response = api.post(
        f"/api/v1/dossiers/{d['code']}/result",
        files={"data": ("ket-qua.pdf", PDF, "application/pdf")},
        headers={**official.headers, **key(), "If-Match": f'"{d["version"]}"'},
    )
    return ok(response)


def receipt(api: httpx.Client, who: Session, code: str) -> dict[str, Any]:
    return ok(api.get(f"/api/v1/dossiers/{code}/receipt", headers=who.headers))


def verify(api: httpx.Client, token: str, who: Session | None = None) -> dict[str, Any]:
    headers = who.headers if who else {}
    return ok(api.post("/api/v1/receipts/verify", json={"token": token}, headers=headers))


def desk(api: httpx.Client, who: Session, code: str, body: dict[str, Any], **headers: str) -> httpx.Response:
    return api.post(f"/api/v1/dossiers/{code}/desk", json=body, headers={**who.headers, **key(), **headers})


def flip(token: str, position: int) -> str:
    """The token with one character changed."""
    original = token[position]
    return token[:position] + ("A" if original != "A" else "B") + token[position + 1 :]
