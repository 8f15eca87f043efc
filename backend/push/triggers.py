"""Who is told what about a dossier event, in their language: the producers of notifications."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from beanie import PydanticObjectId
from bson.errors import InvalidId

from backend.calendar.service import LOCAL_TZ
from backend.dossiers.workflow import STATUS_LABELS, Action, Status
from backend.identity.documents import User
from backend.security import Role
from backend.transactions import Session
from notifications import Kind, enqueue
from notifications.texts import Values

#: The PWA's dossier view (issue 7 shows the rating form there).
DOSSIER_URL = "/ho-so/{code}"


def local_time(moment: datetime | None) -> str:
    return moment.astimezone(LOCAL_TZ).strftime("%H:%M %d/%m/%Y") if moment else "—"


def local_date(moment: datetime | None) -> str:
    return moment.astimezone(LOCAL_TZ).strftime("%d/%m/%Y") if moment else "—"


def base_values(dossier: dict[str, Any]) -> Values:
    return {
        "code": dossier["code"],
        "procedure": (dossier["procedure_name_vi"], dossier["procedure_name_en"]),
        "agency": (dossier.get("agency_name_vi", ""), dossier.get("agency_name_en", "")),
    }


async def language_of(user_id: str, session: Session | None = None) -> str | None:
    """The user's language, or None when there is no such (active) user."""
    try:
        oid = PydanticObjectId(user_id)
    except (InvalidId, TypeError, ValueError):
        return None
    raw = await User.get_pymongo_collection().find_one(
        {"_id": oid}, {"language": 1, "disabled": 1}, session=session
    )
    if raw is None or raw.get("disabled"):
        return None
    return str(raw.get("language") or "vi")


async def notify(
    session: Session | None,
    user_id: str,
    kind: Kind,
    key: str,
    dossier: dict[str, Any],
    url: str,
    **values: str | tuple[str, str],
) -> str | None:
    lang = await language_of(user_id, session)
    if lang is None:
        return None
    return await enqueue(
        session,
        user_id=user_id,
        kind=kind,
        key=key,
        lang=lang,
        values={**base_values(dossier), **values},
        url=url.format(code=dossier["code"]),
        dossier_code=dossier["code"],
    )


async def on_event(session: Session, event: dict[str, Any], dossier: dict[str, Any]) -> list[str]:
    """Fan one outbox row out: the citizen on every status change, the official on assignment."""
    key, sent = str(event["_id"]), []
    to_status, before = Status(event["to_status"]), event.get("from_status")
    applicant = event.get("applicant_id")
    if applicant and to_status.value != before:
        status = STATUS_LABELS[to_status]
        if to_status == Status.supplement_requested:
            items = ", ".join(event.get("missing_items") or dossier.get("missing_items") or []) or "—"
            kind, extra = Kind.supplement_requested, {"items": items}
        elif to_status == Status.result_ready:
            kind, extra = Kind.result_ready, {}
        else:
            kind, extra = Kind.status_changed, {}
        sent.append(await notify(session, applicant, kind, key, dossier, DOSSIER_URL, status=status, **extra))
        if to_status in (Status.completed, Status.rejected):
            sent.append(await notify(session, applicant, Kind.rating_request, key, dossier, DOSSIER_URL))
    assignee = event.get("assignee_id")
    if event["action"] in (Action.assign, Action.transfer) and assignee and assignee != event["actor_id"]:
        due = local_time(dossier.get("due_at"))
        sent.append(await notify(session, assignee, Kind.assigned, key, dossier, DOSSIER_URL, date=due))
    return [s for s in sent if s]


async def leaders_over(dossier: dict[str, Any], session: Session | None = None) -> list[str]:
    """Leaders whose agency is the dossier's or one of its ancestors (one indexed query per level:
    the embedded planner cannot combine ``$in`` with another field)."""
    found: list[str] = []
    for agency in dossier["agency_path"]:
        cursor = User.get_pymongo_collection().find(
            {"agency_code": agency, "role": Role.leader.value}, {"_id": 1, "disabled": 1}, session=session
        )
        found += [str(u["_id"]) async for u in cursor if not u.get("disabled")]
    return found


async def agency_admins(agency_code: str, session: Session | None = None) -> list[str]:
    cursor = User.get_pymongo_collection().find(
        {"agency_code": agency_code, "role": Role.agency_admin.value}, {"_id": 1}, session=session
    )
    return [str(u["_id"]) async for u in cursor]
