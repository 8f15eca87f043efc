"""Agency response shapes."""

from __future__ import annotations

from backend.agencies.documents import Level
from backend.schemas import Out, example_config

_EXAMPLE = {
    "code": "HD.STP",
    "name_vi": "Sở Tư pháp tỉnh Hải Dương",
    "name_en": "Hai Duong Department of Justice",
    "short_name_vi": "Sở Tư pháp",
    "level": "province",
    "kind": "department",
    "parent_code": "HD",
    "address": None,
}


class AgencyOut(Out):
    model_config = example_config(_EXAMPLE, from_attributes=True)
    code: str
    name_vi: str
    name_en: str
    short_name_vi: str
    level: Level
    kind: str
    parent_code: str | None
    address: str | None


class AgencyPage(Out):
    model_config = example_config({"items": [_EXAMPLE], "next_cursor": None})
    items: list[AgencyOut]
    next_cursor: str | None
