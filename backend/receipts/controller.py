"""Receipts over HTTP: the receipt (JSON, SVG, PNG, A5 page), reissue, verify, JWKS, /r/<token>."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import State
from litestar.openapi import ResponseSpec
from litestar.params import JSONBody, PathParameter

from backend.dossiers import queries
from backend.dossiers.controller import DossierCode, IdempotencyKey, database
from backend.idempotency import SaveResult, require_key, run_once
from backend.openapi import problems
from backend.receipts import render, service
from backend.receipts.documents import Receipt
from backend.receipts.schemas import Jwks, PublicJwk, ReceiptView, VerifyRequest, VerifyResult
from backend.receipts.service import Receipts
from backend.receipts.views import receipt_view, verify_result
from backend.security import Principal, Role, TokenService, require_roles

NO_STORE = {"Cache-Control": "no-store"}


def receipts(state: State) -> Receipts:
    ctx: Receipts = state.receipts
    return ctx


def base_url(request: Request[Any, Any, Any], state: State) -> str:
    configured = receipts(state).settings.public_base_url
    return configured or str(request.base_url).rstrip("/")


async def _receipt(request: Request[Principal, Any, Any], state: State, code: str) -> ReceiptView:
    dossier = await queries.get_visible(request.user, code)
    receipt = await service.ensure(receipts(state), dossier, request.user.subject)
    return receipt_view(dossier, receipt, base_url(request, state))


def _media(media_type: str, description: str) -> dict[int, ResponseSpec]:
    return {
        200: ResponseSpec(
            data_container=bytes, media_type=media_type, description=description, generate_examples=False
        ),
        **problems(400, 401, 404, 409),
    }


class ReceiptController(Controller):
    path = "/api/v1/dossiers/{code:str}/receipt"
    tags = ["receipts"]  # noqa: RUF012

    @get("/", operation_id="getDossierReceipt", responses=problems(400, 401, 404, 409))
    async def receipt(
        self, request: Request[Principal, Any, Any], state: State, code: DossierCode
    ) -> Response[ReceiptView]:
        """The signed receipt of an accepted dossier (issued at acceptance, or on first request).

        Visible to whoever may see the dossier. 409 ``receipt-not-issued`` before acceptance.
        """
        return Response(await _receipt(request, state, code), headers={"Cache-Control": "private, no-cache"})

    @get("/qr.svg", operation_id="getDossierReceiptQrSvg", responses=_media("image/svg+xml", "The QR code"))
    async def qr_svg(
        self, request: Request[Principal, Any, Any], state: State, code: DossierCode
    ) -> Response[bytes]:
        """The receipt's QR (it encodes ``https://<host>/r/<token>``) as SVG."""
        view = await _receipt(request, state, code)
        return Response(
            view.qr_svg.encode(), media_type="image/svg+xml", headers={"Cache-Control": "private, no-cache"}
        )

    @get("/qr.png", operation_id="getDossierReceiptQrPng", responses=_media("image/png", "The QR code"))
    async def qr_png(
        self, request: Request[Principal, Any, Any], state: State, code: DossierCode
    ) -> Response[bytes]:
        """The receipt's QR as PNG (8 pixels a module)."""
        view = await _receipt(request, state, code)
        return Response(
            render.qr_png(view.url), media_type="image/png", headers={"Cache-Control": "private, no-cache"}
        )

    @get("/print", operation_id="printDossierReceipt", responses=_media("text/html", "An A5 page"))
    async def print_page(
        self, request: Request[Principal, Any, Any], state: State, code: DossierCode
    ) -> Response[str]:
        """The receipt as a printable A5 HTML page for the desk printer."""
        view = await _receipt(request, state, code)
        return Response(render.a5_page(view), media_type="text/html; charset=utf-8", headers=NO_STORE)

    @post(
        "/reissue",
        operation_id="reissueDossierReceipt",
        status_code=201,
        guards=[require_roles(Role.official, Role.agency_admin)],
        responses=problems(400, 401, 403, 404, 409, 422),
    )
    async def reissue(
        self,
        request: Request[Principal, Any, Any],
        state: State,
        code: DossierCode,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[ReceiptView]:
        """A new receipt for a lost or damaged one; the previous receipt now verifies as revoked.

        Needs ``Idempotency-Key``: a retried request returns the same new receipt.
        """
        principal, ctx = request.user, receipts(state)
        dossier = await queries.get_visible(principal, code)
        await service.ensure(ctx, dossier, principal.subject)  # there is something to replace

        def view(receipt: Receipt) -> Any:
            return receipt_view(dossier, receipt, base_url(request, state)).model_dump(mode="json")

        async def work(save: SaveResult) -> tuple[int, Any]:
            return 201, view(await service.reissue(ctx, database(state), principal, dossier, save, view))

        outcome = await run_once(
            principal=principal.subject,
            key=require_key(idempotency_key),
            payload={"reissue": code},
            work=work,
        )
        headers = {"Idempotent-Replayed": "true"} if outcome.replayed else {}
        return Response(
            ReceiptView.model_validate(outcome.body), status_code=outcome.status_code, headers=headers
        )


class VerifyController(Controller):
    path = "/api/v1/receipts"
    tags = ["receipts"]  # noqa: RUF012
    opt = {"public": True}  # noqa: RUF012

    @post(
        "/verify",
        operation_id="verifyReceipt",
        status_code=200,
        security=[{}, {"BearerToken": []}],
        responses=problems(400, 401),
    )
    async def verify(
        self, request: Request[Any, Any, Any], state: State, data: JSONBody[VerifyRequest]
    ) -> Response[VerifyResult]:
        """Is this receipt genuine? ``valid`` / ``invalid`` / ``expired`` / ``revoked``, with the status.

        Anyone may ask (no login): they learn only whether it is genuine and the dossier's
        status. With a Bearer token of someone who may see the dossier (its agency's staff, the
        applicant) the answer carries the details. An invalid Bearer token is a 401.
        """
        principal = _optional_principal(request, state)
        found = await service.verify(receipts(state), data.token)
        result = verify_result(found, with_details=service.sees_details(principal, found.dossier))
        return Response(result, headers=NO_STORE)


def _optional_principal(request: Request[Any, Any, Any], state: State) -> Principal | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    tokens: TokenService = state.tokens
    return tokens.verify(token.strip())


class JwksController(Controller):
    tags = ["receipts"]  # noqa: RUF012
    opt = {"public": True}  # noqa: RUF012

    @get("/.well-known/jwks.json", operation_id="receiptJwks", cache_control=None)
    async def jwks(self, state: State) -> Response[Jwks]:
        """The public keys that verify receipts (never a private member). Old keys stay until
        every receipt they signed has expired; the next key appears before it signs."""
        keys = await service.published_keys(receipts(state))
        return Response(
            Jwks(keys=[PublicJwk.model_validate(k) for k in keys]),
            headers={"Cache-Control": "public, max-age=3600"},
        )


class PublicReceiptPage(Controller):
    include_in_schema = False
    opt = {"public": True}  # noqa: RUF012

    @get("/r/{token:str}", cache_control=None)
    async def page(
        self, state: State, token: Annotated[str, PathParameter(max_length=2048)]
    ) -> Response[str]:
        found = await service.verify(receipts(state), token)
        return Response(
            render.public_page(verify_result(found, with_details=False)),
            media_type="text/html; charset=utf-8",
            headers={**NO_STORE, "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"},
        )
