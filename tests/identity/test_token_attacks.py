"""Forged, altered and expired access tokens are all refused with 401."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from backend.keys import KeyRing
from backend.settings import Settings
from tests.support import Session, assert_problem, register


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def assemble(header: dict[str, Any], claims: dict[str, Any], signature: bytes = b"") -> str:
    return f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}.{b64(signature)}"


@pytest.fixture(scope="module")
def ring(settings: Settings, live_server: object) -> KeyRing:
    return KeyRing.load(settings.auth.key_dir, create=False)


@pytest.fixture
def victim(api: httpx.Client) -> Session:
    return register(api)


def claims_of(session: Session) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(session.access_token, options={"verify_signature": False})
    return claims


def call_me(api: httpx.Client, token: str) -> httpx.Response:
    return api.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})


def test_the_genuine_token_works(api: httpx.Client, victim: Session) -> None:
    assert call_me(api, victim.access_token).status_code == 200


def test_alg_none_is_refused(api: httpx.Client, victim: Session, ring: KeyRing) -> None:
    token = assemble(
        {"alg": "none", "typ": "at+jwt", "kid": ring.active.kid}, {**claims_of(victim), "role": "admin"}
    )
    assert_problem(call_me(api, token), 401, "invalid-token")
    assert_problem(call_me(api, token.rstrip(".")), 401)


def test_hs256_signed_with_the_public_key_is_refused(
    api: httpx.Client, victim: Session, ring: KeyRing
) -> None:
    from cryptography.hazmat.primitives import serialization

    public_pem = ring.active.public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = {"alg": "HS256", "typ": "at+jwt", "kid": ring.active.kid}
    claims = {**claims_of(victim), "role": "admin"}
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}".encode()
    token = signing_input.decode() + "." + b64(hmac.new(public_pem, signing_input, hashlib.sha256).digest())
    assert_problem(call_me(api, token), 401, "invalid-token")


def test_expired_token_is_refused(api: httpx.Client, victim: Session, ring: KeyRing) -> None:
    past = datetime.now(UTC) - timedelta(hours=2)
    claims = {**claims_of(victim), "iat": past, "nbf": past, "exp": past + timedelta(minutes=15)}
    token = jwt.encode(
        claims, ring.active.private_key, algorithm="ES256", headers={"kid": ring.active.kid, "typ": "at+jwt"}
    )
    assert_problem(call_me(api, token), 401, "token-expired")


def test_unknown_kid_is_refused(api: httpx.Client, victim: Session, ring: KeyRing) -> None:
    token = jwt.encode(
        claims_of(victim),
        ring.active.private_key,
        algorithm="ES256",
        headers={"kid": "not-a-key", "typ": "at+jwt"},
    )
    assert_problem(call_me(api, token), 401, "invalid-token")


def test_foreign_key_with_our_kid_is_refused(api: httpx.Client, victim: Session, ring: KeyRing) -> None:
    attacker_key = ec.generate_private_key(ec.SECP256R1())
    token = jwt.encode(
        {**claims_of(victim), "role": "admin"},
        attacker_key,
        algorithm="ES256",
        headers={"kid": ring.active.kid, "typ": "at+jwt"},
    )
    assert_problem(call_me(api, token), 401, "invalid-token")


def test_tampered_payload_is_refused(api: httpx.Client, victim: Session) -> None:
    header, _, signature = victim.access_token.split(".")
    payload = b64(json.dumps({**claims_of(victim), "role": "admin"}).encode())
    assert_problem(call_me(api, f"{header}.{payload}.{signature}"), 401, "invalid-token")


@pytest.mark.parametrize("claim", [{"aud": "another-api"}, {"iss": "someone-else"}, {"kind": None}])
def test_wrong_audience_issuer_or_missing_claims_are_refused(
    api: httpx.Client, victim: Session, ring: KeyRing, claim: dict[str, Any]
) -> None:
    claims = {k: v for k, v in {**claims_of(victim), **claim}.items() if v is not None}
    token = jwt.encode(
        claims, ring.active.private_key, algorithm="ES256", headers={"kid": ring.active.kid, "typ": "at+jwt"}
    )
    assert_problem(call_me(api, token), 401, "invalid-token")


def test_a_refresh_token_is_not_an_access_token(api: httpx.Client, victim: Session) -> None:
    assert victim.refresh_token
    assert_problem(call_me(api, victim.refresh_token), 401, "invalid-token")


@pytest.mark.parametrize(
    "header", ["", "Bearer", "Basic dXNlcjpwYXNz", "Bearer a.b.c", "Bearer " + "x" * 5000]
)
def test_malformed_authorization_headers(api: httpx.Client, header: str) -> None:
    response = api.get("/api/v1/me", headers={"Authorization": header} if header else {})
    body = assert_problem(response, 401)
    assert body["type"] in ("/problems/missing-token", "/problems/invalid-token")
    assert response.headers["www-authenticate"] == "Bearer"
