"""Append to and verify the audit chain.

Each entry's hash covers its content and the previous entry's hash, so editing, deleting or
reordering any entry breaks every hash after it. Appends run inside the caller's transaction
and go through one head document, which serialises them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pymongo import ReturnDocument

from backend.audit.documents import AuditEntry, AuditHead
from backend.transactions import Session

GENESIS = "0" * 64
HEAD_ID = "head"


def entry_hash(
    seq: int,
    at: datetime,
    actor_id: str,
    actor_role: str,
    action: str,
    target: str,
    details: dict[str, Any],
    prev: str,
) -> str:
    canonical = json.dumps(
        {
            "seq": seq,
            "at": at.isoformat(timespec="milliseconds"),
            "actor_id": actor_id,
            "actor_role": actor_role,
            "action": action,
            "target": target,
            "details": details,
            "prev": prev,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


async def append(
    session: Session,
    *,
    at: datetime,
    actor_id: str,
    actor_role: str,
    action: str,
    target: str,
    details: dict[str, Any],
) -> AuditEntry:
    at = at.replace(microsecond=at.microsecond // 1000 * 1000)  # what the database keeps
    head_coll = AuditHead.get_pymongo_collection()
    head = await head_coll.find_one_and_update(
        {"_id": HEAD_ID},
        {"$inc": {"seq": 1}, "$setOnInsert": {"hash": GENESIS}},
        upsert=True,
        return_document=ReturnDocument.AFTER,
        session=session,
    )
    assert head is not None
    seq, prev = int(head["seq"]), str(head["hash"])
    digest = entry_hash(seq, at, actor_id, actor_role, action, target, details, prev)
    await head_coll.update_one({"_id": HEAD_ID}, {"$set": {"hash": digest}}, session=session)
    entry = AuditEntry(
        seq=seq,
        at=at,
        actor_id=actor_id,
        actor_role=actor_role,
        action=action,
        target=target,
        details=details,
        prev_hash=prev,
        hash=digest,
    )
    await entry.insert(session=session)
    return entry


@dataclass(frozen=True)
class Verification:
    entries: int
    broken_at: int | None  # the first seq whose hash or link does not hold
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.broken_at is None


async def verify() -> Verification:
    """Walk the chain in order and recompute every hash."""
    prev, expected_seq, count = GENESIS, 1, 0
    async for raw in AuditEntry.get_pymongo_collection().find({}, sort=[("seq", 1)]):
        count += 1
        seq = int(raw["seq"])
        if seq != expected_seq:
            return Verification(count, expected_seq, f"entry {expected_seq} is missing")
        if raw["prev_hash"] != prev:
            return Verification(count, seq, "the link to the previous entry is broken")
        digest = entry_hash(
            seq,
            raw["at"],
            raw["actor_id"],
            raw["actor_role"],
            raw["action"],
            raw["target"],
            raw["details"],
            prev,
        )
        if digest != raw["hash"]:
            return Verification(count, seq, "the entry was altered")
        prev, expected_seq = raw["hash"], seq + 1
    head = await AuditHead.get_pymongo_collection().find_one({"_id": HEAD_ID})
    if head is not None and int(head["seq"]) != expected_seq - 1:
        return Verification(count, expected_seq, "entries at the end of the chain were removed")
    return Verification(count, None)
