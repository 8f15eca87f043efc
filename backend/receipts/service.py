"""Receipt rules: issue once per accepted dossier, reissue (revoking), verify per audience, JWKS."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pymongo.errors import DuplicateKeyError

from backend.audit import service as audit
from backend.db import Database
from backend.dossiers.access import can_view
from backend.dossiers.documents import Dossier
from backend.dossiers.workflow import Status
from backend.errors import Conflict
from backend.idempotency import SaveResult
from backend.receipts import tokens
from backend.receipts.documents import Receipt
from backend.receipts.keys import ReceiptKeys
from backend.receipts.mask import mask_name
from backend.security import Principal
from backend.settings import ReceiptSettings
from backend.transactions import Session, in_transaction

log = logging.getLogger("congdanso.receipts")


@dataclass(frozen=True)
class Receipts:
    """What the receipt handlers need, built once in ``create_app``."""

    keys: ReceiptKeys
    settings: ReceiptSettings


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _new(ctx: Receipts, dossier: Dossier, generation: int, by: str | None, now: datetime) -> Receipt:
    if dossier.received_at is None or dossier.due_at is None:
        raise Conflict(
            "receipt-not-issued",
            vi="Hồ sơ chưa được tiếp nhận nên chưa có giấy tiếp nhận.",
            en="The dossier has not been accepted yet, so it has no receipt.",
        )
    due, received = _utc(dossier.due_at), _utc(dossier.received_at)
    key = ctx.keys.signer(now)
    claims = tokens.Claims(
        code=dossier.code,
        procedure_code=dossier.procedure_code,
        agency_code=dossier.agency_code,
        applicant_masked=mask_name(dossier.applicant_name),
        received_at=received,
        due_at=due,
        issued_at=now,
        expires_at=max(due, now) + timedelta(days=ctx.settings.valid_days_after_due),
        jti=tokens.new_jti(),
        kid=key.kid,
    )
    return Receipt(
        jti=claims.jti,
        dossier_code=dossier.code,
        generation=generation,
        kid=key.kid,
        token=tokens.sign(ctx.keys, claims),
        issued_at=now,
        received_at=received,
        due_at=due,
        expires_at=claims.expires_at,
        applicant_masked=claims.applicant_masked,
        issued_by=by,
    )


async def current(dossier_code: str, session: Session | None = None) -> Receipt | None:
    return (
        await Receipt.find(Receipt.dossier_code == dossier_code, session=session)
        .sort("-generation")
        .limit(1)
        .first_or_none()
    )


async def ensure(ctx: Receipts, dossier: Dossier, by: str | None) -> Receipt:
    """The dossier's current receipt, issued now if it has none (two racing callers get one)."""
    found = await current(dossier.code)
    if found is not None:
        return found
    receipt = _new(ctx, dossier, 1, by, datetime.now(UTC))
    try:
        await receipt.insert()
    except DuplicateKeyError:
        again = await current(dossier.code)
        assert again is not None
        return again
    return receipt


async def issue_on_acceptance(ctx: Receipts, code: str, by: str) -> None:
    """Called once a dossier was accepted: its receipt exists from that moment. Never fails the
    acceptance (it has committed); a missed receipt is issued on first request instead."""
    try:
        dossier = await Dossier.find_one(Dossier.code == code)
        if dossier is not None and dossier.received_at is not None:
            await ensure(ctx, dossier, by)
    except Exception:
        log.exception("receipt not issued at acceptance", extra={"dossier": code})


async def reissue(
    ctx: Receipts,
    db: Database,
    principal: Principal,
    dossier: Dossier,
    save: SaveResult,
    view: Callable[[Receipt], Any],
) -> Receipt:
    """A new receipt (the paper was lost or damaged): the previous one is revoked."""

    async def work(session: Session) -> Receipt:
        now = datetime.now(UTC)
        previous = await current(dossier.code, session)
        receipt = _new(ctx, dossier, (previous.generation if previous else 0) + 1, principal.subject, now)
        if previous is not None and previous.revoked_at is None:
            await Receipt.get_pymongo_collection().update_one(
                {"jti": previous.jti},
                {"$set": {"revoked_at": now, "revoked_reason": "superseded"}},
                session=session,
            )
        await receipt.insert(session=session)
        await audit.append(
            session,
            at=now,
            actor_id=principal.subject,
            actor_role=principal.role.value if principal.role else principal.kind,
            action="receipt_reissue",
            target=f"dossier:{dossier.code}",
            details={"revoked": previous.jti if previous else None, "issued": receipt.jti},
        )
        await save(session, 201, view(receipt))
        return receipt

    return await in_transaction(db.client, work)


_URL_TOKEN = re.compile(r"/r/([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)/?$")


def token_of(raw: str) -> str:
    """The token itself, from a bare token or the ``…/r/<token>`` URL a camera read."""
    raw = raw.strip()
    found = _URL_TOKEN.search(raw.split("?", 1)[0].split("#", 1)[0])
    return found.group(1) if found else raw


@dataclass(frozen=True)
class Verification:
    verdict: str
    reason: str | None
    receipt: Receipt | None = None
    dossier: Dossier | None = None
    claims: tokens.Claims | None = None


async def verify(ctx: Receipts, raw: str, now: datetime | None = None) -> Verification:
    now = now or datetime.now(UTC)
    checked = tokens.check(ctx.keys, token_of(raw), now)
    if checked.claims is None:
        return Verification("invalid", checked.reason)
    claims = checked.claims
    receipt = await Receipt.find_one(Receipt.jti == claims.jti)
    dossier = await Dossier.find_one(Dossier.code == claims.code)
    if receipt is None or dossier is None or receipt.dossier_code != claims.code:
        return Verification("invalid", "unknown-receipt", claims=claims)
    if Status(dossier.status) == Status.withdrawn:
        return Verification("revoked", "withdrawn", receipt, dossier, claims)
    if receipt.revoked_at is not None:
        return Verification("revoked", receipt.revoked_reason or "revoked", receipt, dossier, claims)
    if checked.expired:
        return Verification("expired", None, receipt, dossier, claims)
    return Verification("valid", None, receipt, dossier, claims)


def sees_details(principal: Principal | None, dossier: Dossier | None) -> bool:
    """Staff (and the applicant) who may see the dossier get the details; everyone else does not."""
    return principal is not None and dossier is not None and can_view(principal, dossier)


async def published_keys(ctx: Receipts, now: datetime | None = None) -> list[dict[str, Any]]:
    """The JWKS: the signer, pre-published successors, and every older key that signed a
    receipt still in date. Public members only, by construction (``SigningKey.public_jwk``)."""
    now = now or datetime.now(UTC)
    keep = {k.kid for k in ctx.keys.upcoming(now)}
    coll = Receipt.get_pymongo_collection()
    for key in ctx.keys.all():
        if key.kid not in keep and await coll.find_one(
            {"kid": key.kid, "expires_at": {"$gt": now}}, projection={"_id": 1}
        ):
            keep.add(key.kid)
    return [k.public_jwk() for k in ctx.keys.all() if k.kid in keep]
