"""Dossier lists: mine / my agency / my subtree, the officials' queue, overdue, public lookup."""

from __future__ import annotations

import hmac
from typing import Any

from backend.dossiers.access import can_view, not_found, scope_filter
from backend.dossiers.documents import Dossier, FileRef
from backend.dossiers.workflow import Status
from backend.errors import NotFound
from backend.identity.documents import utcnow
from backend.pagination import decode_cursor, encode_cursor
from backend.security import Principal


async def _page(
    query: dict[str, Any], key: str, descending: bool, cursor: str | None, limit: int
) -> tuple[list[Dossier], str | None]:
    if cursor:
        query[key] = {"$lt" if descending else "$gt": str(decode_cursor(cursor))}
    found = await Dossier.find(query).sort(("-" if descending else "+") + key).limit(limit + 1).to_list()
    page = found[:limit]
    next_cursor = encode_cursor(getattr(page[-1], key)) if len(found) > limit else None
    return page, next_cursor


async def list_visible(
    principal: Principal, *, status: Status | None, cursor: str | None, limit: int
) -> tuple[list[Dossier], str | None]:
    """Newest first, restricted to what the caller may see."""
    query = scope_filter(principal)
    if status:
        query["status"] = status.value
    return await _page(query, "list_key", True, cursor, limit)


async def queue(
    principal: Principal, *, status: Status | None, mine: bool, overdue: bool, cursor: str | None, limit: int
) -> tuple[list[Dossier], str | None]:
    """The agency's work, most urgent first (not yet accepted, then by due date)."""
    query: dict[str, Any] = {"agency_code": principal.agency_code}
    if mine:
        query["assignee_id"] = principal.subject
    if status:
        query["status"] = status.value
    else:
        query["is_open"] = True
    if overdue:
        query["due_at"] = {"$lt": utcnow()}
    return await _page(query, "queue_key", False, cursor, limit)


async def overdue_in_scope(
    principal: Principal, *, cursor: str | None, limit: int
) -> tuple[list[Dossier], str | None]:
    """Open dossiers past their due date in the caller's agency (staff) or subtree (leaders)."""
    query = {**scope_filter(principal), "is_open": True, "due_at": {"$lt": utcnow()}}
    return await _page(query, "queue_key", False, cursor, limit)


async def public_lookup(code: str, secret: str) -> Dossier:
    dossier = await Dossier.find_one(Dossier.code == code)
    if dossier is None or not hmac.compare_digest(
        dossier.lookup_secret.encode(), secret.strip().upper().encode()
    ):
        raise not_found(code)
    return dossier


async def get_visible(principal: Principal, code: str) -> Dossier:
    dossier = await Dossier.find_one(Dossier.code == code)
    if dossier is None or not can_view(principal, dossier):
        raise not_found(code)
    return dossier


def find_file(dossier: Dossier, file_id: str) -> tuple[FileRef, bool]:
    """A file of the dossier and whether it is the result."""
    if dossier.result is not None and dossier.result.file_id == file_id:
        return dossier.result, True
    for ref in dossier.attachments:
        if ref.file_id == file_id:
            return ref, False
    raise NotFound("file-not-found", vi="Không tìm thấy tệp.", en="No such file in this dossier.")
