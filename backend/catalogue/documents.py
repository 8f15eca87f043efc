"""Administrative procedures (thủ tục hành chính) of the catalogue."""

from __future__ import annotations

from typing import Any, Literal

import pymongo
from beanie import Document
from pydantic import BaseModel
from pymongo import IndexModel

from backend.agencies.documents import Level

OnlineLevel = Literal["full", "partial"]


class RequiredDocument(BaseModel):
    name_vi: str
    name_en: str
    original: bool = False
    copies: int = 1


class Procedure(Document):
    code: str
    name_vi: str
    name_en: str
    field_vi: str
    field_en: str
    level: Level
    #: For province-level procedures, the responsible department's agency code.
    department: str | None = None
    online_level: OnlineLevel
    fee_vnd: int
    processing_days: int
    required_documents: list[RequiredDocument]
    keywords: list[str] = []  # noqa: RUF012
    legal_basis: list[str] = []  # noqa: RUF012
    form_schema: dict[str, Any]
    #: Folded words and prefixes of names and keywords (see ``catalogue.search``).
    search_terms: list[str] = []  # noqa: RUF012
    #: Full folded words only, to rank exact words above prefixes.
    search_words: list[str] = []  # noqa: RUF012
    #: Words in the Vietnamese name: ranks "Đăng ký khai sinh" above longer variants.
    name_length: int = 0

    class Settings:
        name = "procedures"
        indexes = [  # noqa: RUF012
            IndexModel([("code", pymongo.ASCENDING)], name="code_unique", unique=True),
            IndexModel([("search_terms", pymongo.ASCENDING)], name="search_terms"),
            IndexModel([("level", pymongo.ASCENDING), ("code", pymongo.ASCENDING)], name="level_code"),
            IndexModel(
                [
                    ("level", pymongo.ASCENDING),
                    ("online_level", pymongo.ASCENDING),
                    ("code", pymongo.ASCENDING),
                ],
                name="level_online_code",
            ),
            IndexModel(
                [("department", pymongo.ASCENDING), ("code", pymongo.ASCENDING)], name="department_code"
            ),
            IndexModel(
                [
                    ("department", pymongo.ASCENDING),
                    ("online_level", pymongo.ASCENDING),
                    ("code", pymongo.ASCENDING),
                ],
                name="department_online_code",
            ),
            IndexModel(
                [("online_level", pymongo.ASCENDING), ("code", pymongo.ASCENDING)], name="online_code"
            ),
        ]
