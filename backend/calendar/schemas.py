"""Holiday request and response shapes."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from backend.calendar.documents import HolidayKind
from backend.schemas import Out, Strict, example_config

_EXAMPLE = {
    "day": "2026-04-27",
    "name_vi": "Nghỉ bù Giỗ Tổ Hùng Vương",
    "name_en": "Hung Kings' Day, compensatory day off",
    "kind": "day_off",
}

Name = Annotated[str, Field(min_length=1, max_length=200)]


class HolidayOut(Out):
    model_config = example_config(_EXAMPLE, from_attributes=True)
    day: str
    name_vi: str
    name_en: str
    kind: HolidayKind


class HolidayList(Out):
    """Only the days that differ from the Monday–Friday week; weekends are off otherwise."""

    model_config = example_config({"year": 2026, "items": [_EXAMPLE]})
    year: int
    items: list[HolidayOut]


class HolidayRequest(Strict):
    """``day_off``: a holiday or a weekday given off; ``working_day``: a weekend day worked (làm bù)."""

    model_config = example_config({k: v for k, v in _EXAMPLE.items() if k != "day"})
    name_vi: Name
    name_en: Name
    kind: HolidayKind
