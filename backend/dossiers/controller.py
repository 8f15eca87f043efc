"""Dossiers over HTTP: submit, list, the "5 clear" view, transitions, results, files."""

from __future__ import annotations

import contextlib
from typing import Annotated, Any
from urllib.parse import quote

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import State, UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromQuery, HeaderParameter, JSONBody, PathParameter, QueryParameter
from litestar.response import Stream

from backend.attachments import storage
from backend.db import Database
from backend.dossiers import queries, service
from backend.dossiers.documents import Dossier, FileRef
from backend.dossiers.schemas import DossierPage, DossierView, SubmitRequest, TransitionRequest
from backend.dossiers.views import full_view, summary
from backend.dossiers.workflow import DESK_ACTIONS, Action, Status
from backend.errors import Invalid, PreconditionFailed
from backend.idempotency import SaveResult, require_key, run_once
from backend.openapi import file_download, problems
from backend.receipts.service import issue_on_acceptance
from backend.security import Principal, Role, require_roles

DossierCode = Annotated[
    str, PathParameter(pattern=r"^[A-Z]{2}-\d{4}-\d{6}$", description="e.g. HD-2026-000123")
]
IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(name="Idempotency-Key", description="A unique key per logical request (8-100 chars)"),
]
IfMatch = Annotated[str | None, HeaderParameter(name="If-Match", description='The version you saw, e.g. "4"')]
Limit = Annotated[int, QueryParameter(ge=1, le=100)]
Cursor = Annotated[str | None, QueryParameter(max_length=200)]
UPLOAD_LIMIT = storage.MAX_BYTES + 64 * 1024


def database(state: State) -> Database:
    db: Database = state.database
    return db


def parse_if_match(header: str | None, explicit: int | None) -> int | None:
    if explicit is not None:
        return explicit
    if not header:
        return None
    raw = header.strip().removeprefix("W/").strip('"')
    try:
        return int(raw)
    except ValueError:
        raise PreconditionFailed(
            "invalid-if-match", vi="If-Match không hợp lệ.", en='If-Match must be a version such as "4".'
        ) from None


def _etag(dossier: Dossier) -> dict[str, str]:
    return {"ETag": f'"{dossier.version}"', "Cache-Control": "private, no-cache"}


def _page(items: list[Dossier], next_cursor: str | None) -> DossierPage:
    return DossierPage(items=[summary(d) for d in items], next_cursor=next_cursor)


