"""Report rules: routing to the leaders above the agency concerned, the workflow, the SLA."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from beanie import PydanticObjectId
from bson.errors import InvalidId

from backend.agencies.service import get_agency
from backend.calendar.service import load_calendar
from backend.db import Database
from backend.dossiers.documents import Dossier
from backend.dossiers.inputs import file_refs
from backend.errors import Conflict, Forbidden, Invalid, PreconditionFailed
from backend.feedback import access
from backend.feedback.documents import Report, ReportStep
from backend.feedback.schemas import ReportActionRequest, ReportRequest
from backend.feedback.workflow import (
    ANSWER_WORKING_DAYS,
    REOPEN_DAYS,
    TRANSITIONS,
    ReportAction,
    ReportStatus,
)
from backend.idempotency import SaveResult
from backend.identity.documents import User, utcnow
from backend.pagination import decode_cursor, encode_cursor
from backend.security import STAFF_ROLES, Principal, Role
from backend.stats.counters import add, level_of, period_of
from backend.transactions import Session, in_transaction

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _random(n: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(n))


async def _user(user_id: str | None) -> User | None:
    if not user_id:
        return None
    try:
        return await User.get(PydanticObjectId(user_id))
    except InvalidId:
        return None


async def _route(principal: Principal | None, data: ReportRequest) -> dict[str, Any]:
    """The agency concerned and the leaders' agencies the report goes to."""
    official = await _user(data.official_id)
    if data.official_id and (official is None or official.role not in STAFF_ROLES):
        raise Invalid("unknown-official", vi="Không tìm thấy cán bộ được nêu.", en="No such official.")
    agency_code = official.agency_code if official else None
    if data.dossier_code:
        dossier = await Dossier.find_one(Dossier.code == data.dossier_code)
        if dossier is None or principal is None or dossier.applicant_id != principal.subject:
            raise Invalid(
                "unknown-dossier",
                vi="Chỉ nêu được hồ sơ của chính bạn (đăng nhập để chọn hồ sơ).",
                en="You can only name a dossier of your own (log in to choose it).",
            )
        agency_code = agency_code or dossier.agency_code
    agency_code = agency_code or data.agency_code
    if not agency_code:
        raise Invalid(
            "agency-required",
            vi="Vui lòng chọn cơ quan, cán bộ hoặc hồ sơ được phản ánh.",
            en="Name the agency, the official or the dossier concerned.",
        )
    agency = await get_agency(agency_code)
    route = [*agency.ancestors, agency.code]
    if official is not None and official.role == Role.leader and agency.ancestors:
        route = list(agency.ancestors)  # a leader is reported to the level above
    return {
        "agency": agency,
        "route_path": route,
        "official_id": str(official.id) if official else None,
        "official_name": official.full_name if official else (data.official_name or None),
    }


def filing_incs(report: Report) -> dict[str, int]:
    return {
        "fb_received": 1,
        f"fb_cat_{report.category}": 1,
        "fb_harassment": int(report.category == "harassment"),
    }


def answer_incs(report: Report) -> dict[str, int]:
    return {"fb_answered": 1, "fb_answered_on_time": int(bool(report.first_answer_on_time))}


async def create(
    db: Database,
    principal: Principal | None,
    data: ReportRequest,
    save: SaveResult,
    render: Callable[[Report, str | None], Any] | None = None,
) -> tuple[Report, str | None]:
    """File a report. Anonymous reporters get a secret (returned once, stored hashed).

    ``render`` shapes the answer saved for a retry with the same Idempotency-Key."""
    if principal is not None and principal.role != Role.citizen:
        raise Forbidden(
            "citizens-only", vi="Phản ánh được gửi từ tài khoản công dân.", en="Reports come from citizens."
        )
    routing = await _route(principal, data)
    reporter = await _user(principal.subject) if principal else None
    if data.attachment_ids and principal is None:
        raise Invalid("login-to-attach", vi="Đăng nhập để đính kèm tệp.", en="Log in to attach files.")
    files = await file_refs(db, data.attachment_ids, principal.subject) if principal else []
    now = utcnow()
    calendar = await load_calendar()
    secret = None if principal else _random(16)
    agency = routing["agency"]
    report = Report(
        code=f"PA-{_random(10)}",
        secret_hash=access.hash_secret(secret) if secret else None,
        reporter_id=principal.subject if principal else None,
        reporter_name=reporter.full_name if reporter else data.contact_name,
        reporter_phone=reporter.phone if reporter else data.contact_phone,
        share_identity=data.share_identity,
        kind=data.kind,
        category=data.category,
        title=data.title.strip(),
        content=data.content.strip(),
        official_id=routing["official_id"],
        official_name=routing["official_name"],
        dossier_code=data.dossier_code,
        agency_code=agency.code,
        agency_name_vi=agency.name_vi,
        agency_name_en=agency.name_en,
        level=await level_of(agency.code),
        route_path=routing["route_path"],
        due_at=calendar.add_working_days(now, ANSWER_WORKING_DAYS),
        attachments=files,
        history=[ReportStep(at=now, action="submit", to_status="received", actor_kind="reporter")],
        created_at=now,
        period=period_of(now),
        list_key=f"{now.isoformat()}|",
    )
    report.list_key += report.code

    async def work(session: Session) -> Report:
        await report.insert(session=session)
        await add(session, report.route_path, report.level, report.period, report.code, filing_incs(report))
        await save(session, 201, render(report, secret) if render else None)
        return report

    return await in_transaction(db.client, work), secret


