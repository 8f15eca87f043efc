"""Authentication (ES256 access tokens, Bearer) and the shared guards.

A request's identity is a :class:`Principal`. Today principals are users (citizens and staff,
authorised by role); the same token format carries third-party API clients later (``kind`` =
``client``, authorised by ``scope``), so guards never look at anything but the principal.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import jwt
from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult
from litestar.types import ASGIApp

from backend.errors import Forbidden, Unauthorized
from backend.keys import KeyRing
from backend.settings import AuthSettings

ACCESS_TOKEN_TYP = "at+jwt"  # RFC 9068
ALGORITHM = "ES256"


class Role(StrEnum):
    citizen = "citizen"
    official = "official"
    agency_admin = "agency_admin"
    leader = "leader"
    admin = "admin"


#: Roles that work inside an agency and must belong to one.
STAFF_ROLES = frozenset({Role.official, Role.agency_admin, Role.leader})


@dataclass(frozen=True, slots=True)
class Principal:
    subject: str
    kind: str  # "user" | "client"
    role: Role | None
    agency_code: str | None
    scopes: frozenset[str]
    token_id: str


class TokenService:
    """Issues and verifies access tokens. Verification trusts only ES256 and known ``kid``s."""

    def __init__(self, keys: KeyRing, settings: AuthSettings) -> None:
        self.keys = keys
        self.settings = settings

    def issue_access_token(
        self, *, subject: str, role: Role, agency_code: str | None, now: datetime | None = None
    ) -> str:
        issued = now or datetime.now(UTC)
        claims: dict[str, Any] = {
            "iss": self.settings.issuer,
            "aud": self.settings.audience,
            "sub": subject,
            "iat": issued,
            "nbf": issued,
            "exp": issued + timedelta(seconds=self.settings.access_ttl_seconds),
            "jti": secrets.token_urlsafe(12),
            "kind": "user",
            "role": role.value,
            "scope": "user",
        }
        if agency_code:
            claims["agency"] = agency_code
        key = self.keys.active
        return jwt.encode(
            claims, key.private_key, algorithm=ALGORITHM, headers={"kid": key.kid, "typ": ACCESS_TOKEN_TYP}
        )

    def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise _invalid_token() from exc
        if header.get("alg") != ALGORITHM or header.get("typ") != ACCESS_TOKEN_TYP:
            raise _invalid_token()
        key = self.keys.get(str(header.get("kid", "")))
        if key is None:
            raise _invalid_token()
        try:
            claims = jwt.decode(
                token,
                key.public_key,
                algorithms=[ALGORITHM],
                audience=self.settings.audience,
                issuer=self.settings.issuer,
                options={"require": ["exp", "iat", "sub", "jti", "kind"]},
                leeway=30,
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthorized(
                "token-expired", vi="Phiên đăng nhập đã hết hạn.", en="The access token has expired."
            ) from exc
        except jwt.PyJWTError as exc:
            raise _invalid_token() from exc
        role = claims.get("role")
        try:
            parsed_role = Role(role) if role is not None else None
        except ValueError as exc:
            raise _invalid_token() from exc
        return Principal(
            subject=str(claims["sub"]),
            kind=str(claims["kind"]),
            role=parsed_role,
            agency_code=claims.get("agency"),
            scopes=frozenset(str(claims.get("scope", "")).split()),
            token_id=str(claims["jti"]),
        )


def _invalid_token() -> Unauthorized:
    return Unauthorized("invalid-token", vi="Mã truy cập không hợp lệ.", en="The access token is invalid.")


class BearerAuthMiddleware(AbstractAuthenticationMiddleware):
    """Every route needs a valid Bearer token unless its handler sets ``opt={"public": True}``."""

    def __init__(self, app: ASGIApp, tokens: TokenService) -> None:
        super().__init__(app, exclude_from_auth_key="public", exclude=["^/schema"])
        self.tokens = tokens

    async def authenticate_request(
        self, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> AuthenticationResult:
        header = connection.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized(
                "missing-token",
                vi="Vui lòng đăng nhập để tiếp tục.",
                en="Log in first: this endpoint needs a Bearer access token.",
            )
        principal = self.tokens.verify(token.strip())
        return AuthenticationResult(user=principal, auth=token)


def principal_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal:
    user = connection.scope.get("user")
    if not isinstance(user, Principal):  # only reachable on a public route
        raise _invalid_token()
    return user


def require_roles(*roles: Role) -> Any:
    """A guard allowing users with one of ``roles``."""
    allowed = frozenset(roles)

    def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        principal = principal_of(connection)
        if principal.kind != "user" or principal.role not in allowed:
            raise Forbidden(
                "role-required",
                vi="Tài khoản của bạn không có quyền thực hiện thao tác này.",
                en="Your account's role does not allow this action.",
            )

    guard.__name__ = f"require_roles_{'_'.join(sorted(allowed))}"
    return guard
