"""Ratings over HTTP: the form state and the applicant's rating of a finished dossier."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, put
from litestar.datastructures import State
from litestar.params import JSONBody, PathParameter

from backend.db import Database
from backend.openapi import problems
from backend.ratings import service
from backend.ratings.schemas import RatingForm, RatingRequest, RatingView
from backend.security import Principal, Role, require_roles

DossierCode = Annotated[str, PathParameter(pattern=r"^[A-Z]{2}-\d{4}-\d{6}$")]


class RatingController(Controller):
    path = "/api/v1/dossiers/{code:str}/rating"
    tags = ["ratings"]  # noqa: RUF012
    guards = [require_roles(Role.citizen)]  # noqa: RUF012

    @get("/", operation_id="getDossierRating", responses=problems(400, 401, 403, 404))
    async def get_form(self, request: Request[Principal, Any, Any], code: DossierCode) -> RatingForm:
        """Whether the applicant can rate now, the officials who handled the dossier, their rating."""
        return await service.form(request.user, code)

    @put("/", operation_id="rateDossier", responses=problems(400, 401, 403, 404, 409, 422))
    async def rate(
        self,
        request: Request[Principal, Any, Any],
        state: State,
        code: DossierCode,
        data: JSONBody[RatingRequest],
    ) -> Response[RatingView]:
        """Rate a completed or rejected dossier (201), or change the rating within 7 days (200).

        Only its applicant may. Sending the same rating again changes nothing (safe to retry).
        """
        db: Database = state.database
        rating, created = await service.save(db, request.user, code, data)
        return Response(service.view(rating), status_code=201 if created else 200)
