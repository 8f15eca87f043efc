"""Days that differ from the Monday–Friday working week."""

from __future__ import annotations

from typing import Literal

import pymongo
from beanie import Document
from pymongo import IndexModel

#: ``day_off``: a public holiday or a weekday given off (nghỉ bù, hoán đổi). ``working_day``: a
#: Saturday or Sunday worked to make up for a weekday given off (làm bù).
HolidayKind = Literal["day_off", "working_day"]


class Holiday(Document):
    day: str  # "YYYY-MM-DD", local (Asia/Ho_Chi_Minh) date
    name_vi: str
    name_en: str
    kind: HolidayKind
    year: int  # of ``day``, so a year's list is one index range

    class Settings:
        name = "holidays"
        indexes = [  # noqa: RUF012
            IndexModel([("day", pymongo.ASCENDING)], name="day_unique", unique=True),
            IndexModel([("year", pymongo.ASCENDING), ("day", pymongo.ASCENDING)], name="year_day"),
        ]
