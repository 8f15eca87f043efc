"""Rotating refresh tokens with reuse detection (OAuth 2.0 Security BCP, section 4.14).

Each login starts a *family*. A refresh spends its token and issues the next one in the same
family. Presenting a token that was already spent means it leaked (or a client misbehaved): the
whole family is revoked, so both the thief and the victim must log in again.

One exception, a short *reuse grace* (Okta and Auth0 have the same): a phone on a bad network, or
a page that navigates away while a refresh is in flight, can lose the response that carried the
rotated cookie and then present the spent token again. Within ``grace`` of the spend, in a family
that is still live, that is answered with another successor instead of revoking the session.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import cast

from pymongo import ReturnDocument

from backend.errors import Unauthorized
from backend.identity.documents import RefreshToken, utcnow


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _invalid() -> Unauthorized:
    return Unauthorized(
        "invalid-refresh-token",
        vi="Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.",
        en="The refresh token is invalid or expired. Log in again.",
    )


class RefreshTokens:
    def __init__(self, ttl_seconds: int, reuse_grace_seconds: int = 0) -> None:
        self.ttl = timedelta(seconds=ttl_seconds)
        self.grace = timedelta(seconds=reuse_grace_seconds)

    async def issue(self, user_id: str, family_id: str | None = None) -> str:
        token = secrets.token_urlsafe(32)
        await RefreshToken(
            token_hash=_digest(token),
            family_id=family_id or secrets.token_hex(16),
            user_id=user_id,
            expires_at=utcnow() + self.ttl,
        ).insert()
        return token

    async def spend(self, token: str) -> RefreshToken:
        """Mark ``token`` used and return it; a replay revokes its family and fails."""
        now = utcnow()
        coll = RefreshToken.get_pymongo_collection()
        doc = await coll.find_one_and_update(
            {"token_hash": _digest(token), "used_at": None, "revoked_at": None, "expires_at": {"$gt": now}},
            {"$set": {"used_at": now}},
            return_document=ReturnDocument.AFTER,
        )
        if doc is not None:
            return cast(RefreshToken, RefreshToken.model_validate(doc))
        known = await coll.find_one({"token_hash": _digest(token)})
        if known is not None and known.get("used_at") is not None:
            live = known.get("revoked_at") is None and known["expires_at"] > now
            if live and timedelta(0) <= now - known["used_at"] <= self.grace:
                return cast(RefreshToken, RefreshToken.model_validate(known))
            await self.revoke_family(known["family_id"])
            raise Unauthorized(
                "refresh-token-reused",
                vi=(
                    "Phiên đăng nhập đã bị dùng lại nên đã bị thu hồi để bảo vệ tài khoản. "
                    "Vui lòng đăng nhập lại."
                ),
                en="This refresh token was already used; the session was revoked to protect the account.",
            )
        raise _invalid()

    async def revoke_family(self, family_id: str) -> None:
        await RefreshToken.get_pymongo_collection().update_many(
            {"family_id": family_id, "revoked_at": None}, {"$set": {"revoked_at": utcnow()}}
        )

    async def revoke(self, token: str) -> None:
        """Logout: revoke the family of ``token`` if it is known; unknown tokens are ignored."""
        known = await RefreshToken.get_pymongo_collection().find_one({"token_hash": _digest(token)})
        if known is not None:
            await self.revoke_family(known["family_id"])
