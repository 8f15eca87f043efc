"""Working days for due dates, the holiday list, and the seed loader."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pymongo import ReturnDocument

from backend.calendar.documents import Holiday, HolidayKind
from backend.errors import Invalid, NotFound

DATA_FILE = Path(__file__).parent / "data" / "holidays.json"
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
#: Offices close at 17:00: a dossier received later counts from the next working day, and
#: every due moment is 17:00 local.
CLOSING_TIME = time(17, 0)
MIN_YEAR, MAX_YEAR = 2000, 2100
_DAY_FORMAT = re.compile(r"\d{4}-\d{2}-\d{2}")


class WorkingCalendar:
    """Monday to Friday, minus ``days_off``, plus ``working_days`` (make-up Saturdays and Sundays).

    Every input datetime must be tz-aware; every result is 17:00 Asia/Ho_Chi_Minh in UTC.
    Dates are local dates: a dossier received at 23:30 UTC on a Sunday was received on Monday.
    """

    def __init__(self, days_off: Iterable[date] = (), working_days: Iterable[date] = ()) -> None:
        self.days_off = frozenset(days_off)
        self.working_days = frozenset(working_days)

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, str]]) -> WorkingCalendar:
        """From ``(day, kind)`` pairs, as stored: ``("2026-01-10", "working_day")``."""
        parsed = [(date.fromisoformat(day), kind) for day, kind in entries]
        return cls(
            days_off=[d for d, kind in parsed if kind == "day_off"],
            working_days=[d for d, kind in parsed if kind == "working_day"],
        )

    def is_working_day(self, d: date) -> bool:
        if d in self.working_days:
            return True
        return d.weekday() < 5 and d not in self.days_off

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        d += timedelta(days=1)
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """When a dossier received at ``start`` with ``days`` working days to process is due.

        - Received on a non-working day, or at or after 17:00 local, it counts as received on the
          next working day.
        - It is due at 17:00 local on the ``days``-th working day after that receipt day: received
          Monday 09:00 with 1 day, due Tuesday 17:00 (the usual "hẹn trả" the next working day).
        - ``days == 0``: due 17:00 on the receipt day itself.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        local = _local(start)
        received = local.date()
        if not self.is_working_day(received) or local.time() >= CLOSING_TIME:
            received = self.next_working_day(received)
        return self._close_of(self._skip(received, days))

    def working_days_between(self, start: datetime, end: datetime) -> int:
        """Working days after ``start``'s local date, up to and including ``end``'s (0 if none).

        Pausing the clock: a supplement requested at ``start`` and supplied at ``end`` pushes the
        due date by this many days (``extend``), so the citizen's time is not the office's.
        """
        first, last = _local(start).date(), _local(end).date()
        count = 0
        d = first + timedelta(days=1)
        while d <= last:
            count += self.is_working_day(d)
            d += timedelta(days=1)
        return count

    def extend(self, due: datetime, days: int) -> datetime:
        """17:00 local on the ``days``-th working day after ``due``'s local date (``due`` if 0)."""
        if days < 0:
            raise ValueError("days must not be negative")
        if days == 0:
            return _local(due).astimezone(UTC)
        return self._close_of(self._skip(_local(due).date(), days))

    def _skip(self, d: date, days: int) -> date:
        for _ in range(days):
            d = self.next_working_day(d)
        return d

    @staticmethod
    def _close_of(d: date) -> datetime:
        return datetime.combine(d, CLOSING_TIME, tzinfo=LOCAL_TZ).astimezone(UTC)


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a naive datetime has no place on the calendar: give it a timezone")
    return moment.astimezone(LOCAL_TZ)


async def load_calendar() -> WorkingCalendar:
    """The whole calendar (a few dozen rows a year). Sorted by day, so ``day_unique`` serves it."""
    holidays = await Holiday.find_all().sort("+day").to_list()
    return WorkingCalendar.from_entries((h.day, h.kind) for h in holidays)


def parse_day(day: str) -> date:
    """A real ``YYYY-MM-DD`` date in the supported years, or a 422 problem."""
    try:
        if not _DAY_FORMAT.fullmatch(day):  # fromisoformat also takes "20260101" and "2026-W01-1"
            raise ValueError(day)
        parsed = date.fromisoformat(day)
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            raise ValueError(day)
    except ValueError:
        raise Invalid(
            "invalid-date",
            vi=f"Ngày không hợp lệ: {day!r}. Dùng dạng YYYY-MM-DD, năm từ {MIN_YEAR} đến {MAX_YEAR}.",
            en=f"Not a valid date: {day!r}. Use YYYY-MM-DD, years {MIN_YEAR} to {MAX_YEAR}.",
        ) from None
    return parsed


async def list_holidays(year: int) -> list[Holiday]:
    return await Holiday.find(Holiday.year == year).sort("+day").to_list()


async def put_holiday(day: str, name_vi: str, name_en: str, kind: HolidayKind) -> Holiday:
    """Create or replace the entry for ``day``.

    A ``working_day`` on a weekday changes nothing about that day but is allowed: it is how an
    admin cancels a seeded day off for good (the seed never overwrites an existing day).
    """
    parsed = parse_day(day)
    fields = {"day": parsed.isoformat(), "name_vi": name_vi, "name_en": name_en, "kind": kind}
    doc = await Holiday.get_pymongo_collection().find_one_and_update(
        {"day": parsed.isoformat()},
        {"$set": {**fields, "year": parsed.year}},
        upsert=True,
        return_document=ReturnDocument.AFTER,
    )
    holiday: Holiday = Holiday.model_validate(doc)
    return holiday


async def delete_holiday(day: str) -> None:
    parsed = parse_day(day)
    # find_one_and_delete rather than delete_one: the embedded server explains (and may plan) a
    # ``delete`` command as a collection scan, a ``findAndModify`` as the ``day_unique`` index.
    removed = await Holiday.get_pymongo_collection().find_one_and_delete(
        {"day": parsed.isoformat()}, projection={"_id": 1}
    )
    if removed is None:
        raise NotFound(
            "holiday-not-found",
            vi=f"Ngày {parsed.isoformat()} không có trong lịch nghỉ.",
            en=f"{parsed.isoformat()} is not on the holiday calendar.",
        )


def load_seed() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return rows


async def seed_holidays(rows: list[dict[str, Any]]) -> int:
    """Insert the days that are missing. Idempotent.

    Existing days are left alone (``$setOnInsert``): the calendar is edited by admins, and a
    re-seed must not undo their corrections. Unknown keys (``note``) are not stored.
    """
    coll = Holiday.get_pymongo_collection()
    for row in rows:
        parsed = date.fromisoformat(row["day"])
        doc = {
            "day": parsed.isoformat(),
            "name_vi": row["name_vi"],
            "name_en": row["name_en"],
            "kind": row["kind"],
            "year": parsed.year,
        }
        await coll.update_one({"day": doc["day"]}, {"$setOnInsert": doc}, upsert=True)
    return len(rows)
