"""Every dossier endpoint × every role × own and someone else's dossier.

Citizens see only their own dossiers, officials only their agency's, leaders their agency's
subtree. A dossier the caller may not see answers 404, the same as one that does not exist.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.dossiers.helpers import (
    act,
    admin,
    citizen,
    key,
    leader,
    ok,
    other_citizen,
    province_official,
    submit,
    upload,
    ward_admin,
    ward_official,
)
from tests.support import Session, login, unique_phone

ROLES = [
    "anonymous",
    "owner",
    "other_citizen",
    "ward_official",
    "ward_admin",
    "province_official",
    "province_leader",
    "department_leader",
    "admin",
]


@pytest.fixture(scope="module")
def people(live_server: Any) -> dict[str, Session | None]:
    with httpx.Client(base_url=live_server.url, timeout=30) as api:
        phone = unique_phone()
        created = api.post(
            "/api/v1/admin/users",
            headers=admin(api).headers,
            json={"phone": phone, "password": "mat-khau-lanh-dao", "full_name": "Hoàng Minh Tuấn",
                  "role": "leader", "agency_code": "HD.STP"},
        )  # fmt: skip
        assert created.status_code == 201, created.text
        return {
            "anonymous": None,
            "owner": citizen(api),
            "other_citizen": other_citizen(api),
            "ward_official": ward_official(api),
            "ward_admin": ward_admin(api),
            "province_official": province_official(api),
            "province_leader": leader(api),
            "department_leader": login(api, phone, "mat-khau-lanh-dao"),
            "admin": admin(api),
        }


def headers(who: Session | None) -> dict[str, str]:
    return who.headers if who else {}


@pytest.fixture(scope="module")
def dossier(live_server: Any, people: dict[str, Session | None]) -> dict[str, Any]:
    with httpx.Client(base_url=live_server.url, timeout=30) as api:
        owner = people["owner"]
        assert owner is not None
        file_id = ok(upload(api, owner))["file_id"]
        return submit(api, owner, attachment_ids=[file_id])


VIEW = {
    "anonymous": 401,
    "owner": 200,
    "other_citizen": 404,
    "ward_official": 200,
    "ward_admin": 200,
    "province_official": 404,
    "province_leader": 200,
    "department_leader": 404,
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_view_and_files(
    api: httpx.Client, people: dict[str, Session | None], dossier: dict[str, Any], role: str
) -> None:
    code, file_id = dossier["code"], dossier["attachments"][0]["file_id"]
    assert api.get(f"/api/v1/dossiers/{code}", headers=headers(people[role])).status_code == VIEW[role]
    assert (
        api.get(f"/api/v1/dossiers/{code}/files/{file_id}", headers=headers(people[role])).status_code
        == VIEW[role]
    )


@pytest.mark.parametrize("role", ROLES)
def test_lists_show_only_what_may_be_seen(
    api: httpx.Client, people: dict[str, Session | None], dossier: dict[str, Any], role: str
) -> None:
    response = api.get("/api/v1/dossiers", params={"limit": 100}, headers=headers(people[role]))
    if role == "anonymous":
        assert response.status_code == 401
        return
    listed = dossier["code"] in [d["code"] for d in ok(response)["items"]]
    assert listed == (VIEW[role] == 200), role


QUEUE = {"ward_official": True, "ward_admin": True, "province_official": False}


@pytest.mark.parametrize("role", ROLES)
def test_workbench_and_overdue(
    api: httpx.Client, people: dict[str, Session | None], dossier: dict[str, Any], role: str
) -> None:
    queue = api.get("/api/v1/workbench/queue", params={"limit": 100}, headers=headers(people[role]))
    overdue = api.get("/api/v1/dossiers/overdue", headers=headers(people[role]))
    if role == "anonymous":
        assert (queue.status_code, overdue.status_code) == (401, 401)
    elif role in QUEUE:
        assert (dossier["code"] in [d["code"] for d in ok(queue)["items"]]) == QUEUE[role]
        assert overdue.status_code == 200
    elif role.endswith("leader"):
        assert (queue.status_code, overdue.status_code) == (403, 200)
    else:
        assert (queue.status_code, overdue.status_code) == (403, 403)


ACCEPT = {
    "anonymous": 401,
    "owner": 403,
    "other_citizen": 404,
    "ward_official": 200,
    "ward_admin": 200,
    "province_official": 404,
    "province_leader": 403,
    "department_leader": 404,
    "admin": 403,
}
WITHDRAW = {**ACCEPT, "owner": 200, "ward_official": 403, "ward_admin": 403}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("action", "expected"), [("accept", ACCEPT), ("withdraw", WITHDRAW)])
def test_transitions(
    api: httpx.Client, people: dict[str, Session | None], role: str, action: str, expected: dict[str, int]
) -> None:
    owner = people["owner"]
    assert owner is not None
    fresh = submit(api, owner)
    who = people[role]
    if who is None:
        response = api.post(
            f"/api/v1/dossiers/{fresh['code']}/transitions", json={"action": action}, headers=key()
        )
    else:
        response = act(api, who, fresh["code"], action, fresh["version"])
    assert response.status_code == expected[role], response.text


SUBMIT = {
    "anonymous": 401,
    "owner": 201,
    "other_citizen": 201,
    "ward_official": 201,  # at the desk, for a walk-in applicant
    "ward_admin": 201,
    "province_official": 403,  # a commune procedure is not the department's to register
    "province_leader": 403,
    "department_leader": 403,
    "admin": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_submit(api: httpx.Client, people: dict[str, Session | None], role: str) -> None:
    form = api.get("/api/v1/procedures/HT-KS").json()["form_schema"]
    from backend.catalogue.samples import example_form

    body: dict[str, Any] = {
        "procedure_code": "HT-KS",
        "agency_code": "HD.TPHD.TRANHUNGDAO",
        "form_data": example_form(form),
    }
    if role in ("ward_official", "ward_admin", "province_official"):
        body["applicant"] = {"full_name": "Phạm Thị Nga", "phone": "0987000111"}
    response = api.post("/api/v1/dossiers", json=body, headers={**headers(people[role]), **key()})
    assert response.status_code == SUBMIT[role], response.text
    if response.status_code == 201 and role.startswith("ward"):
        desk = response.json()
        assert desk["channel"] == "desk"
        assert desk["status"]["code"] == "accepted"  # checked at the counter
        assert desk["applicant_name"] == "Phạm Thị Nga"


UPLOAD = {
    **{role: 201 for role in ("owner", "other_citizen", "ward_official", "ward_admin", "province_official")},
    **{role: 403 for role in ("province_leader", "department_leader", "admin")},
    "anonymous": 401,
}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_upload(api: httpx.Client, people: dict[str, Session | None], role: str) -> None:
    files = {"data": ("a.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")}
    response = api.post("/api/v1/attachments", headers=headers(people[role]), files=files)
    assert response.status_code == UPLOAD[role], response.text
