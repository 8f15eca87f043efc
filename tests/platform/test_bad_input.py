"""Bad input never gets a 500, a hang or a stack trace: always a 4xx problem."""

from __future__ import annotations

import httpx
import pytest

from tests.support import assert_problem, register, unique_phone

REGISTER = "/api/v1/auth/register"


def valid() -> dict[str, object]:
    return {"phone": unique_phone(), "password": "mat-khau-an-toan", "full_name": "Nguyễn Văn An"}


@pytest.mark.parametrize(
    "raw",
    [
        b"{bad json",
        b"",
        b"null",
        b"[]",
        b'"a string"',
        b"42",
        b'{"phone": "0912345678",}',
        b"\xff\xfe\x00garbage",
    ],
)
def test_malformed_bodies(api: httpx.Client, raw: bytes) -> None:
    response = api.post(REGISTER, content=raw, headers={"Content-Type": "application/json"})
    assert_problem(response, 400)


@pytest.mark.parametrize(
    "patch",
    [
        {"phone": 912345678},
        {"password": ["a", "list"]},
        {"full_name": {"nested": "object"}},
        {"email": True},
        {"language": "fr"},
        {"token_delivery": "carrier-pigeon"},
        {"unknown_field": 1},
        {"role": "admin"},
        {"phone": "12345"},
        {"phone": "+1 202 555 0100"},
        {"phone": "0212345678"},
        {"cccd": "12345"},
        {"cccd": "999123456789"},
        {"email": "not-an-email"},
        {"full_name": "A"},
        {"full_name": "Robert'); DROP TABLE--"},
        {"password": "short"},
        {"password": "x" * 129},
        {"full_name": "x" * 100_000},
        {"phone": None},
    ],
)
def test_field_errors_name_the_field(api: httpx.Client, patch: dict[str, object]) -> None:
    body = assert_problem(api.post(REGISTER, json={**valid(), **patch}), 400, "validation-error")
    fields = {e["field"] for e in body["errors"]}
    assert set(patch) & fields, body


def test_missing_fields(api: httpx.Client) -> None:
    body = assert_problem(api.post(REGISTER, json={}), 400, "validation-error")
    assert {"phone", "password", "full_name"} <= {e["field"] for e in body["errors"]}


def test_a_one_megabyte_string_is_refused_before_parsing(api: httpx.Client) -> None:
    response = api.post(REGISTER, json={**valid(), "full_name": "A" * 1_000_000})
    assert_problem(response, 413, "payload-too-large")


def test_wrong_content_type(api: httpx.Client) -> None:
    response = api.post(REGISTER, content=b"phone=0912345678", headers={"Content-Type": "text/plain"})
    assert 400 <= response.status_code < 500
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/procedures/" + "x" * 5000,
        "/api/v1/procedures/..%2F..%2Fetc%2Fpasswd",
        "/api/v1/procedures/%00",
        "/api/v1/procedures?limit=-1",
        "/api/v1/procedures?q=" + "%F0%9F%98%80" * 300,
        "/api/v1/agencies?level=%24ne",
        "/api/v1/procedures?cursor=" + "A" * 150,
    ],
)
def test_hostile_urls(api: httpx.Client, path: str) -> None:
    response = api.get(path)
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


def test_operator_injection_in_login_is_just_a_bad_field(api: httpx.Client) -> None:
    session = register(api)
    response = api.post("/api/v1/auth/login", json={"phone": session.user["phone"], "password": {"$ne": ""}})
    assert_problem(response, 400, "validation-error")
