"""Drafts over HTTP. PUT with a client-chosen id: saving twice is harmless."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, delete, get, put
from litestar.params import JSONBody, PathParameter
from pymongo import ReturnDocument

from backend.catalogue.service import get_procedure
from backend.drafts.documents import Draft
from backend.drafts.schemas import DraftIn, DraftList, DraftOut
from backend.errors import NotFound
from backend.identity.documents import utcnow
from backend.openapi import problems
from backend.security import Principal, Role, require_roles

DraftId = Annotated[str, PathParameter(pattern=r"^[A-Za-z0-9-]{8,64}$")]
MAX_DRAFTS = 50


def _out(raw: dict[str, Any]) -> DraftOut:
    return DraftOut(
        draft_id=raw["draft_id"],
        procedure_code=raw["procedure_code"],
        form_data=raw.get("form_data", {}),
        attachment_ids=raw.get("attachment_ids", []),
        updated_at=raw["updated_at"],
    )


def _missing() -> NotFound:
    return NotFound("draft-not-found", vi="Không tìm thấy bản nháp.", en="No such draft.")


class DraftController(Controller):
    path = "/api/v1/drafts"
    tags = ["dossiers"]  # noqa: RUF012
    guards = [require_roles(Role.citizen)]  # noqa: RUF012

    @put("/{draft_id:str}", operation_id="saveDraft", responses=problems(400, 401, 403, 404))
    async def save(
        self, request: Request[Principal, Any, Any], draft_id: DraftId, data: JSONBody[DraftIn]
    ) -> DraftOut:
        """Create or replace a draft (last write wins). Only the form's shape is checked on submission."""
        await get_procedure(data.procedure_code)
        now = utcnow()
        raw = await Draft.get_pymongo_collection().find_one_and_update(
            {"owner_id": request.user.subject, "draft_id": draft_id},
            {
                "$set": {**data.model_dump(), "updated_at": now},
                "$setOnInsert": {"created_at": now},
            },
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        assert raw is not None
        return _out(raw)

    @get("/", operation_id="listDrafts", responses=problems(401, 403))
    async def list(self, request: Request[Principal, Any, Any]) -> DraftList:
        cursor = Draft.get_pymongo_collection().find(
            {"owner_id": request.user.subject}, sort=[("updated_at", -1)]
        )
        return DraftList(items=[_out(raw) async for raw in cursor.limit(MAX_DRAFTS)])

    @get("/{draft_id:str}", operation_id="getDraft", responses=problems(400, 401, 403, 404))
    async def get(self, request: Request[Principal, Any, Any], draft_id: DraftId) -> DraftOut:
        raw = await Draft.get_pymongo_collection().find_one(
            {"owner_id": request.user.subject, "draft_id": draft_id}
        )
        if raw is None:
            raise _missing()
        return _out(raw)

    @delete("/{draft_id:str}", operation_id="deleteDraft", responses=problems(400, 401, 403))
    async def remove(self, request: Request[Principal, Any, Any], draft_id: DraftId) -> None:
        """Idempotent: deleting a missing draft is not an error."""
        await Draft.get_pymongo_collection().delete_one(
            {"owner_id": request.user.subject, "draft_id": draft_id}
        )
