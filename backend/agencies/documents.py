"""The agency tree: province → district level → commune."""

from __future__ import annotations

from typing import Literal

import pymongo
from beanie import Document
from pymongo import IndexModel

Level = Literal["province", "district", "commune"]


class Agency(Document):
    code: str  # dot-separated path, e.g. "HD.TPHD.TRANHUNGDAO"
    name_vi: str
    name_en: str
    short_name_vi: str
    level: Level
    kind: str  # people_committee | department | service_center | police
    parent_code: str | None = None
    #: Codes of every ancestor, root first: the subtree of X is ``{"ancestors": X}``.
    ancestors: list[str] = []  # noqa: RUF012
    address: str | None = None

    class Settings:
        name = "agencies"
        indexes = [  # noqa: RUF012
            IndexModel([("code", pymongo.ASCENDING)], name="code_unique", unique=True),
            IndexModel([("parent_code", pymongo.ASCENDING), ("code", pymongo.ASCENDING)], name="parent_code"),
            IndexModel([("level", pymongo.ASCENDING), ("code", pymongo.ASCENDING)], name="level_code"),
            IndexModel([("ancestors", pymongo.ASCENDING)], name="ancestors"),
        ]
