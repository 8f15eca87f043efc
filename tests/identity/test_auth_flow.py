"""Register → login → /me → refresh → logout, over real HTTP, and refresh-token rotation."""

from __future__ import annotations

from typing import Any

import httpx
from pymongo.database import Database

from tests.support import assert_problem, login, register, unique_phone

# Replays here are immediate: test reuse detection itself, without the grace for lost responses
# (tests/identity/test_refresh_grace.py covers the grace).
AUTH_OVERRIDES = {"refresh_reuse_grace_seconds": 0}


def test_register_login_me_refresh_logout(api: httpx.Client) -> None:
    phone = unique_phone()
    registered = register(api, phone=phone, full_name="  Trần   Thị Mai ", email="Mai@Example.VN")
    assert registered.user["phone"] == "+84" + phone[1:]
    assert registered.user["full_name"] == "Trần Thị Mai"
    assert registered.user["email"] == "mai@example.vn"
    assert registered.user["role"] == "citizen"

    session = login(api, phone, "mat-khau-an-toan")
    me = api.get("/api/v1/me", headers=session.headers)
    assert me.status_code == 200
    assert me.json()["id"] == registered.user["id"]

    refreshed = api.post("/api/v1/auth/refresh", json={"refresh_token": session.refresh_token})
    assert refreshed.status_code == 200, refreshed.text
    new = refreshed.json()
    assert new["refresh_token"] != session.refresh_token
    assert (
        api.get("/api/v1/me", headers={"Authorization": f"Bearer {new['access_token']}"}).status_code == 200
    )

    assert api.post("/api/v1/auth/logout", json={"refresh_token": new["refresh_token"]}).status_code == 204
    assert_problem(api.post("/api/v1/auth/refresh", json={"refresh_token": new["refresh_token"]}), 401)
    # Logging out twice is harmless.
    assert api.post("/api/v1/auth/logout", json={"refresh_token": new["refresh_token"]}).status_code == 204


def test_replayed_refresh_token_revokes_the_whole_family(
    api: httpx.Client, mongo: Database[dict[str, Any]]
) -> None:
    session = register(api)
    first = session.refresh_token
    second = api.post("/api/v1/auth/refresh", json={"refresh_token": first}).json()["refresh_token"]

    replay = api.post("/api/v1/auth/refresh", json={"refresh_token": first})
    assert_problem(replay, 401, "refresh-token-reused")
    # The legitimate newer token died with its family: the thief cannot keep a session.
    assert_problem(api.post("/api/v1/auth/refresh", json={"refresh_token": second}), 401)
    family = mongo.refresh_tokens.find({"user_id": session.user["id"]})
    assert all(doc["revoked_at"] is not None for doc in family)


def test_other_families_survive_a_replay(api: httpx.Client) -> None:
    phone = unique_phone()
    register(api, phone=phone)
    phone_a = login(api, phone, "mat-khau-an-toan")
    phone_b = login(api, phone, "mat-khau-an-toan")
    api.post("/api/v1/auth/refresh", json={"refresh_token": phone_a.refresh_token})
    api.post(
        "/api/v1/auth/refresh", json={"refresh_token": phone_a.refresh_token}
    )  # replay: family A revoked
    assert api.post("/api/v1/auth/refresh", json={"refresh_token": phone_b.refresh_token}).status_code == 200


def test_cookie_delivery_keeps_the_refresh_token_out_of_the_body(api: httpx.Client) -> None:
    phone = unique_phone()
    response = api.post(
        "/api/v1/auth/register",
        json={
            "phone": phone,
            "password": "mat-khau-an-toan",
            "full_name": "Lê Văn Tám",
            "token_delivery": "cookie",
        },
    )
    assert response.status_code == 201
    assert response.json()["refresh_token"] is None
    cookie = response.headers["set-cookie"]
    assert "cds_refresh=" in cookie
    assert "HttpOnly" in cookie
    assert "samesite=strict" in cookie.lower()
    assert "Path=/api/v1/auth" in cookie
    assert response.headers["cache-control"] == "no-store"

    refreshed = api.post("/api/v1/auth/refresh", json={"token_delivery": "cookie"})  # the cookie jar sends it
    assert refreshed.status_code == 200, refreshed.text
    assert refreshed.json()["refresh_token"] is None
    logout = api.post("/api/v1/auth/logout")
    assert logout.status_code == 204
    assert 'cds_refresh=""' in logout.headers["set-cookie"] or "Max-Age=0" in logout.headers["set-cookie"]


def test_cccd_is_never_shown_in_full(api: httpx.Client, mongo: Database[dict[str, Any]]) -> None:
    cccd = "030095" + unique_phone()[-6:]
    session = register(api, cccd=cccd)
    me = api.get("/api/v1/me", headers=session.headers)
    assert me.json()["cccd_masked"] == "********" + cccd[-4:]
    assert cccd not in me.text
    assert (
        cccd
        not in api.post(
            "/api/v1/auth/login", json={"phone": session.user["phone"], "password": "mat-khau-an-toan"}
        ).text
    )
    assert_problem(
        api.post(
            "/api/v1/auth/register",
            json={
                "phone": unique_phone(),
                "password": "mat-khau-an-toan",
                "full_name": "Người Khác",
                "cccd": cccd,
            },
        ),
        409,
        "cccd-taken",
    )


def test_phone_registers_once_in_any_format(api: httpx.Client) -> None:
    phone = unique_phone()
    register(api, phone=phone)
    again = api.post(
        "/api/v1/auth/register",
        json={"phone": "+84 " + phone[1:], "password": "mat-khau-khac-1", "full_name": "Ai Đó"},
    )
    assert_problem(again, 409, "phone-taken")


def test_profile_update_and_language(api: httpx.Client) -> None:
    session = register(api)
    updated = api.patch(
        "/api/v1/me", json={"language": "en", "full_name": "Nguyễn Thị Lan"}, headers=session.headers
    )
    assert updated.status_code == 200, updated.text
    assert updated.json()["language"] == "en"
    assert updated.json()["full_name"] == "Nguyễn Thị Lan"
    assert_problem(
        api.patch("/api/v1/me", json={"role": "admin"}, headers=session.headers), 400, "validation-error"
    )
    assert api.get("/api/v1/me", headers=session.headers).json()["role"] == "citizen"


def test_error_language_follows_accept_language(api: httpx.Client) -> None:
    vi = assert_problem(
        api.post("/api/v1/auth/login", json={"phone": unique_phone(), "password": "sai-mat-khau"}), 401
    )
    en = assert_problem(
        api.post(
            "/api/v1/auth/login",
            json={"phone": unique_phone(), "password": "x"},
            headers={"Accept-Language": "en-US"},
        ),
        401,
    )
    assert vi["detail"] == "Số điện thoại hoặc mật khẩu không đúng."
    assert en["detail"] == "The phone number or password is incorrect."
