"""Who may see a report, in which capacity, and what each audience is shown.

The reported official is never a leader or handler of the report about them; staff never see
who reported unless the reporter chose to share it.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from backend.errors import NotFound
from backend.feedback.documents import Report
from backend.feedback.schemas import Label, Reporter, ReportFile, ReportSummary, ReportView, Step
from backend.feedback.workflow import CATEGORIES, STATUS_LABELS, TRANSITIONS, ReportStatus
from backend.identity.documents import utcnow
from backend.security import Principal, Role


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.strip().upper().encode()).hexdigest()


def capacities(principal: Principal | None, report: Report, secret: str | None = None) -> set[str]:
    found: set[str] = set()
    if secret and report.secret_hash and hmac.compare_digest(report.secret_hash, hash_secret(secret)):
        found.add("reporter")
    if principal is None or principal.kind != "user":
        return found
    if report.reporter_id is not None and report.reporter_id == principal.subject:
        found.add("reporter")
    if principal.subject == report.official_id:
        return found  # the reported official: nothing more, whatever their role
    if principal.role == Role.leader and principal.agency_code in report.route_path:
        found.add("leader")
    if report.assignee_id is not None and report.assignee_id == principal.subject:
        found.add("handler")
    return found


def scope_filter(principal: Principal) -> dict[str, Any]:
    """The reports a staff member's list shows (the reported official is filtered out after)."""
    if principal.role == Role.leader:
        return {"route_path": principal.agency_code}
    if principal.role == Role.citizen:
        return {"reporter_id": principal.subject}
    return {"assignee_id": principal.subject}


def not_found(code: str) -> NotFound:
    return NotFound(
        "report-not-found", vi=f"Không tìm thấy phản ánh {code}.", en=f"No report {code} was found."
    )


def _label(code: str, table: dict[str, tuple[str, str]]) -> Label:
    vi, en = table.get(code, (code, code))
    return Label(code=code, label_vi=vi, label_en=en)


def allowed(report: Report, caps: set[str]) -> list[str]:
    status = ReportStatus(report.status)
    return [
        str(action) for (state, action), (_, who) in TRANSITIONS.items() if state == status and who & caps
    ]


def overdue(report: Report) -> bool:
    return report.first_answered_at is None and report.due_at < utcnow()


def view(report: Report, caps: set[str]) -> ReportView:
    is_reporter = "reporter" in caps
    reporter = None
    if is_reporter or report.share_identity:
        reporter = Reporter(
            anonymous=report.reporter_id is None, name=report.reporter_name, phone=report.reporter_phone
        )
    return ReportView(
        code=report.code,
        kind=report.kind,
        category=_label(report.category, CATEGORIES),
        status=_label(report.status, STATUS_LABELS),
        title=report.title,
        content=report.content,
        official_name=report.official_name,
        dossier_code=report.dossier_code,
        agency=Label(code=report.agency_code, label_vi=report.agency_name_vi, label_en=report.agency_name_en),
        reporter=reporter,
        assignee_name=report.assignee_name,
        answer=report.answer,
        answered_at=report.answered_at,
        due_at=report.due_at,
        overdue=overdue(report),
        reopen_count=report.reopen_count,
        attachments=[
            ReportFile(**{**a.model_dump(), "uploaded_by": a.uploaded_by if reporter else None})
            for a in report.attachments
        ],
        history=[
            Step(
                at=s.at,
                action=s.action,
                to_status=s.to_status,
                actor_kind=s.actor_kind,
                actor_name=s.actor_name,
                note=s.note,
            )
            for s in report.history
        ],
        created_at=report.created_at,
        allowed_actions=allowed(report, caps),
        version=report.version,
    )


def summary(report: Report) -> ReportSummary:
    return ReportSummary(
        code=report.code,
        category=_label(report.category, CATEGORIES),
        status=_label(report.status, STATUS_LABELS),
        title=report.title,
        agency_code=report.agency_code,
        official_name=report.official_name,
        due_at=report.due_at,
        overdue=overdue(report),
        created_at=report.created_at,
    )
