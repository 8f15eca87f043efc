"""The receipt token: a compact JWS (ES256, ``kid``, ``typ: rct``) with short claims.

Short because it goes into a QR code a cheap phone must read off paper:

``sub`` dossier code · ``p`` procedure code · ``a`` agency code · ``n`` the applicant, masked ·
``r`` received (epoch s) · ``d`` appointment (epoch s) · ``iat`` · ``exp`` · ``jti``.

Verification trusts only ES256 and keys we hold, and checks the signature before anything
else, so a forged or altered token is "invalid" whatever it claims; a genuine one past ``exp``
is "expired". The PWA verifies the same token with WebCrypto (raw r||s P-256 signatures).
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import jwt

from backend.receipts.keys import ReceiptKeys

ALGORITHM = "ES256"
TYP = "rct"
MAX_TOKEN_CHARS = 1024


@dataclass(frozen=True, slots=True)
class Claims:
    code: str
    procedure_code: str
    agency_code: str
    applicant_masked: str
    received_at: datetime
    due_at: datetime
    issued_at: datetime
    expires_at: datetime
    jti: str
    kid: str


@dataclass(frozen=True, slots=True)
class Checked:
    """The outcome of checking a token's form and signature (not yet its dossier)."""

    claims: Claims | None
    reason: str | None  # why it is not genuine: malformed, alg-not-allowed, unknown-key, bad-signature
    expired: bool = False


class _Utf8Json(json.JSONEncoder):
    """UTF-8 rather than ``\\uXXXX`` escapes: a Vietnamese name costs half the characters."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def _time(value: Any) -> datetime:
    return datetime.fromtimestamp(int(value), UTC)


def new_jti() -> str:
    return secrets.token_urlsafe(9)  # 12 characters, 72 bits


def sign(keys: ReceiptKeys, claims: Claims) -> str:
    key = keys.get(claims.kid)
    if key is None:
        raise ValueError(f"unknown receipt key {claims.kid}")
    payload = {
        "sub": claims.code,
        "p": claims.procedure_code,
        "a": claims.agency_code,
        "n": claims.applicant_masked,
        "r": _epoch(claims.received_at),
        "d": _epoch(claims.due_at),
        "iat": _epoch(claims.issued_at),
        "exp": _epoch(claims.expires_at),
        "jti": claims.jti,
    }
    return jwt.encode(
        payload,
        key.private_key,
        algorithm=ALGORITHM,
        headers={"kid": key.kid, "typ": TYP},
        json_encoder=_Utf8Json,
    )


def _header(token: str) -> dict[str, Any] | None:
    first = token.split(".", 1)[0]
    try:
        header = json.loads(base64.urlsafe_b64decode(first + "=" * (-len(first) % 4)))
    except ValueError:
        return None
    return header if isinstance(header, dict) else None


def check(keys: ReceiptKeys, token: str, now: datetime | None = None) -> Checked:
    """Is this token one we signed (and still in date)?"""
    token = token.strip()
    if not token or len(token) > MAX_TOKEN_CHARS or token.count(".") != 2:
        return Checked(None, "malformed")
    header = _header(token)
    if header is None:
        return Checked(None, "malformed")
    if header.get("alg") != ALGORITHM or header.get("typ") != TYP:
        return Checked(None, "alg-not-allowed")
    key = keys.get(str(header.get("kid", "")))
    if key is None:
        return Checked(None, "unknown-key")
    try:
        raw = jwt.decode(
            token,
            key.public_key,
            algorithms=[ALGORITHM],
            options={"verify_exp": False, "require": ["sub", "iat", "exp", "jti"]},
        )
        claims = Claims(
            code=str(raw["sub"]),
            procedure_code=str(raw["p"]),
            agency_code=str(raw["a"]),
            applicant_masked=str(raw["n"]),
            received_at=_time(raw["r"]),
            due_at=_time(raw["d"]),
            issued_at=_time(raw["iat"]),
            expires_at=_time(raw["exp"]),
            jti=str(raw["jti"]),
            kid=key.kid,
        )
    except jwt.InvalidSignatureError:
        return Checked(None, "bad-signature")
    except (jwt.PyJWTError, KeyError, TypeError, ValueError, OverflowError):
        return Checked(None, "malformed")
    return Checked(claims, None, expired=claims.expires_at <= (now or datetime.now(UTC)))
