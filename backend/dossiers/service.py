"""Dossier rules: submission, transitions (one transaction each), deadlines, the audit trail."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any

from beanie import PydanticObjectId

from backend.agencies.service import get_agency
from backend.audit import service as audit
from backend.calendar.service import load_calendar
from backend.catalogue.documents import Procedure
from backend.catalogue.service import get_procedure
from backend.db import Database
from backend.dossiers.access import can_view, capacities, not_found
from backend.dossiers.documents import DomainEvent, Dossier, FileRef, HistoryEntry
from backend.dossiers.inputs import actor_of, allocate_code, file_refs, validate_form
from backend.dossiers.schemas import TransitionRequest
from backend.dossiers.workflow import ACTOR_ROLES, TERMINAL, TRANSITIONS, Action, Status, Transition
from backend.errors import Conflict, Forbidden, Invalid, PreconditionFailed
from backend.idempotency import SaveResult
from backend.identity.documents import User, utcnow
from backend.security import Principal, Role
from backend.stats.counters import on_dossier_entry
from backend.transactions import Session, in_transaction

_SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a desk


def _keys(dossier: Dossier) -> None:
    dossier.list_key = f"{dossier.submitted_at.isoformat()}|{dossier.code}"
    due = dossier.due_at.isoformat() if dossier.due_at else "0000"
    dossier.queue_key = f"{due}|{dossier.code}"
    dossier.is_open = Status(dossier.status) not in TERMINAL


def _history(
    user: User, action: str, before: str | None, after: str, at: datetime, note: str | None = None
) -> HistoryEntry:
    return HistoryEntry(
        at=at,
        action=action,
        from_status=before,
        to_status=after,
        actor_id=str(user.id),
        actor_name=user.full_name,
        actor_role=user.role.value,
        actor_position=user.position,
        note=note,
    )


async def _record(session: Session, dossier: Dossier, entry: HistoryEntry, details: dict[str, Any]) -> None:
    """The audit entry, the outbox event and the KPI counters of every change, in its transaction."""
    await audit.append(
        session,
        at=entry.at,
        actor_id=entry.actor_id,
        actor_role=entry.actor_role,
        action=entry.action,
        target=f"dossier:{dossier.code}",
        details={"from": entry.from_status, "to": entry.to_status, **details},
    )
    await DomainEvent(
        type="dossier.submitted" if entry.from_status is None else "dossier.transitioned",
        dossier_code=dossier.code,
        applicant_id=dossier.applicant_id,
        agency_code=dossier.agency_code,
        assignee_id=dossier.assignee_id,
        action=entry.action,
        from_status=entry.from_status,
        to_status=entry.to_status,
        actor_id=entry.actor_id,
        procedure_name_vi=dossier.procedure_name_vi,
        procedure_name_en=dossier.procedure_name_en,
        missing_items=list(dossier.missing_items),
        at=entry.at,
    ).insert(session=session)
    await on_dossier_entry(session, dossier, entry)  # the KPI counters (backend/stats)


async def _submission_agency(
    procedure: Procedure, agency_code: str | None
) -> tuple[str, str, str, list[str]]:
    code = procedure.department if procedure.level == "province" and procedure.department else agency_code
    if not code:
        raise Invalid(
            "agency-required",
            vi="Vui lòng chọn cơ quan tiếp nhận hồ sơ.",
            en="Choose the agency to submit to (agency_code).",
        )
    agency = await get_agency(code)
    if agency.level != procedure.level:
        raise Invalid(
            "wrong-agency-level",
            vi=f"Thủ tục này do cấp {procedure.level} giải quyết, không nộp tại {agency.short_name_vi}.",
            en=f"This procedure is handled at {procedure.level} level, not by {agency.name_en}.",
        )
    return agency.code, agency.name_vi, agency.name_en, [*agency.ancestors, agency.code]


async def _accept(dossier: Dossier, procedure_days: int, at: datetime) -> None:
    calendar = await load_calendar()
    dossier.received_at = at
    dossier.due_at = calendar.add_working_days(at, procedure_days)


async def submit(
    db: Database, principal: Principal, data: Any, save: SaveResult, view: Callable[[Dossier], Any]
) -> Dossier:
    """A citizen submits online, or a desk official registers (and accepts) a paper dossier."""
    user = await actor_of(principal)
    at_desk = principal.role in (Role.official, Role.agency_admin)
    if principal.role != Role.citizen and not at_desk:
        raise Forbidden("role-required", vi="Chỉ công dân hoặc cán bộ một cửa nộp hồ sơ.", en="Not allowed.")
    if at_desk and data.applicant is None:
        raise Invalid(
            "applicant-required", vi="Cần thông tin người nộp.", en="A desk registration needs the applicant."
        )
    if not at_desk and data.applicant is not None:
        raise Invalid(
            "applicant-not-allowed", vi="Không được nộp thay.", en="Citizens submit for themselves."
        )
    procedure = await get_procedure(data.procedure_code)
    agency_code, agency_vi, agency_en, path = await _submission_agency(procedure, data.agency_code)
    if at_desk and agency_code != principal.agency_code:
        raise Forbidden(
            "other-agency", vi="Hồ sơ không thuộc cơ quan của bạn.", en="Not your agency's procedure."
        )
    validate_form(procedure, data.form_data)
    refs = await file_refs(db, data.attachment_ids, principal.subject)
    now = utcnow()
    code = await allocate_code(now)

    async def work(session: Session) -> Dossier:
        applicant = data.applicant
        dossier = Dossier(
            code=code,
            procedure_code=procedure.code,
            procedure_name_vi=procedure.name_vi,
            procedure_name_en=procedure.name_en,
            agency_code=agency_code,
            agency_name_vi=agency_vi,
            agency_name_en=agency_en,
            agency_path=path,
            channel="desk" if at_desk else "online",
            applicant_id=None if at_desk else principal.subject,
            applicant_name=applicant.full_name if applicant else user.full_name,
            applicant_phone=applicant.phone if applicant else user.phone,
            filed_by_id=principal.subject if at_desk else None,
            form_data=data.form_data,
            attachments=refs,
            status=Status.submitted,
            held_since=now,
            submitted_at=now,
            lookup_secret="".join(secrets.choice(_SECRET_ALPHABET) for _ in range(8)),
            list_key="",
            queue_key="",
        )
        first = _history(user, "register_at_desk" if at_desk else "submit", None, Status.submitted, now)
        dossier.history.append(first)
        if at_desk:  # the paper was checked at the counter: accepted on the spot
            await _accept(dossier, procedure.processing_days, now)
            dossier.status = Status.accepted
            dossier.history.append(_history(user, Action.accept, Status.submitted, Status.accepted, now))
        _keys(dossier)
        await dossier.insert(session=session)
        for entry in dossier.history:
            await _record(session, dossier, entry, {"procedure": procedure.code})
        if data.draft_id:
            await db.db["drafts"].delete_one(
                {"draft_id": data.draft_id, "owner_id": principal.subject}, session=session
            )
        await save(session, 201, view(dossier))
        return dossier

    return await in_transaction(db.client, work)


def _check_rule(principal: Principal, dossier: Dossier, action: Action) -> Transition:
    status = Status(dossier.status)
    mine = capacities(principal, dossier)
    ever = {actor for (_, a), rule in TRANSITIONS.items() if a == action for actor in rule.actors}
    if principal.role not in {role for actor in ever for role in ACTOR_ROLES[actor]}:
        raise Forbidden(
            "action-not-allowed",
            vi="Bạn không có quyền thực hiện thao tác này trên hồ sơ.",
            en=f"You may not '{action}' this dossier.",
        )
    rule = TRANSITIONS.get((status, action))
    if rule is None:
        raise Conflict(
            "illegal-transition",
            vi=f"Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái '{status}'.",
            en=f"'{action}' is not possible while the dossier is {status}.",
            current_status=status.value,
        )
    if not mine & rule.actors:
        raise Forbidden(
            "not-assignee",
            vi="Chỉ cán bộ đang xử lý hồ sơ (hoặc quản trị cơ quan) được thực hiện thao tác này.",
            en="Only the official holding the dossier (or an agency admin) may do this.",
        )
    return rule


async def _assignee(dossier: Dossier, assignee_id: str | None) -> User:
    user = await User.get(PydanticObjectId(assignee_id)) if assignee_id else None
    if user is None or user.role != Role.official or user.agency_code != dossier.agency_code or user.disabled:
        raise Invalid(
            "invalid-assignee",
            vi="Người được giao phải là cán bộ đang làm việc tại cơ quan giải quyết hồ sơ.",
            en="The assignee must be an active official of the dossier's agency.",
        )
    return user


async def transition(
    db: Database,
    principal: Principal,
    code: str,
    data: Any,
    expected_version: int | None,
    save: SaveResult,
    view: Callable[[Dossier], Any],
    result: FileRef | None = None,
) -> Dossier:
    """Apply one workflow action: check it, change the dossier, append history, audit, event."""
    user = await actor_of(principal)
    action = Action(data.action)
    extra_files = await file_refs(db, data.attachment_ids, principal.subject) if data.attachment_ids else []

    async def work(session: Session) -> Dossier:
        dossier = await Dossier.find_one(Dossier.code == code, session=session)
        if dossier is None or not can_view(principal, dossier):
            raise not_found(code)
        rule = _check_rule(principal, dossier, action)
        if expected_version is None:
            raise PreconditionFailed(
                "version-required",
                vi="Thiếu phiên bản hồ sơ (If-Match).",
                en="Send the version you saw: If-Match or expected_version.",
            )
        if expected_version != dossier.version:
            raise PreconditionFailed(
                "version-mismatch",
                vi="Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại.",
                en="The dossier changed since you loaded it; reload and try again.",
                current_version=dossier.version,
            )
        now, before = utcnow(), Status(dossier.status)
        await _apply(dossier, rule, action, data, user, now, extra_files, result)
        entry = _history(user, action, before, rule.to, now, data.note)
        dossier.history.append(entry)
        dossier.status = rule.to
        if rule.to != before or action in (Action.transfer, Action.assign, Action.claim):
            dossier.held_since = now
        old_version = dossier.version
        dossier.version += 1
        dossier.updated_at = now
        _keys(dossier)
        body = dossier.model_dump(by_alias=True, exclude={"revision_id"})
        replaced = await Dossier.get_pymongo_collection().replace_one(
            {"code": dossier.code, "version": old_version}, body, session=session
        )
        if replaced.modified_count != 1:
            raise PreconditionFailed(
                "version-mismatch",
                vi="Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại.",
                en="The dossier changed since you loaded it; reload and try again.",
            )
        await _record(session, dossier, entry, {"note": data.note, "assignee": dossier.assignee_id})
        await save(session, 200, view(dossier))
        return dossier

    return await in_transaction(db.client, work)


async def _apply(
    dossier: Dossier,
    rule: Transition,
    action: Action,
    data: Any,
    user: User,
    now: datetime,
    extra_files: list[FileRef],
    result: FileRef | None,
) -> None:
    if rule.needs_note and not data.note:
        raise Invalid("note-required", vi="Vui lòng nêu lý do.", en="A reason (note) is required.")
    if rule.needs_missing_items and not data.missing_items:
        raise Invalid(
            "missing-items-required",
            vi="Vui lòng liệt kê giấy tờ cần bổ sung.",
            en="List what is missing (missing_items).",
        )
    if action == Action.accept:
        procedure = await get_procedure(dossier.procedure_code)
        await _accept(dossier, procedure.processing_days, now)
    elif action == Action.claim:
        _assign(dossier, user)
    elif rule.needs_assignee:
        _assign(dossier, await _assignee(dossier, data.assignee_id))
    elif action == Action.request_supplement:
        dossier.missing_items = list(data.missing_items)
        dossier.paused_at = now
    elif action == Action.supplement:
        if not extra_files and not data.form_data:
            raise Invalid(
                "supplement-empty",
                vi="Vui lòng đính kèm giấy tờ hoặc sửa tờ khai để bổ sung.",
                en="A supplement needs files or form corrections.",
            )
        if data.form_data:
            merged = {**dossier.form_data, **data.form_data}
            validate_form(await get_procedure(dossier.procedure_code), merged)
            dossier.form_data = merged
        dossier.attachments = [*dossier.attachments, *extra_files]
        await _resume_clock(dossier, now)
        dossier.missing_items = []
    elif action == Action.reject:
        dossier.rejection_reason = data.note
        dossier.finished_at = now
    elif rule.needs_result:
        if result is None:
            raise Invalid("result-required", vi="Thiếu tệp kết quả.", en="Upload the result file.")
        dossier.result = result
        dossier.finished_at = now


def _assign(dossier: Dossier, official: User) -> None:
    dossier.assignee_id = str(official.id)
    dossier.assignee_name = official.full_name
    dossier.assignee_position = official.position


async def _resume_clock(dossier: Dossier, now: datetime) -> None:
    """The due date moves by the working days the citizen spent supplementing."""
    if dossier.paused_at is None or dossier.due_at is None:
        return
    calendar = await load_calendar()
    paused = calendar.working_days_between(dossier.paused_at, now)
    dossier.due_at = calendar.extend(dossier.due_at, paused)
    dossier.paused_at = None


async def complete_on_download(db: Database, principal: Principal, dossier: Dossier) -> None:
    """The applicant downloaded the result: "completed". A concurrent completion is fine."""

    async def no_record(session: Session, status: int, body: Any) -> None:
        return None

    with contextlib.suppress(Conflict, PreconditionFailed):
        await transition(
            db,
            principal,
            dossier.code,
            TransitionRequest(action=Action.complete),
            dossier.version,
            no_record,
            id,
        )
