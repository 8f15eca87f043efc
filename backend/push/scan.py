"""Time-based notifications, found by a periodic scan over indexed due dates.

- citizens: an appointment reminder on the working day before the due date (from 08:00 local);
- officials: a dossier due within 24 hours (its assignee, else the agency's admins);
- leaders: a dossier that went overdue, to every leader above it.
Each scan remembers how far it looked (``ScanMark``) and ids are stable per (dossier, due date),
so a restart or two workers scanning never notify twice.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta
from typing import Any

from pymongo import AsyncMongoClient

from backend.calendar.service import LOCAL_TZ, load_calendar
from backend.dossiers.documents import Dossier
from backend.dossiers.workflow import Status
from backend.identity.documents import utcnow
from backend.push.documents import ScanMark
from backend.push.triggers import DOSSIER_URL, agency_admins, leaders_over, local_date, local_time, notify
from backend.transactions import Session, in_transaction
from notifications import Kind

log = logging.getLogger("congdanso.push.scan")

#: A dossier whose processing is finished is not "about to be late" any more.
DONE = (Status.result_ready.value, Status.approved.value)
FIRST_LOOK_BACK = timedelta(days=2)
DUE_SOON = timedelta(hours=24)
REMINDER_FROM = time(8, 0)


async def _mark(name: str, default: datetime) -> datetime:
    raw = await ScanMark.get_pymongo_collection().find_one({"_id": name})
    return raw["until"] if raw else default


async def _set_mark(name: str, until: datetime) -> None:
    await ScanMark.get_pymongo_collection().update_one({"_id": name}, {"$set": {"until": until}}, upsert=True)


def _key(dossier: dict[str, Any]) -> str:
    """One notification per (dossier, due date): a moved deadline is a new event."""
    return f"{dossier['code']}|{dossier['due_at'].isoformat()}"


Send = Callable[[Session, dict[str, Any]], Awaitable[None]]


async def _notify_due_between(
    client: AsyncMongoClient[dict[str, Any]],
    start: datetime,
    end: datetime,
    send: Send,
    keep: Callable[[dict[str, Any]], bool],
) -> tuple[int, bool]:
    """``send`` for each open dossier due in [start, end) that ``keep`` accepts, each in its
    own transaction. Returns how many, and whether all succeeded: one that fails is logged and
    skipped, and the caller then keeps its mark so the next pass tries it again (ids are stable:
    the others are not notified twice)."""
    query = {"is_open": True, "due_at": {"$gte": start, "$lt": end}}
    count, complete = 0, True
    async for dossier in Dossier.get_pymongo_collection().find(query, sort=[("due_at", 1), ("queue_key", 1)]):
        if not keep(dossier):
            continue

        async def work(session: Session, dossier: dict[str, Any] = dossier) -> None:
            await send(session, dossier)

        try:
            await in_transaction(client, work)
        except Exception:
            log.exception("a due-date notification failed", extra={"dossier": dossier.get("code")})
            complete = False
            continue
        count += 1
    return count, complete


def _not_done(dossier: dict[str, Any]) -> bool:
    return dossier["status"] not in DONE


async def scan_overdue(client: AsyncMongoClient[dict[str, Any]], now: datetime) -> int:
    start = await _mark("overdue", now - FIRST_LOOK_BACK)

    async def send(session: Session, d: dict[str, Any]) -> None:
        for leader in await leaders_over(d, session):
            await notify(session, leader, Kind.overdue, _key(d), d, DOSSIER_URL, date=local_time(d["due_at"]))

    count, complete = await _notify_due_between(client, start, now, send, _not_done)
    if complete:
        await _set_mark("overdue", now)
    return count


async def scan_due_soon(client: AsyncMongoClient[dict[str, Any]], now: datetime) -> int:
    start = max(await _mark("due_soon", now), now)
    end = now + DUE_SOON

    async def send(session: Session, d: dict[str, Any]) -> None:
        people = (
            [d["assignee_id"]] if d.get("assignee_id") else await agency_admins(d["agency_code"], session)
        )
        for person in people:
            await notify(
                session, person, Kind.due_soon, _key(d), d, DOSSIER_URL, date=local_time(d["due_at"])
            )

    count, complete = await _notify_due_between(client, start, end, send, _not_done)
    if complete:
        await _set_mark("due_soon", end)
    return count


async def scan_appointments(client: AsyncMongoClient[dict[str, Any]], now: datetime) -> int:
    """On a working day from 08:00: remind citizens whose result is due the next working day."""
    local = now.astimezone(LOCAL_TZ)
    calendar = await load_calendar()
    today = local.date()
    if not calendar.is_working_day(today) or local.time() < REMINDER_FROM:
        return 0
    if (await _mark("appointments", datetime(2000, 1, 1, tzinfo=LOCAL_TZ))).astimezone(
        LOCAL_TZ
    ).date() >= today:
        return 0
    start = datetime.combine(calendar.next_working_day(today), time(0), tzinfo=LOCAL_TZ)

    async def send(session: Session, d: dict[str, Any]) -> None:
        date = local_date(d["due_at"])
        await notify(
            session, d["applicant_id"], Kind.appointment_reminder, _key(d), d, DOSSIER_URL, date=date
        )

    count, complete = await _notify_due_between(
        client, start, start + timedelta(days=1), send, lambda d: bool(d.get("applicant_id"))
    )
    if complete:
        await _set_mark("appointments", local.replace(hour=23, minute=59))
    return count


async def scan_all(client: AsyncMongoClient[dict[str, Any]], now: datetime | None = None) -> dict[str, int]:
    now = now or utcnow()
    return {
        "overdue": await scan_overdue(client, now),
        "due_soon": await scan_due_soon(client, now),
        "appointments": await scan_appointments(client, now),
    }
