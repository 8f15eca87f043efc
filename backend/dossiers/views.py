"""Dossier → what each audience sees: the "5 clear" view, list rows, the public lookup."""

from __future__ import annotations

from datetime import datetime, timedelta

from backend.calendar.service import LOCAL_TZ
from backend.dossiers.access import capacities
from backend.dossiers.documents import Dossier
from backend.dossiers.schemas import (
    DossierSummary,
    DossierView,
    Holder,
    Label,
    PublicDossierView,
    PublicStep,
    TimelineEntry,
    Timeliness,
)
from backend.dossiers.workflow import ACTION_LABELS, STATE_SLA_HOURS, STATUS_LABELS, TRANSITIONS, Status
from backend.identity.documents import utcnow
from backend.security import Principal


def status_label(status: str) -> Label:
    vi, en = STATUS_LABELS[Status(status)]
    return Label(code=status, label_vi=vi, label_en=en)


def action_label(action: str) -> Label:
    vi, en = ACTION_LABELS.get(action, (action, action))
    return Label(code=action, label_vi=vi, label_en=en)


def procedure_label(dossier: Dossier) -> Label:
    return Label(
        code=dossier.procedure_code, label_vi=dossier.procedure_name_vi, label_en=dossier.procedure_name_en
    )


def agency_label(dossier: Dossier) -> Label:
    return Label(code=dossier.agency_code, label_vi=dossier.agency_name_vi, label_en=dossier.agency_name_en)


def timeliness(dossier: Dossier, now: datetime | None = None) -> Timeliness | None:
    """Early / on time / late against the due date (working days, supplement pauses excluded)."""
    if dossier.due_at is None:
        return None
    if dossier.finished_at is not None:
        done, due = dossier.finished_at.astimezone(LOCAL_TZ), dossier.due_at.astimezone(LOCAL_TZ)
        if done.date() < due.date():
            return "early"
        return "on_time" if done <= due else "late"
    if Status(dossier.status) == Status.withdrawn:
        return None
    moment = dossier.paused_at or now or utcnow()
    return "on_time" if moment <= dossier.due_at else "late"


def step_deadline(dossier: Dossier) -> datetime | None:
    hours = STATE_SLA_HOURS.get(Status(dossier.status))
    return dossier.held_since + timedelta(hours=hours) if hours else None


def holder(dossier: Dossier) -> Holder:
    """ "Clear person": who must act next."""
    status = Status(dossier.status)
    desk_vi, desk_en = (
        f"Bộ phận Một cửa - {dossier.agency_name_vi}",
        f"One-stop desk, {dossier.agency_name_en}",
    )
    if status in (Status.in_processing, Status.supplemented, Status.approved) and dossier.assignee_name:
        return Holder(
            kind="official",
            name_vi=dossier.assignee_name,
            name_en=dossier.assignee_name,
            position=dossier.assignee_position,
            since=dossier.held_since,
        )
    if status == Status.supplement_requested:
        return Holder(
            kind="applicant",
            name_vi=f"Người nộp ({dossier.applicant_name}) bổ sung hồ sơ",
            name_en=f"The applicant ({dossier.applicant_name}) to supplement",
            position=None,
            since=dossier.held_since,
        )
    if status in (Status.submitted, Status.accepted, Status.result_ready):
        return Holder(
            kind="agency", name_vi=desk_vi, name_en=desk_en, position=None, since=dossier.held_since
        )
    return Holder(
        kind="none", name_vi="Đã kết thúc", name_en="Closed", position=None, since=dossier.held_since
    )


def allowed_for(principal: Principal, dossier: Dossier, *, desk: bool = False) -> list[str]:
    """What the caller may do next through ``/transitions`` (or, with ``desk``, at the desk)."""
    mine = capacities(principal, dossier)
    return [
        action.value
        for (state, action), rule in TRANSITIONS.items()
        if state == Status(dossier.status) and mine & rule.actors and rule.desk == desk
    ]


def full_view(dossier: Dossier, principal: Principal) -> DossierView:
    return DossierView(
        code=dossier.code,
        status=status_label(dossier.status),
        procedure=procedure_label(dossier),
        agency=agency_label(dossier),
        channel=dossier.channel,
        applicant_name=dossier.applicant_name,
        holder=holder(dossier),
        submitted_at=dossier.submitted_at,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        timeliness=timeliness(dossier),
        step_deadline=step_deadline(dossier),
        clock_paused=dossier.paused_at is not None,
        missing_items=dossier.missing_items,
        rejection_reason=dossier.rejection_reason,
        form_data=dossier.form_data,
        attachments=dossier.attachments,
        result=dossier.result,
        timeline=[
            TimelineEntry(
                at=h.at,
                action=action_label(h.action),
                from_status=h.from_status,
                to_status=h.to_status,
                actor_name=h.actor_name,
                actor_position=h.actor_position,
                actor_role=h.actor_role,
                note=h.note,
            )
            for h in dossier.history
        ],
        allowed_actions=allowed_for(principal, dossier),
        desk_actions=allowed_for(principal, dossier, desk=True),
        lookup_secret=dossier.lookup_secret,
        version=dossier.version,
    )


def summary(dossier: Dossier) -> DossierSummary:
    return DossierSummary(
        code=dossier.code,
        procedure=procedure_label(dossier),
        status=status_label(dossier.status),
        agency_code=dossier.agency_code,
        applicant_name=dossier.applicant_name,
        assignee_name=dossier.assignee_name,
        submitted_at=dossier.submitted_at,
        due_at=dossier.due_at,
        timeliness=timeliness(dossier),
    )


def public_view(dossier: Dossier) -> PublicDossierView:
    return PublicDossierView(
        code=dossier.code,
        status=status_label(dossier.status),
        procedure=procedure_label(dossier),
        agency=agency_label(dossier),
        submitted_at=dossier.submitted_at,
        due_at=dossier.due_at,
        timeliness=timeliness(dossier),
        timeline=[
            PublicStep(at=h.at, action=action_label(h.action), to_status=h.to_status) for h in dossier.history
        ],
    )
