"""Reports over HTTP. Filing, following up and reopening work without an account."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import State
from litestar.params import FromQuery, HeaderParameter, JSONBody, PathParameter, QueryParameter

from backend.db import Database
from backend.errors import Unauthorized
from backend.feedback import abuse, access, service
from backend.feedback.documents import Report
from backend.feedback.schemas import (
    TRACKING_CODE,
    ReportActionRequest,
    ReportCreated,
    ReportPage,
    ReportRequest,
    ReportView,
    TrackRequest,
)
from backend.feedback.workflow import ReportStatus
from backend.idempotency import SaveResult, require_key, run_once
from backend.openapi import problems
from backend.security import Principal, TokenService

Code = Annotated[str, PathParameter(pattern=TRACKING_CODE, description="e.g. PA-7KQ2M9XA3B")]
IdempotencyKey = Annotated[str | None, HeaderParameter(name="Idempotency-Key")]


def optional_principal(request: Request[Any, Any, Any]) -> Principal | None:
    """On a public route: the caller if they sent a token (a bad token is still 401)."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if not header:
        return None
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("invalid-token", vi="Mã truy cập không hợp lệ.", en="The access token is invalid.")
    tokens: TokenService = request.app.state.tokens
    return tokens.verify(token.strip())


class FeedbackController(Controller):
    path = "/api/v1/feedback"
    tags = ["feedback"]  # noqa: RUF012

    @post(
        "/",
        operation_id="fileReport",
        status_code=201,
        opt={"public": True},
        security=[{}, {"BearerToken": []}],
        responses=problems(400, 401, 403, 404, 409, 422, 429),
    )
    async def file(
        self,
        request: Request[Any, Any, Any],
        state: State,
        data: JSONBody[ReportRequest],
        idempotency_key: IdempotencyKey = None,
    ) -> Response[ReportCreated]:
        """File a report (phản ánh, kiến nghị), logged in or anonymous.

        Anonymous reporters receive a tracking code and a secret (shown once). The reporter's
        identity is hidden from officials unless ``share_identity``. Needs ``Idempotency-Key``.
        """
        principal, db = optional_principal(request), state.database
        key = require_key(idempotency_key)
        client = request.client.host if request.client else "unknown"
        who = f"acct:{principal.subject}" if principal else f"ip:{client}"

        def render(report: Report, secret: str | None) -> Any:
            body = ReportCreated(**access.view(report, {"reporter"}).model_dump(), secret=secret)
            return body.model_dump(mode="json")

        async def work(save: SaveResult) -> tuple[int, Any]:
            await abuse.check_and_count(who, anonymous=principal is None)
            return 201, render(*await service.create(db, principal, data, save, render))

        # The stored answer carries the secret: it is only replayed to the same key and body.
        outcome = await run_once(
            principal=principal.subject if principal else "anonymous",
            key=key,
            payload=data.model_dump(mode="json"),
            work=work,
        )
        return Response(ReportCreated.model_validate(outcome.body), status_code=outcome.status_code)

    @post(
        "/track",
        operation_id="trackReport",
        status_code=200,
        opt={"public": True},
        security=[{}],
        responses=problems(400, 404, 422),
    )
    async def track(self, data: JSONBody[TrackRequest]) -> ReportView:
        """Follow an anonymous report with its tracking code and secret."""
        report, caps = await service.load(None, data.code, data.secret)
        return access.view(report, caps)

    @get("/", operation_id="listReports", responses=problems(400, 401, 422))
    async def list_reports(
        self,
        request: Request[Principal, Any, Any],
        status: FromQuery[ReportStatus | None] = None,
        cursor: Annotated[str | None, QueryParameter(max_length=200)] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=100)] = 20,
    ) -> ReportPage:
        """Citizens: their own reports. Leaders: reports routed to their agency or above it.
        Officials: reports assigned to them. Nobody ever lists a report about themselves."""
        items, next_cursor = await service.list_for(
            request.user, status.value if status else None, cursor, limit
        )
        return ReportPage(items=[access.summary(r) for r in items], next_cursor=next_cursor)

    @get("/{code:str}", operation_id="getReport", responses=problems(400, 401, 404))
    async def get_report(self, request: Request[Principal, Any, Any], code: Code) -> ReportView:
        """One report, as the caller may see it (404 for anyone it is not routed to)."""
        report, caps = await service.load(request.user, code)
        return access.view(report, caps)

    @post(
        "/{code:str}/actions",
        operation_id="actOnReport",
        status_code=200,
        opt={"public": True},
        security=[{}, {"BearerToken": []}],
        responses=problems(400, 401, 403, 404, 409, 412, 422),
    )
    async def act(
        self,
        request: Request[Any, Any, Any],
        state: State,
        code: Code,
        data: JSONBody[ReportActionRequest],
        idempotency_key: IdempotencyKey = None,
    ) -> Response[ReportView]:
        """assign / answer (leaders, the assigned handler), close, reopen (the reporter: their
        account, or ``secret`` for an anonymous report). Send ``version`` to guard against races,
        and an ``Idempotency-Key`` so that a retried request replays the first answer."""
        principal = optional_principal(request)
        db: Database = state.database

        def render(report: Report) -> Any:
            caps = access.capacities(principal, report, data.secret)
            return access.view(report, caps).model_dump(mode="json")

        if idempotency_key is None:
            return Response(ReportView.model_validate(render(await service.act(db, principal, code, data))))

        async def work(save: SaveResult) -> tuple[int, Any]:
            return 200, render(await service.act(db, principal, code, data, save, render))

        outcome = await run_once(
            principal=principal.subject if principal else f"report:{code}",
            key=require_key(idempotency_key),
            payload={"code": code, **data.model_dump(mode="json")},
            work=work,
        )
        headers = {"Idempotent-Replayed": "true"} if outcome.replayed else {}
        return Response(
            ReportView.model_validate(outcome.body), status_code=outcome.status_code, headers=headers
        )
