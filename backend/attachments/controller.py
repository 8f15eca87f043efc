"""Uploading files before attaching them to a dossier, and getting one's own uploads back."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any
from urllib.parse import quote

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import State, UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, HeaderParameter, PathParameter
from litestar.response import Stream

from backend.attachments import storage
from backend.attachments.schemas import UploadedFile
from backend.db import Database
from backend.idempotency import SaveResult, require_key, run_once
from backend.openapi import file_download, problems
from backend.security import Principal, Role, require_roles
from backend.transactions import Session, in_transaction


async def _no_record(session: Session, status: int, body: Any) -> None:
    return None


class AttachmentController(Controller):
    path = "/api/v1/attachments"
    tags = ["dossiers"]  # noqa: RUF012
    guards = [require_roles(Role.citizen, Role.official, Role.agency_admin)]  # noqa: RUF012

    @post(
        "/",
        operation_id="uploadAttachment",
        status_code=201,
        request_max_body_size=storage.MAX_BYTES + 64 * 1024,
        responses=problems(400, 401, 403, 413, 415, 422),
    )
    async def upload(
        self,
        request: Request[Principal, Any, Any],
        state: State,
        data: Annotated[UploadFile, Body(media_type=RequestEncodingType.MULTI_PART)],
        idempotency_key: Annotated[str | None, HeaderParameter(name="Idempotency-Key")] = None,
    ) -> Response[UploadedFile]:
        """PDF, JPEG, PNG, WebP or HEIC up to 10 MB, checked by content. Attach the id when submitting.

        With an ``Idempotency-Key``, a retried upload returns the first file instead of a copy.
        """
        database: Database = state.database
        content, filename = await data.read(), data.filename or "tep"

        async def work(save: SaveResult) -> tuple[int, Any]:
            stored = await storage.store(
                database.db, content, filename=filename, owner_id=request.user.subject, purpose="attachment"
            )
            body = UploadedFile.model_validate(stored.model_dump()).model_dump(mode="json")
            await in_transaction(database.client, lambda session: save(session, 201, body))
            return 201, body

        if idempotency_key is None:
            _, body = await work(_no_record)
            return Response(UploadedFile.model_validate(body), status_code=201)
        payload = {"sha256": hashlib.sha256(content).hexdigest(), "filename": filename}
        outcome = await run_once(
            principal=request.user.subject, key=require_key(idempotency_key), payload=payload, work=work
        )
        headers = {"Idempotent-Replayed": "true"} if outcome.replayed else {}
        return Response(UploadedFile.model_validate(outcome.body), status_code=201, headers=headers)

    @get(
        "/{file_id:str}",
        operation_id="downloadAttachment",
        responses=file_download(400, 401, 403, 404),
    )
    async def download(
        self,
        request: Request[Principal, Any, Any],
        state: State,
        file_id: Annotated[str, PathParameter(pattern=r"^[0-9a-f]{24}$")],
    ) -> Stream:
        """One of my own uploads. Files in a dossier are served through the dossier."""
        database: Database = state.database
        stored, chunks = await storage.open_download(database.db, file_id)
        if stored.owner_id != request.user.subject:
            raise storage.not_found()
        return Stream(
            chunks,
            media_type=stored.content_type,
            headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(stored.filename)}",
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "private, max-age=0",
            },
        )
