"""Shared steps for the dossier tests: people, uploads, submissions, transitions."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from backend.catalogue.samples import example_form
from tests.support import Session, login

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
WARD = "HD.TPHD.TRANHUNGDAO"


def citizen(api: httpx.Client) -> Session:
    return login(api, "0900000001", "congdan-demo-1")


def other_citizen(api: httpx.Client) -> Session:
    return login(api, "0900000002", "congdan-demo-2")


def ward_official(api: httpx.Client) -> Session:
    return login(api, "0900000011", "canbo-demo-1")


def province_official(api: httpx.Client) -> Session:
    return login(api, "0900000012", "canbo-demo-2")


def leader(api: httpx.Client) -> Session:
    return login(api, "0900000021", "lanhdao-demo-1")


def admin(api: httpx.Client) -> Session:
    return login(api, "0900000031", "quantri-demo-1")


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


def upload(
    api: httpx.Client, who: Session, content: bytes = PDF, name: str = "giay-chung-sinh.pdf"
) -> httpx.Response:
    return api.post(
        "/api/v1/attachments", headers=who.headers, files={"data": (name, content, "application/pdf")}
    )


def birth_form(api: httpx.Client) -> dict[str, Any]:
    schema = api.get("/api/v1/procedures/HT-KS").json()["form_schema"]
    return example_form(schema)


def submit(api: httpx.Client, who: Session, **overrides: Any) -> dict[str, Any]:
    body = {"procedure_code": "HT-KS", "agency_code": WARD, "form_data": birth_form(api), **overrides}
    response = api.post("/api/v1/dossiers", json=body, headers={**who.headers, **key()})
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def act(
    api: httpx.Client, who: Session, code: str, action: str, version: int, **fields: Any
) -> httpx.Response:
    return api.post(
        f"/api/v1/dossiers/{code}/transitions",
        json={"action": action, **fields},
        headers={**who.headers, **key(), "If-Match": f'"{version}"'},
    )


def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code in (200, 201), response.text
    data: dict[str, Any] = response.json()
    return data


def second_ward_official(api: httpx.Client) -> Session:
    return login(api, "0900000014", "canbo-demo-4")


def ward_admin(api: httpx.Client) -> Session:
    return login(api, "0900000015", "quantri-phuong-1")


def view(api: httpx.Client, who: Session, code: str) -> dict[str, Any]:
    return ok(api.get(f"/api/v1/dossiers/{code}", headers=who.headers))