async def load(principal: Principal | None, code: str, secret: str | None = None) -> tuple[Report, set[str]]:
    report = await Report.find_one(Report.code == code)
    caps = access.capacities(principal, report, secret) if report else set()
    if report is None or not caps:
        raise access.not_found(code)
    return report, caps


async def _assignee(principal: Principal, report: Report, assignee_id: str | None) -> User:
    user = await _user(assignee_id)
    if user is None or user.disabled or user.role not in STAFF_ROLES or not user.agency_code:
        raise Invalid("invalid-assignee", vi="Người được giao không hợp lệ.", en="Invalid assignee.")
    if str(user.id) == report.official_id:
        raise Invalid(
            "assignee-is-reported",
            vi="Không giao phản ánh cho chính cán bộ bị phản ánh.",
            en="A report is never assigned to the official it is about.",
        )
    agency = await get_agency(user.agency_code)
    if principal.agency_code not in [*agency.ancestors, agency.code]:
        raise Invalid(
            "assignee-outside-scope",
            vi="Chỉ giao cho cán bộ thuộc phạm vi quản lý của bạn.",
            en="Assign to someone in your agency or below.",
        )
    return user


async def act(
    db: Database,
    principal: Principal | None,
    code: str,
    data: ReportActionRequest,
    save: SaveResult | None = None,
    render: Callable[[Report], Any] | None = None,
) -> Report:
    """One workflow step; the first answer is counted (on time or late) in the KPI counters.

    With ``save`` (an Idempotency-Key was sent) the answer is recorded in the same transaction."""
    action = ReportAction(data.action)

    async def work(session: Session) -> Report:
        report, caps = await load(principal, code, data.secret)
        rule = TRANSITIONS.get((ReportStatus(report.status), action))
        if rule is None:
            raise Conflict(
                "illegal-transition",
                vi="Không thể thực hiện thao tác này ở trạng thái hiện tại.",
                en=f"'{action}' is not possible while the report is {report.status}.",
                current_status=report.status,
            )
        to, who = rule
        if not who & caps:
            raise Forbidden("action-not-allowed", vi="Bạn không có quyền thao tác này.", en="Not allowed.")
        if data.version is not None and data.version != report.version:
            raise PreconditionFailed(
                "version-mismatch", vi="Phản ánh vừa được cập nhật. Vui lòng tải lại.", en="Reload and retry."
            )
        now = utcnow()
        actor_kind = "reporter" if "reporter" in caps & who else sorted(who & caps)[-1]
        staff = await _user(principal.subject) if principal and actor_kind != "reporter" else None
        note = (data.note or "").strip() or None
        incs: dict[str, int] = {}
        if action == ReportAction.assign:
            assert principal is not None
            user = await _assignee(principal, report, data.assignee_id)
            report.assignee_id, report.assignee_name = str(user.id), user.full_name
        elif action == ReportAction.answer:
            if not (data.answer or "").strip():
                raise Invalid("answer-required", vi="Vui lòng nhập nội dung trả lời.", en="Write the answer.")
            report.answer, report.answered_at = data.answer.strip() if data.answer else None, now
            if report.first_answered_at is None:
                report.first_answered_at, report.first_answer_on_time = now, now <= report.due_at
                incs = answer_incs(report)
        elif action == ReportAction.reopen:
            if not note:
                raise Invalid(
                    "note-required", vi="Vui lòng nêu lý do.", en="Say why it is not solved (note)."
                )
            if report.answered_at and now - report.answered_at > timedelta(days=REOPEN_DAYS):
                raise Conflict("reopen-too-late", vi="Đã quá hạn mở lại.", en="Too late to reopen.")
            report.reopen_count += 1
            report.due_at = (await load_calendar()).add_working_days(now, ANSWER_WORKING_DAYS)
        report.history.append(
            ReportStep(
                at=now,
                action=action.value,
                to_status=to.value,
                actor_kind=actor_kind,
                actor_id=str(staff.id) if staff else None,
                actor_name=staff.full_name if staff else None,
                note=note,
            )
        )
        report.status = to.value
        old_version = report.version
        report.version += 1
        body = report.model_dump(by_alias=True, exclude={"revision_id"})
        done = await Report.get_pymongo_collection().replace_one(
            {"code": report.code, "version": old_version}, body, session=session
        )
        if done.modified_count != 1:
            raise PreconditionFailed("version-mismatch", vi="Vui lòng tải lại.", en="Reload and retry.")
        await add(session, report.route_path, report.level, report.period, report.code, incs)
        if save is not None:
            await save(session, 200, render(report) if render else None)
        return report

    return await in_transaction(db.client, work)


async def list_for(
    principal: Principal, status: str | None, cursor: str | None, limit: int
) -> tuple[list[Report], str | None]:
    query = access.scope_filter(principal)
    if status and "route_path" in query:
        query["status"] = status
    if cursor:
        query["list_key"] = {"$lt": str(decode_cursor(cursor))}
    found = await Report.find(query).sort("-list_key").limit(limit + 1).to_list()
    page = found[:limit]
    next_cursor = encode_cursor(page[-1].list_key) if len(found) > limit else None
    if status and "route_path" not in query:
        page = [r for r in page if r.status == status]
    # The reported official never sees the report about them, even routed to their agency.
    return [r for r in page if r.official_id != principal.subject], next_cursor
