"""People and reports for the report tests."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from pymongo.database import Database

from backend.identity.validation import normalise_phone
from tests.dossiers.helpers import admin, key
from tests.support import Session, login, unique_phone


def user_id(mongo: Database[dict[str, Any]], phone: str) -> str:
    user = mongo["users"].find_one({"phone": normalise_phone(phone)})
    assert user is not None
    return str(user["_id"])


def staff(api: httpx.Client, role: str, agency: str) -> Session:
    """A new staff account (created by the admin), logged in."""
    phone, password = unique_phone(), "mat-khau-can-bo-1"
    body = {
        "phone": phone,
        "password": password,
        "full_name": f"Cán bộ {role}",
        "role": role,
        "agency_code": agency,
    }
    created = api.post("/api/v1/admin/users", json=body, headers=admin(api).headers)
    assert created.status_code == 201, created.text
    return login(api, phone, password)


def report(
    api: httpx.Client, who: Session | None = None, *, headers: dict[str, str] | None = None, **fields: Any
) -> httpx.Response:
    body = {
        "category": "harassment",
        "title": "Cán bộ gợi ý nộp thêm tiền",
        "content": f"Khi nộp hồ sơ, cán bộ nói phải nộp thêm tiền mới làm nhanh được. {uuid.uuid4().hex[:6]}",
        **fields,
    }
    auth = who.headers if who else {}
    return api.post("/api/v1/feedback", json=body, headers={**auth, **key(), **(headers or {})})


def act(api: httpx.Client, who: Session | None, code: str, action: str, **fields: Any) -> httpx.Response:
    auth = who.headers if who else {}
    return api.post(f"/api/v1/feedback/{code}/actions", json={"action": action, **fields}, headers=auth)
