"""Time-based notifications, found by a periodic scan over indexed due dates.

- citizens: an appointment reminder on the working day before the due date (from 08:00 local);
- officials: a dossier due within 24 hours (its assignee, else the agency's admins);
- leaders: a dossier that went overdue, to every leader above it.
Each scan remembers how far it looked (``ScanMark``) and ids are stable per (dossier, due date),
so a restart or two workers scanning never notify twice.
"""

from __future__ import annotations

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


def _open_due_between(start: datetime, end: datetime) -> Any:
    query = {"is_open": True, "due_at": {"$gte": start, "$lt": end}}
    return Dossier.get_pymongo_collection().find(query, sort=[("due_at", 1), ("queue_key", 1)])


async def _each(client: AsyncMongoClient[dict[str, Any]], dossier: dict[str, Any], send: Any) -> None:
    async def work(session: Session) -> None:
        await send(session, dossier)

    await in_transaction(client, work)


async def scan_overdue(client: AsyncMongoClient[dict[str, Any]], now: datetime) -> int:
    start = await _mark("overdue", now - FIRST_LOOK_BACK)
    count = 0
    async for dossier in _open_due_between(start, now):
        if dossier["status"] in DONE:
            continue

        async def send(session: Session, d: dict[str, Any]) -> None:
            key = f"{d['code']}|{d['due_at'].isoformat()}"
            for leader in await leaders_over(d, session):
                await notify(session, leader, Kind.overdue, key, d, DOSSIER_URL, date=local_time(d["due_at"]))

        await _each(client, dossier, send)
        count += 1
    await _set_mark("overdue", now)
    return count


async def scan_due_soon(client: AsyncMongoClient[dict[str, Any]], now: datetime) -> int:
    start = max(await _mark("due_soon", now), now)
    end = now + DUE_SOON
    count = 0
    async for dossier in _open_due_between(start, end):
        if dossier["status"] in DONE:
            continue

        async def send(session: Session, d: dict[str, Any]) -> None:
            key = f"{d['code']}|{d['due_at'].isoformat()}"
            people = (
                [d["assignee_id"]] if d.get("assignee_id") else await agency_admins(d["agency_code"], session)
            )
            for person in people:
                await notify(
                    session, person, Kind.due_soon, key, d, DOSSIER_URL, date=local_time(d["due_at"])
                )

        await _each(client, dossier, send)
        count += 1
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
    day = calendar.next_working_day(today)
    start = datetime.combine(day, time(0), tzinfo=LOCAL_TZ)
    count = 0
    async for dossier in _open_due_between(start, start + timedelta(days=1)):
        if not dossier.get("applicant_id"):
            continue

        async def send(session: Session, d: dict[str, Any]) -> None:
            key = f"{d['code']}|{d['due_at'].isoformat()}"
            date = local_date(d["due_at"])
            await notify(
                session, d["applicant_id"], Kind.appointment_reminder, key, d, DOSSIER_URL, date=date
            )

        await _each(client, dossier, send)
        count += 1
    await _set_mark("appointments", local.replace(hour=23, minute=59))
    return count


async def scan_all(client: AsyncMongoClient[dict[str, Any]], now: datetime | None = None) -> dict[str, int]:
    now = now or utcnow()
    return {
        "overdue": await scan_overdue(client, now),
        "due_soon": await scan_due_soon(client, now),
        "appointments": await scan_appointments(client, now),
    }
