"""Writing the KPI counters: called inside the transaction of the change being counted."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from backend.agencies.documents import Agency
from backend.calendar.service import LOCAL_TZ
from backend.dossiers.documents import Dossier, HistoryEntry
from backend.dossiers.views import timeliness
from backend.stats.documents import SHARDS, KpiCounter, OfficialCounter
from backend.transactions import Session

#: Agency levels never change at run time (reference data): cache them per process.
_LEVELS: dict[str, str] = {}


def period_of(moment: datetime) -> str:
    """The local month ``YYYY-MM`` a moment belongs to."""
    return moment.astimezone(LOCAL_TZ).strftime("%Y-%m")


def shard_of(key: str) -> int:
    return zlib.crc32(key.encode()) % SHARDS


async def level_of(code: str, session: Session | None = None) -> str:
    if code not in _LEVELS:
        agency = await Agency.find_one(Agency.code == code, session=session)
        _LEVELS[code] = agency.level if agency else "province"
    return _LEVELS[code]


async def add(
    session: Session | None,
    path: Iterable[str],
    level: str,
    period: str,
    key: str,
    incs: Mapping[str, int],
) -> None:
    """Add ``incs`` to the counters of every agency on ``path`` (zero changes are skipped)."""
    changes = {f"counts.{name}": value for name, value in incs.items() if value}
    if not changes:
        return
    coll = KpiCounter.get_pymongo_collection()
    for scope in path:
        await coll.update_one(
            {"scope": scope, "period": period, "level": level, "shard": shard_of(key)},
            {"$inc": changes},
            upsert=True,
            session=session,
        )


async def add_official(
    session: Session | None,
    official: Mapping[str, Any],
    period: str,
    incs: Mapping[str, int],
) -> None:
    """``official``: id, name, position, agency_code, agency_path."""
    changes = {f"counts.{name}": value for name, value in incs.items() if value}
    if not changes:
        return
    await OfficialCounter.get_pymongo_collection().update_one(
        {"official_id": official["id"], "period": period},
        {
            "$inc": changes,
            "$set": {
                "name": official["name"],
                "position": official.get("position"),
                "agency_code": official["agency_code"],
                "agency_path": official["agency_path"],
            },
        },
        upsert=True,
        session=session,
    )


async def on_dossier_entry(session: Session | None, dossier: Dossier, entry: HistoryEntry) -> None:
    """Count a dossier's acceptance (received online / at the desk) and its finish."""
    if entry.from_status == "submitted" and entry.to_status == "accepted":
        channel = "received_online" if dossier.channel == "online" else "received_desk"
        incs = {channel: 1, "digitised": 1 if dossier.attachments else 0}
    elif entry.action in ("reject", "upload_result"):
        when = timeliness(dossier) or "on_time"
        rejected = entry.action == "reject"
        incs = {"finished": 1, when: 1, "rejected": int(rejected), "results_digital": int(not rejected)}
        official = {
            "id": dossier.assignee_id or entry.actor_id,
            "name": dossier.assignee_name or entry.actor_name,
            "position": dossier.assignee_position or entry.actor_position,
            "agency_code": dossier.agency_code,
            "agency_path": dossier.agency_path,
        }
        await add_official(session, official, period_of(entry.at), {"handled": 1, when: 1})
    else:
        return
    level = await level_of(dossier.agency_code, session)
    await add(session, dossier.agency_path, level, period_of(entry.at), dossier.code, incs)