class DossierController(Controller):
    path = "/api/v1/dossiers"
    tags = ["dossiers"]  # noqa: RUF012

    @post(
        "/",
        operation_id="submitDossier",
        status_code=201,
        guards=[require_roles(Role.citizen, Role.official, Role.agency_admin)],
        responses=problems(400, 401, 403, 404, 409, 422),
    )
    async def submit(
        self,
        request: Request[Principal, Any, Any],
        state: State,
        data: JSONBody[SubmitRequest],
        idempotency_key: IdempotencyKey = None,
    ) -> Response[DossierView]:
        """Submit online (citizen), or register a paper dossier at the desk (official: accepted at once).

        Needs ``Idempotency-Key``: a replay returns the first answer and creates nothing.
        """
        principal, db = request.user, database(state)

        async def work(save: SaveResult) -> tuple[int, Any]:
            def view(d: Dossier) -> Any:
                return full_view(d, principal).model_dump(mode="json")

            dossier = await service.submit(db, principal, data, save, view)
            return 201, view(dossier)

        outcome = await run_once(
            principal=principal.subject,
            key=require_key(idempotency_key),
            payload=data.model_dump(mode="json"),
            work=work,
        )
        body = DossierView.model_validate(outcome.body)
        headers = {"ETag": f'"{body.version}"', "Location": f"/api/v1/dossiers/{body.code}"}
        if outcome.replayed:
            headers["Idempotent-Replayed"] = "true"
        elif body.status.code == Status.accepted:  # registered at the desk: the receipt is printed now
            await issue_on_acceptance(state.receipts, body.code, principal.subject)
        return Response(body, status_code=outcome.status_code, headers=headers)

    @get("/", operation_id="listDossiers", responses=problems(400, 401, 422))
    async def list_dossiers(
        self,
        request: Request[Principal, Any, Any],
        status: FromQuery[Status | None] = None,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> DossierPage:
        """Citizens: their own. Officials: their agency's. Leaders: their agency's subtree. Newest first."""
        return _page(*await queries.list_visible(request.user, status=status, cursor=cursor, limit=limit))

    @get(
        "/overdue",
        operation_id="listOverdueDossiers",
        guards=[require_roles(Role.leader, Role.official, Role.agency_admin)],
        responses=problems(400, 401, 403, 422),
    )
    async def overdue(
        self, request: Request[Principal, Any, Any], cursor: Cursor = None, limit: Limit = 50
    ) -> DossierPage:
        """Open dossiers past their due date, most overdue first."""
        return _page(*await queries.overdue_in_scope(request.user, cursor=cursor, limit=limit))

    @get("/{code:str}", operation_id="getDossier", responses=problems(400, 401, 404))
    async def view(self, request: Request[Principal, Any, Any], code: DossierCode) -> Response[DossierView]:
        """The "5 clear" view: status, who holds it since when, the due date, the full timeline.

        The ``ETag`` is the version to send back in ``If-Match`` with a transition.
        """
        dossier = await queries.get_visible(request.user, code)
        return Response(full_view(dossier, request.user), headers=_etag(dossier))

    @post(
        "/{code:str}/transitions",
        operation_id="transitionDossier",
        status_code=200,
        responses=problems(400, 401, 403, 404, 409, 412, 422),
    )
    async def transition(
        self,
        request: Request[Principal, Any, Any],
        state: State,
        code: DossierCode,
        data: JSONBody[TransitionRequest],
        idempotency_key: IdempotencyKey = None,
        if_match: IfMatch = None,
    ) -> Response[DossierView]:
        """Apply a workflow action. Needs ``Idempotency-Key`` and the version (``If-Match``)."""
        if data.action == Action.upload_result:
            raise PreconditionFailed(
                "use-result-endpoint",
                vi="Tải kết quả qua /result.",
                en="Upload results with POST /api/v1/dossiers/{code}/result.",
            )
        if data.action in DESK_ACTIONS:
            raise Invalid(
                "use-desk-endpoint",
                vi="Thao tác tại quầy được thực hiện qua /desk.",
                en="Desk actions go to POST /api/v1/dossiers/{code}/desk.",
            )
        version = parse_if_match(if_match, data.expected_version)
        return await _transition(request, database(state), code, data, version, idempotency_key)

    @post(
        "/{code:str}/result",
        operation_id="uploadDossierResult",
        status_code=200,
        guards=[require_roles(Role.official, Role.agency_admin)],
        request_max_body_size=UPLOAD_LIMIT,
        responses=problems(400, 401, 403, 404, 409, 412, 413, 415, 422),
    )
    async def upload_result(
        self,
        request: Request[Principal, Any, Any],
        state: State,
        code: DossierCode,
        data: Annotated[UploadFile, Body(media_type=RequestEncodingType.MULTI_PART)],
        idempotency_key: IdempotencyKey = None,
        if_match: IfMatch = None,
    ) -> Response[DossierView]:
        """Upload the result document of an approved dossier (multipart ``data``): result_ready."""
        db = database(state)
        version = parse_if_match(if_match, None)
        content = await data.read()
        stored = await storage.store(
            db.db,
            content,
            filename=data.filename or "ket-qua",
            owner_id=request.user.subject,
            purpose="result",
        )
        result = FileRef(uploaded_by=stored.owner_id, **stored.model_dump(exclude={"owner_id", "purpose"}))
        request_data = TransitionRequest(action=Action.upload_result, note=None)
        try:
            response = await _transition(
                request,
                db,
                code,
                request_data,
                version,
                idempotency_key,
                result=result,
                payload_extra=stored.sha256,
            )
        except BaseException:
            with contextlib.suppress(Exception):
                await storage.delete(db.db, stored.file_id)
            raise
        if response.headers.get("Idempotent-Replayed"):  # the first upload's file is the result
            await storage.delete(db.db, stored.file_id)
        return response

    @get(
        "/{code:str}/files/{file_id:str}",
        operation_id="downloadDossierFile",
        responses=file_download(400, 401, 404),
    )
    async def download(
        self,
        request: Request[Principal, Any, Any],
        state: State,
        code: DossierCode,
        file_id: Annotated[str, PathParameter(pattern=r"^[0-9a-f]{24}$")],
    ) -> Stream:
        """An attachment or the result. The applicant downloading a ready result completes the dossier."""
        db = database(state)
        dossier = await queries.get_visible(request.user, code)
        ref, is_result = queries.find_file(dossier, file_id)
        stored, chunks = await storage.open_download(db.db, ref.file_id)
        if (
            is_result
            and dossier.status == Status.result_ready
            and dossier.applicant_id == request.user.subject
        ):
            await service.complete_on_download(db, request.user, dossier)
        return Stream(
            chunks,
            media_type=stored.content_type,
            headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(stored.filename)}",
                "Content-Length": str(stored.size),
                "Cache-Control": "private, max-age=0",
                "X-Content-Type-Options": "nosniff",
            },
        )


async def _transition(
    request: Request[Principal, Any, Any],
    db: Database,
    code: str,
    data: TransitionRequest,
    version: int | None,
    idempotency_key: str | None,
    result: FileRef | None = None,
    payload_extra: str | None = None,
) -> Response[DossierView]:
    principal = request.user
    key = require_key(idempotency_key)

    async def work(save: SaveResult) -> tuple[int, Any]:
        def view(d: Dossier) -> Any:
            return full_view(d, principal).model_dump(mode="json")

        dossier = await service.transition(db, principal, code, data, version, save, view, result)
        return 200, view(dossier)

    payload = {"code": code, "version": version, "file": payload_extra, **data.model_dump(mode="json")}
    outcome = await run_once(principal=principal.subject, key=key, payload=payload, work=work)
    body = DossierView.model_validate(outcome.body)
    headers = {"ETag": f'"{body.version}"'}
    if outcome.replayed:
        headers["Idempotent-Replayed"] = "true"
    elif data.action == Action.accept:
        await issue_on_acceptance(request.app.state.receipts, code, principal.subject)
    return Response(body, status_code=outcome.status_code, headers=headers)
