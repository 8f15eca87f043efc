"""Desk rules: receive papers, record attendance, hand over the result (one transaction each).

The workflow table (``dossiers.workflow``, rows marked ``desk``) decides what is allowed; no
version is needed, so an action queued on an offline desk phone still applies when it syncs
(the Idempotency-Key makes the retry safe).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from backend.db import Database
from backend.desk.documents import DeskRecord, RecipientRecord
from backend.desk.schemas import DeskRequest
from backend.dossiers.access import can_view, not_found
from backend.dossiers.documents import Dossier
from backend.dossiers.inputs import actor_of
from backend.dossiers.service import _check_rule, _history, _keys, _record
from backend.dossiers.workflow import Action, Status
from backend.errors import Invalid, PreconditionFailed
from backend.idempotency import SaveResult
from backend.identity.documents import utcnow
from backend.receipts import service as receipts
from backend.security import Principal
from backend.transactions import Session, in_transaction

MAX_BACKDATE = timedelta(days=7)
CLOCK_SKEW = timedelta(minutes=5)


def _occurred(data: DeskRequest, now: datetime) -> datetime:
    if data.occurred_at is None:
        return now
    moment = data.occurred_at if data.occurred_at.tzinfo else data.occurred_at.replace(tzinfo=now.tzinfo)
    if moment > now + CLOCK_SKEW or moment < now - MAX_BACKDATE:
        raise Invalid(
            "occurred-at-out-of-range",
            vi="Thời điểm thực hiện không hợp lệ (không ở tương lai, không quá 7 ngày trước).",
            en="occurred_at must not be in the future nor more than 7 days ago.",
        )
    return moment


async def _receipt_jti(ctx: receipts.Receipts, dossier: Dossier, token: str | None) -> str | None:
    """The scanned receipt's id, if it is a genuine receipt of this dossier (expired is fine)."""
    if not token:
        return None
    found = await receipts.verify(ctx, token)
    if found.verdict in ("valid", "expired") and found.dossier and found.dossier.code == dossier.code:
        return found.claims.jti if found.claims else None
    raise Invalid(
        "receipt-mismatch",
        vi="Giấy tiếp nhận không hợp lệ hoặc không thuộc hồ sơ này.",
        en="The receipt is not genuine, not current, or belongs to another dossier.",
    )


async def _confirm(ctx: receipts.Receipts, dossier: Dossier, data: DeskRequest) -> str | None:
    """hand_over: the citizen proves they hold the receipt. Returns the receipt id if scanned."""
    if not data.items or data.recipient is None or data.confirmation is None:
        raise Invalid(
            "handover-incomplete",
            vi="Cần ghi rõ giấy tờ trả, người nhận và xác nhận của công dân.",
            en="A handover needs the items, the recipient and the citizen's confirmation.",
        )
    if data.confirmation.method == "receipt":
        return await _receipt_jti(ctx, dossier, data.confirmation.value)
    given = data.confirmation.value.strip().upper().encode()
    if not hmac.compare_digest(given, dossier.lookup_secret.encode()):
        raise Invalid(
            "handover-not-confirmed",
            vi="Mã tra cứu không đúng: công dân chưa xác nhận nhận kết quả.",
            en="The lookup secret does not match: the citizen's confirmation failed.",
        )
    return None


def _summary(data: DeskRequest) -> str | None:
    if data.action == Action.receive_papers:
        return "; ".join(data.papers)
    if data.action == Action.hand_over and data.recipient:
        return f"{'; '.join(data.items)} → {data.recipient.full_name}"
    return data.note


async def act(
    ctx: receipts.Receipts,
    db: Database,
    principal: Principal,
    code: str,
    data: DeskRequest,
    save: SaveResult,
    view: Callable[[Dossier, DeskRecord], Any],
) -> tuple[Dossier, DeskRecord]:
    user = await actor_of(principal)
    action = Action(data.action)
    if action == Action.receive_papers and not data.papers:
        raise Invalid("papers-required", vi="Liệt kê giấy tờ đã nhận.", en="List the papers received.")

    async def work(session: Session) -> tuple[Dossier, DeskRecord]:
        dossier = await Dossier.find_one(Dossier.code == code, session=session)
        if dossier is None or not can_view(principal, dossier):
            raise not_found(code)
        rule = _check_rule(principal, dossier, action)
        now = utcnow()
        occurred = _occurred(data, now)
        jti = await _confirm(ctx, dossier, data) if rule.needs_handover else None
        if jti is None and data.receipt_token:
            jti = await _receipt_jti(ctx, dossier, data.receipt_token)
        record = DeskRecord(
            dossier_code=code,
            action=action.value,
            at=now,
            occurred_at=occurred,
            official_id=principal.subject,
            official_name=user.full_name,
            official_position=user.position,
            agency_code=dossier.agency_code,
            papers=list(data.papers),
            items=list(data.items),
            recipient=RecipientRecord(**data.recipient.model_dump()) if data.recipient else None,
            confirmation=data.confirmation.method if data.confirmation else None,
            receipt_jti=jti,
            note=data.note,
        )
        await record.insert(session=session)
        before = Status(dossier.status)
        entry = _history(user, action, before, rule.to, now, _summary(data))
        dossier.history.append(entry)
        dossier.status = rule.to
        if rule.to != before:
            dossier.held_since = now
            if rule.to == Status.completed:
                dossier.finished_at = dossier.finished_at or now
        old_version = dossier.version
        dossier.version += 1
        dossier.updated_at = now
        _keys(dossier)
        body = dossier.model_dump(by_alias=True, exclude={"revision_id"})
        replaced = await Dossier.get_pymongo_collection().replace_one(
            {"code": code, "version": old_version}, body, session=session
        )
        if replaced.modified_count != 1:  # a concurrent change: the transaction is retried
            raise PreconditionFailed(
                "version-mismatch", vi="Hồ sơ vừa được cập nhật. Thử lại.", en="The dossier changed; retry."
            )
        await _record(session, dossier, entry, {"desk_record": str(record.id), "receipt": jti})
        await save(session, 200, view(dossier, record))
        return dossier, record

    return await in_transaction(db.client, work)


async def log(principal: Principal, code: str) -> list[DeskRecord]:
    dossier = await Dossier.find_one(Dossier.code == code)
    if dossier is None or not can_view(principal, dossier):
        raise not_found(code)
    return await DeskRecord.find(DeskRecord.dossier_code == code).sort("+at").to_list()
