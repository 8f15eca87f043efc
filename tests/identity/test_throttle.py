"""Repeated wrong passwords lock the account, then the client; each answer is a 4xx problem."""

from __future__ import annotations

import httpx

from tests.support import assert_problem, register, unique_phone

AUTH_OVERRIDES = {"max_failures_per_account": 5, "max_failures_per_client": 12, "lockout_seconds": 600}


def test_twenty_wrong_passwords_get_401_then_429(api: httpx.Client) -> None:
    session = register(api)
    phone = session.user["phone"]
    statuses = []
    for _ in range(20):
        response = api.post("/api/v1/auth/login", json={"phone": phone, "password": "sai-mat-khau"})
        assert_problem(response, response.status_code)
        statuses.append(response.status_code)
    assert statuses[:5] == [401] * 5
    assert set(statuses[5:]) == {429}
    locked = api.post("/api/v1/auth/login", json={"phone": phone, "password": "mat-khau-an-toan"})
    body = assert_problem(locked, 429, "login-throttled")
    assert 0 < int(locked.headers["retry-after"]) <= 601
    assert "phút" in body["detail"]


def test_a_client_guessing_across_accounts_is_throttled(api: httpx.Client) -> None:
    # The previous test's failures count for this client too; new accounts do not reset it.
    statuses = {
        api.post("/api/v1/auth/login", json={"phone": unique_phone(), "password": "doan-mo"}).status_code
        for _ in range(12)
    }
    assert 429 in statuses
    assert statuses <= {401, 429}
