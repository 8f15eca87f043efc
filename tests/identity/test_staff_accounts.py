"""Officials are created only by an admin (or the CLI); they belong to a real agency."""

from __future__ import annotations

import httpx

from tests.support import assert_problem, login, register, unique_phone


def _admin(api: httpx.Client) -> dict[str, str]:
    return login(api, "0900000031", "quantri-demo-1").headers


def test_admin_creates_an_official_who_can_log_in(api: httpx.Client) -> None:
    phone = unique_phone()
    created = api.post(
        "/api/v1/admin/users",
        headers=_admin(api),
        json={
            "phone": phone,
            "password": "mat-khau-can-bo",
            "full_name": "Hoàng Văn Nam",
            "role": "official",
            "agency_code": "HD.STP",
            "position": "Chuyên viên",
        },
    )
    assert created.status_code == 201, created.text
    assert created.json()["agency_code"] == "HD.STP"
    session = login(api, phone, "mat-khau-can-bo")
    assert session.user["role"] == "official"
    me = api.get("/api/v1/me", headers=session.headers).json()
    assert me["position"] == "Chuyên viên"


def test_staff_rules(api: httpx.Client) -> None:
    admin = _admin(api)
    base = {"password": "mat-khau-can-bo", "full_name": "Hoàng Văn Nam"}
    no_agency = api.post(
        "/api/v1/admin/users", headers=admin, json={**base, "phone": unique_phone(), "role": "official"}
    )
    assert_problem(no_agency, 422, "agency-required")
    unknown = api.post(
        "/api/v1/admin/users",
        headers=admin,
        json={**base, "phone": unique_phone(), "role": "leader", "agency_code": "XX.NOPE"},
    )
    assert_problem(unknown, 404, "agency-not-found")
    citizen_with_agency = api.post(
        "/api/v1/admin/users",
        headers=admin,
        json={**base, "phone": unique_phone(), "role": "citizen", "agency_code": "HD"},
    )
    assert_problem(citizen_with_agency, 422, "agency-not-allowed")


def test_citizens_and_officials_cannot_create_staff(api: httpx.Client) -> None:
    body = {
        "phone": unique_phone(),
        "password": "mat-khau-can-bo",
        "full_name": "Kẻ Mạo Danh",
        "role": "admin",
    }
    citizen = register(api)
    assert_problem(api.post("/api/v1/admin/users", headers=citizen.headers, json=body), 403, "role-required")
    official = login(api, "0900000012", "canbo-demo-2")
    assert_problem(api.post("/api/v1/admin/users", headers=official.headers, json=body), 403, "role-required")
    # Registration cannot smuggle a role in either.
    sneaky = api.post("/api/v1/auth/register", json={**body, "full_name": "Kẻ Mạo Danh"})
    assert_problem(sneaky, 400, "validation-error")
