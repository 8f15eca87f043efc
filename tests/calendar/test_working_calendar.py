"""WorkingCalendar: due dates in working days, Vietnamese local time, the 2025–2027 data."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from backend.calendar.service import WorkingCalendar, load_seed

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
SEEDED = WorkingCalendar.from_entries((row["day"], row["kind"]) for row in load_seed())
PLAIN = WorkingCalendar()


def local(y: int, m: int, d: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(y, m, d, hour, minute, tzinfo=HCM)


def due_on(y: int, m: int, d: int) -> datetime:
    """17:00 local that day, as the calendar returns it (UTC)."""
    return datetime(y, m, d, 17, tzinfo=HCM).astimezone(UTC)


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        (local(2026, 3, 9), 1, due_on(2026, 3, 10)),  # Monday 09:00 → Tuesday
        (local(2026, 3, 9), 5, due_on(2026, 3, 16)),  # a week later, the weekend skipped
        (local(2026, 3, 13), 1, due_on(2026, 3, 16)),  # Friday → Monday
        (local(2026, 3, 14), 1, due_on(2026, 3, 17)),  # Saturday counts as Monday → Tuesday
        (local(2026, 3, 15, 20), 2, due_on(2026, 3, 18)),  # Sunday evening → Monday + 2
        (local(2026, 3, 9, 16, 59), 1, due_on(2026, 3, 10)),  # before closing
        (local(2026, 3, 9, 17), 1, due_on(2026, 3, 11)),  # at closing: counts from Tuesday
        (local(2026, 3, 13, 18), 1, due_on(2026, 3, 17)),  # Friday evening → Monday + 1
    ],
)
def test_weekends_and_office_hours(received: datetime, days: int, due: datetime) -> None:
    assert PLAIN.add_working_days(received, days) == due


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (local(2026, 3, 9, 8), due_on(2026, 3, 9)),  # same working day
        (local(2026, 3, 9, 18), due_on(2026, 3, 10)),  # after hours: next working day
        (local(2026, 3, 13, 17, 30), due_on(2026, 3, 16)),  # Friday after hours: Monday
        (local(2026, 3, 14), due_on(2026, 3, 16)),  # Saturday: Monday
    ],
)
def test_zero_days_is_due_at_the_close_of_the_receipt_day(received: datetime, due: datetime) -> None:
    assert PLAIN.add_working_days(received, 0) == due


def test_the_result_is_utc_at_five_pm_local() -> None:
    due = PLAIN.add_working_days(local(2026, 3, 9), 1)
    assert due.tzinfo is UTC
    assert (due.hour, due.minute) == (10, 0)  # 17:00 at UTC+7
    assert due.astimezone(HCM).time().hour == 17


def test_tet_2026_is_skipped() -> None:
    # Off from Saturday 14/2 to Sunday 22/2/2026 (29 tháng Chạp to mùng 6).
    assert not any(SEEDED.is_working_day(date(2026, 2, d)) for d in range(14, 23))
    thursday_before = local(2026, 2, 12, 10)
    assert SEEDED.add_working_days(thursday_before, 1) == due_on(2026, 2, 13)
    assert SEEDED.add_working_days(thursday_before, 2) == due_on(2026, 2, 23)
    assert SEEDED.add_working_days(thursday_before, 3) == due_on(2026, 2, 24)
    # Received during Tết: as if received on the first day back, Monday 23/2.
    assert SEEDED.add_working_days(local(2026, 2, 17, 10), 1) == due_on(2026, 2, 24)
    assert SEEDED.add_working_days(local(2026, 2, 17, 10), 0) == due_on(2026, 2, 23)


def test_a_make_up_saturday_is_a_working_day() -> None:
    # New Year 2026: Friday 2/1 swapped with Saturday 10/1.
    assert not SEEDED.is_working_day(date(2026, 1, 2))
    assert SEEDED.is_working_day(date(2026, 1, 10))
    assert SEEDED.add_working_days(local(2025, 12, 31), 1) == due_on(2026, 1, 5)
    assert SEEDED.add_working_days(local(2026, 1, 8), 2) == due_on(2026, 1, 10)
    assert SEEDED.add_working_days(local(2026, 1, 10, 9), 0) == due_on(2026, 1, 10)


def test_explicit_days_override_the_week() -> None:
    calendar = WorkingCalendar(days_off=[date(2026, 3, 10)], working_days=[date(2026, 3, 14)])
    assert not calendar.is_working_day(date(2026, 3, 10))
    assert calendar.is_working_day(date(2026, 3, 14))
    assert not calendar.is_working_day(date(2026, 3, 15))
    assert calendar.add_working_days(local(2026, 3, 9), 1) == due_on(2026, 3, 11)
    assert calendar.add_working_days(local(2026, 3, 13), 1) == due_on(2026, 3, 14)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Sunday 23:30 UTC is Monday 06:30 in Hà Nội: received Monday, due Tuesday.
        (datetime(2026, 3, 8, 23, 30, tzinfo=UTC), due_on(2026, 3, 10)),
        # Monday 09:59 UTC is 16:59 local: still office hours.
        (datetime(2026, 3, 9, 9, 59, tzinfo=UTC), due_on(2026, 3, 10)),
        # Monday 10:00 UTC is 17:00 local: after hours, counts from Tuesday.
        (datetime(2026, 3, 9, 10, 0, tzinfo=UTC), due_on(2026, 3, 11)),
        # Friday 20:00 UTC is Saturday 03:00 local: received on the weekend.
        (datetime(2026, 3, 13, 20, 0, tzinfo=UTC), due_on(2026, 3, 17)),
        # Any other offset means the same instant.
        (datetime(2026, 3, 9, 11, 0, tzinfo=timezone(timedelta(hours=9))), due_on(2026, 3, 10)),
    ],
)
def test_days_are_local_days_not_utc_days(received: datetime, due: datetime) -> None:
    assert PLAIN.add_working_days(received, 1) == due


def test_working_days_between_pauses_the_clock() -> None:
    monday, wednesday = local(2026, 3, 9, 10), local(2026, 3, 11, 9)
    assert PLAIN.working_days_between(monday, wednesday) == 2  # Tuesday and Wednesday
    assert PLAIN.working_days_between(monday, local(2026, 3, 9, 16)) == 0  # same day
    assert PLAIN.working_days_between(wednesday, monday) == 0  # backwards
    assert PLAIN.working_days_between(local(2026, 3, 13), local(2026, 3, 16)) == 1  # weekend skipped
    assert SEEDED.working_days_between(local(2026, 2, 13), local(2026, 2, 23)) == 1  # Tết
    assert SEEDED.working_days_between(local(2026, 1, 9), local(2026, 1, 12)) == 2  # Saturday 10/1
    # Local dates: Monday 23:00 UTC is already Tuesday in Hà Nội.
    late = datetime(2026, 3, 9, 23, 0, tzinfo=UTC)
    assert PLAIN.working_days_between(local(2026, 3, 9), late) == 1


def test_extend_keeps_five_pm() -> None:
    due = SEEDED.add_working_days(local(2026, 2, 11), 2)
    assert due == due_on(2026, 2, 13)
    assert SEEDED.extend(due, 1) == due_on(2026, 2, 23)
    assert SEEDED.extend(due, 3) == due_on(2026, 2, 25)
    assert SEEDED.extend(due, 0) == due
    # A supplement requested Friday 13/2 and supplied Tuesday 24/2 took two working days.
    paused = SEEDED.working_days_between(local(2026, 2, 13, 9), local(2026, 2, 24, 15))
    assert paused == 2
    assert SEEDED.extend(due, paused) == due_on(2026, 2, 24)


def test_bad_inputs_are_programming_errors() -> None:
    with pytest.raises(ValueError, match="naive"):
        PLAIN.add_working_days(datetime(2026, 3, 9, 9), 1)
    with pytest.raises(ValueError, match="negative"):
        PLAIN.add_working_days(local(2026, 3, 9), -1)
    with pytest.raises(ValueError, match="negative"):
        PLAIN.extend(due_on(2026, 3, 9), -1)
    with pytest.raises(ValueError, match="naive"):
        PLAIN.working_days_between(datetime(2026, 3, 9), local(2026, 3, 10))
