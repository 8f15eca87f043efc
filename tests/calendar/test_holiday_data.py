"""The seeded 2025–2027 calendar: well-formed and holding every statutory holiday."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from backend.calendar.service import load_seed, parse_day
from backend.errors import Invalid

ROWS = load_seed()


def test_rows_are_well_formed_sorted_and_unique() -> None:
    days = [row["day"] for row in ROWS]
    assert days == sorted(days)
    assert len(days) == len(set(days))
    for row in ROWS:
        assert set(row) <= {"day", "name_vi", "name_en", "kind", "note"}, row
        assert parse_day(row["day"]).isoformat() == row["day"]
        assert row["name_vi"].strip()
        assert row["name_en"].strip()
        assert row["kind"] in ("day_off", "working_day")
    assert {d[:4] for d in days} == {"2025", "2026", "2027"}


def test_make_up_days_are_weekend_days() -> None:
    working = [date.fromisoformat(r["day"]) for r in ROWS if r["kind"] == "working_day"]
    assert working == [date(2025, 4, 26), date(2026, 1, 10)]
    assert all(d.weekday() >= 5 for d in working)


@pytest.mark.parametrize(
    "day",
    [
        # Labour Code 2019 art. 112 days, with the lunar ones converted (UTC+7).
        "2025-01-01", "2025-01-29", "2025-04-07", "2025-04-30", "2025-05-01", "2025-09-02",
        "2026-01-01", "2026-02-17", "2026-04-26", "2026-04-30", "2026-05-01", "2026-09-02",
        "2027-01-01", "2027-02-06", "2027-04-16", "2027-04-30", "2027-05-01", "2027-09-02",
    ],
)  # fmt: skip
def test_every_statutory_holiday_is_listed(day: str) -> None:
    assert any(r["day"] == day and r["kind"] == "day_off" for r in ROWS)


def test_each_year_has_its_statutory_weekday_count() -> None:
    """11 statutory days a year (art. 112); weekend ones are compensated, swaps come in pairs."""
    weekdays_off = Counter(
        r["day"][:4] for r in ROWS if r["kind"] == "day_off" and date.fromisoformat(r["day"]).weekday() < 5
    )
    made_up = Counter(r["day"][:4] for r in ROWS if r["kind"] == "working_day")
    assert {y: weekdays_off[y] - made_up[y] for y in weekdays_off} == {"2025": 11, "2026": 11, "2027": 11}


@pytest.mark.parametrize("day", ["2026-02-30", "20260101", "2026-W01-1", "2026-1-5", "1999-12-31", "x"])
def test_parse_day_rejects_anything_but_a_real_date(day: str) -> None:
    with pytest.raises(Invalid) as caught:
        parse_day(day)
    assert caught.value.slug == "invalid-date"
