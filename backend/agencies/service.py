"""Agency look-ups and the seed loader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from backend.agencies.documents import Agency, Level
from backend.errors import NotFound
from backend.pagination import decode_cursor, encode_cursor

DATA_FILE = Path(__file__).parent / "data" / "agencies.json"


async def get_agency(code: str) -> Agency:
    agency = await Agency.find_one(Agency.code == code)
    if agency is None:
        raise NotFound(
            "agency-not-found", vi=f"Không tìm thấy cơ quan {code}.", en=f"No agency has the code {code}."
        )
    return agency


async def list_agencies(
    *, parent: str | None, level: Level | None, cursor: str | None, limit: int
) -> tuple[list[Agency], str | None]:
    query: dict[str, Any] = {}
    if parent is not None:
        query["parent_code"] = parent
    if level is not None:
        query["level"] = level
    if cursor:
        query["code"] = {"$gt": str(decode_cursor(cursor))}
    found = await Agency.find(query).sort("+code").limit(limit + 1).to_list()
    next_cursor = encode_cursor(found[limit - 1].code) if len(found) > limit else None
    return found[:limit], next_cursor


def load_seed() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return rows


async def seed_agencies(rows: list[dict[str, Any]]) -> int:
    """Upsert agencies by code, computing each one's ancestors. Idempotent."""
    by_code = {row["code"]: row for row in rows}

    def ancestors(code: str) -> list[str]:
        chain: list[str] = []
        parent = by_code[code].get("parent_code")
        while parent:
            chain.insert(0, parent)
            parent = by_code[parent].get("parent_code")
        return chain

    coll = Agency.get_pymongo_collection()
    for row in rows:
        doc = {
            "code": row["code"],
            "name_vi": row["name_vi"],
            "name_en": row["name_en"],
            "short_name_vi": row["short_name_vi"],
            "level": row["level"],
            "kind": row["kind"],
            "parent_code": row.get("parent_code"),
            "ancestors": ancestors(row["code"]),
            "address": row.get("address"),
        }
        await coll.update_one({"code": row["code"]}, {"$set": doc}, upsert=True)
    return len(rows)
