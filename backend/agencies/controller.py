"""Public agency directory."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.datastructures import CacheControlHeader
from litestar.params import FromQuery, PathParameter, QueryParameter

from backend.agencies.documents import Level
from backend.agencies.schemas import AgencyOut, AgencyPage
from backend.agencies.service import get_agency, list_agencies
from backend.http_caching import ETagMiddleware
from backend.openapi import problems

CATALOGUE_CACHE = CacheControlHeader(public=True, max_age=300, stale_while_revalidate=86400)


class AgencyController(Controller):
    path = "/api/v1/agencies"
    tags = ["catalogue"]  # noqa: RUF012
    opt = {"public": True}  # noqa: RUF012
    middleware = [ETagMiddleware]  # noqa: RUF012
    cache_control = CATALOGUE_CACHE

    @get(
        "/",
        operation_id="listAgencies",
        responses=problems(400, 422),
        summary="List agencies (province → district → commune)",
    )
    async def list(
        self,
        parent: Annotated[
            str | None, QueryParameter(max_length=64, description="Only children of this agency")
        ] = None,
        level: FromQuery[Level | None] = None,
        cursor: Annotated[str | None, QueryParameter(max_length=200)] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 100,
    ) -> AgencyPage:
        items, next_cursor = await list_agencies(parent=parent, level=level, cursor=cursor, limit=limit)
        return AgencyPage(items=[AgencyOut.model_validate(a) for a in items], next_cursor=next_cursor)

    @get("/{code:str}", operation_id="getAgency", responses=problems(400, 404), summary="One agency")
    async def get(self, code: Annotated[str, PathParameter(max_length=64)]) -> AgencyOut:
        return AgencyOut.model_validate(await get_agency(code))
