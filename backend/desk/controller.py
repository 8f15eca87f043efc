"""The one-stop desk over HTTP: record papers, attendance and the result handover; read the log."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import State
from litestar.params import JSONBody

from backend.desk import service
from backend.desk.documents import DeskRecord
from backend.desk.schemas import DeskLog, DeskRecordView, DeskRequest, DeskResult
from backend.dossiers.controller import DossierCode, IdempotencyKey, database
from backend.dossiers.documents import Dossier
from backend.dossiers.views import action_label, full_view
from backend.idempotency import SaveResult, require_key, run_once
from backend.openapi import problems
from backend.receipts.controller import receipts
from backend.security import Principal, Role, require_roles


def record_view(record: DeskRecord) -> DeskRecordView:
    return DeskRecordView(
        action=action_label(record.action),
        at=record.at,
        occurred_at=record.occurred_at,
        official_name=record.official_name,
        official_position=record.official_position,
        papers=record.papers,
        items=record.items,
        recipient_name=record.recipient.full_name if record.recipient else None,
        recipient_relation=record.recipient.relation if record.recipient else None,
        confirmation=record.confirmation,
        receipt_scanned=record.receipt_jti is not None,
        note=record.note,
    )


class DeskController(Controller):
    path = "/api/v1/dossiers/{code:str}/desk"
    tags = ["receipts"]  # noqa: RUF012

    @post(
        "/",
        operation_id="deskAction",
        status_code=200,
        guards=[require_roles(Role.official, Role.agency_admin)],
        responses=problems(400, 401, 403, 404, 409, 422),
    )
    async def act(
        self,
        request: Request[Principal, Any, Any],
        state: State,
        code: DossierCode,
        data: JSONBody[DeskRequest],
        idempotency_key: IdempotencyKey = None,
    ) -> Response[DeskResult]:
        """A desk action: ``receive_papers``, ``record_attendance`` or ``hand_over`` (the result,
        to whom, with the citizen's confirmation: the receipt scanned or its lookup secret).

        Needs ``Idempotency-Key`` (a desk phone replays its offline outbox); no ``If-Match``.
        """
        principal = request.user

        def view(dossier: Dossier, record: DeskRecord) -> Any:
            return DeskResult(record=record_view(record), dossier=full_view(dossier, principal)).model_dump(
                mode="json"
            )

        async def work(save: SaveResult) -> tuple[int, Any]:
            dossier, record = await service.act(
                receipts(state), database(state), principal, code, data, save, view
            )
            return 200, view(dossier, record)

        outcome = await run_once(
            principal=principal.subject,
            key=require_key(idempotency_key),
            payload={"code": code, **data.model_dump(mode="json")},
            work=work,
        )
        headers = {"Idempotent-Replayed": "true"} if outcome.replayed else {}
        return Response(
            DeskResult.model_validate(outcome.body), status_code=outcome.status_code, headers=headers
        )

    @get("/", operation_id="deskLog", responses=problems(400, 401, 404))
    async def log(self, request: Request[Principal, Any, Any], code: DossierCode) -> DeskLog:
        """Who received which papers, who attended, who handed what to whom and when."""
        return DeskLog(items=[record_view(r) for r in await service.log(request.user, code)])
