"""Catalogue rules: search, filters, paging, and the seed loader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from backend.agencies.documents import Level
from backend.agencies.service import get_agency
from backend.catalogue.documents import OnlineLevel, Procedure
from backend.catalogue.search import index_terms, min_matches, query_words, words
from backend.errors import NotFound
from backend.pagination import decode_cursor, encode_cursor, invalid_cursor

DATA_FILE = Path(__file__).parent / "data" / "procedures.json"


async def get_procedure(code: str) -> Procedure:
    procedure = await Procedure.find_one(Procedure.code == code)
    if procedure is None:
        raise NotFound(
            "procedure-not-found",
            vi=f"Không tìm thấy thủ tục {code}.",
            en=f"No procedure has the code {code}.",
        )
    return procedure


async def _filters(
    agency: str | None, level: Level | None, online_level: OnlineLevel | None
) -> dict[str, Any] | None:
    """The equality filters, or ``None`` when they cannot match anything.

    Each combination has an index of its own (see ``Procedure.Settings``): the embedded
    server's planner only uses an index that covers every equality field.
    """
    query: dict[str, Any] = {}
    if agency:
        found = await get_agency(agency)
        if level and level != found.level:
            return None  # an agency handles only procedures of its own level
        if found.level == "province" and found.kind in ("department", "police"):
            query["department"] = found.code  # a department handles its own sector
        else:
            query["level"] = found.level
    elif level:
        query["level"] = level
    if online_level:
        query["online_level"] = online_level
    return query


async def search_procedures(
    *,
    q: str | None,
    agency: str | None = None,
    level: Level | None = None,
    online_level: OnlineLevel | None = None,
    cursor: str | None = None,
    limit: int = 20,
) -> tuple[list[Procedure], str | None]:
    """Without ``q``: by code. With ``q``: best match first (more words, exact words first)."""
    filters = await _filters(agency, level, online_level)
    if filters is None:
        return [], None
    qwords = query_words(q or "")
    if not qwords:
        if cursor:
            filters["code"] = {**filters.get("code", {}), "$gt": str(decode_cursor(cursor))}
        found = await Procedure.find(filters).sort("+code").limit(limit + 1).to_list()
        page = found[:limit]
        return page, (encode_cursor(page[-1].code) if len(found) > limit else None)

    pipeline: list[dict[str, Any]] = [
        {"$match": {"search_terms": {"$in": qwords}}},
        {"$match": filters},
        {
            "$addFields": {
                "_matched": {"$size": {"$setIntersection": ["$search_terms", qwords]}},
                "_exact": {"$size": {"$setIntersection": ["$search_words", qwords]}},
            }
        },
        {"$match": {"_matched": {"$gte": min_matches(len(qwords))}}},
        {"$addFields": {"_score": {"$add": ["$_matched", "$_exact"]}}},
    ]
    if cursor:
        pipeline.append({"$match": _after(decode_cursor(cursor))})
    pipeline += [
        # Best score first; among equals the shorter (more specific) name, then the code.
        {"$sort": {"_score": -1, "name_length": 1, "code": 1}},
        {"$limit": limit + 1},
        {"$project": {"search_terms": 0, "search_words": 0}},
    ]
    rows = await Procedure.get_pymongo_collection().aggregate(pipeline)
    docs = await rows.to_list()
    page_docs = docs[:limit]
    last = page_docs[-1] if page_docs else {}
    next_cursor = (
        encode_cursor([last["_score"], last["name_length"], last["code"]]) if len(docs) > limit else None
    )
    return [Procedure.model_validate(d) for d in page_docs], next_cursor


def _after(position: Any) -> dict[str, Any]:
    """The keyset condition "ranked after ``position``" = ``[score, name_length, code]``."""
    try:
        score, length, code = int(position[0]), int(position[1]), str(position[2])
    except (TypeError, ValueError, IndexError, KeyError) as exc:
        raise invalid_cursor() from exc
    return {
        "$or": [
            {"_score": {"$lt": score}},
            {"_score": score, "name_length": {"$gt": length}},
            {"_score": score, "name_length": length, "code": {"$gt": code}},
        ]
    }


def load_seed() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return rows


async def seed_procedures(rows: list[dict[str, Any]]) -> int:
    """Upsert procedures by code with their search terms. Idempotent."""
    coll = Procedure.get_pymongo_collection()
    for row in rows:
        Draft202012Validator.check_schema(row["form_schema"])
        texts = [row["name_vi"], row["name_en"], row["code"], row["field_vi"], *row.get("keywords", [])]
        doc = Procedure.model_validate(
            {
                **row,
                "search_terms": index_terms(texts),
                "search_words": sorted({w for t in texts for w in words(t)}),
                "name_length": len(words(row["name_vi"])),
            }
        )
        body = doc.model_dump(exclude={"id", "revision_id"})
        await coll.update_one({"code": doc.code}, {"$set": body}, upsert=True)
    return len(rows)
