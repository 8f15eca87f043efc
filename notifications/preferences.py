"""Per-user push preferences: kinds switched off, quiet hours."""

from __future__ import annotations

from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from notifications.documents import Preferences, utcnow
from notifications.errors import NotifyError
from notifications.quiet import parse_hhmm
from notifications.texts import Kind


async def get(user_id: str) -> dict[str, Any]:
    doc: dict[str, Any] | None = await Preferences.get_pymongo_collection().find_one({"_id": user_id})
    return doc or {"_id": user_id, "disabled_kinds": [], "quiet_hours": None}


async def put(user_id: str, disabled_kinds: list[str], quiet_hours: dict[str, str] | None) -> dict[str, Any]:
    known = {k.value for k in Kind}
    unknown = sorted(set(disabled_kinds) - known)
    if unknown:
        raise NotifyError(
            "unknown-kind",
            vi=f"Loại thông báo không tồn tại: {', '.join(unknown)}.",
            en=f"Unknown notification kinds: {', '.join(unknown)}.",
            field="disabled_kinds",
        )
    if quiet_hours is not None:
        parse_hhmm(quiet_hours["start"], "quiet_hours.start")
        parse_hhmm(quiet_hours["end"], "quiet_hours.end")
    collection = Preferences.get_pymongo_collection()
    update = {
        "$set": {
            "disabled_kinds": sorted(set(disabled_kinds)),
            "quiet_hours": quiet_hours,
            "updated_at": utcnow(),
        }
    }
    for _ in range(3):  # racing first saves (a retried request): one inserts, the others update
        try:
            doc: dict[str, Any] | None = await collection.find_one_and_update(
                {"_id": user_id}, update, upsert=True, return_document=ReturnDocument.AFTER
            )
        except DuplicateKeyError:
            continue
        if doc is not None:  # None: this upsert lost the race; now it updates the winner's document
            return doc
    raise NotifyError("preferences-busy", vi="Vui lòng thử lại.", en="Please retry.")
