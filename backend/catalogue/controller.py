"""The public procedure catalogue, cacheable by the PWA (ETag + Cache-Control)."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.params import FromQuery, PathParameter, QueryParameter

from backend.agencies.controller import CATALOGUE_CACHE
from backend.agencies.documents import Level
from backend.catalogue.documents import OnlineLevel
from backend.catalogue.schemas import ProcedureDetail, ProcedurePage, detail_of, summary_of
from backend.catalogue.service import get_procedure, search_procedures
from backend.http_caching import ETagMiddleware
from backend.openapi import problems


class ProcedureController(Controller):
    path = "/api/v1/procedures"
    tags = ["catalogue"]  # noqa: RUF012
    opt = {"public": True}  # noqa: RUF012
    middleware = [ETagMiddleware]  # noqa: RUF012
    cache_control = CATALOGUE_CACHE

    @get(
        "/",
        operation_id="listProcedures",
        responses=problems(400, 404, 422),
        summary="Search and filter procedures",
    )
    async def list(
        self,
        q: Annotated[
            str | None,
            QueryParameter(
                max_length=200, description="Words to find, with or without diacritics: `khai sinh`"
            ),
        ] = None,
        agency: Annotated[
            str | None, QueryParameter(max_length=64, description="Procedures this agency handles")
        ] = None,
        level: FromQuery[Level | None] = None,
        online_level: FromQuery[OnlineLevel | None] = None,
        cursor: Annotated[str | None, QueryParameter(max_length=200)] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=100)] = 20,
    ) -> ProcedurePage:
        items, next_cursor = await search_procedures(
            q=q, agency=agency, level=level, online_level=online_level, cursor=cursor, limit=limit
        )
        return ProcedurePage(items=[summary_of(p) for p in items], next_cursor=next_cursor)

    @get(
        "/{code:str}",
        operation_id="getProcedure",
        responses=problems(400, 404),
        summary="One procedure, with its form schema",
    )
    async def get(self, code: Annotated[str, PathParameter(max_length=64)]) -> ProcedureDetail:
        return detail_of(await get_procedure(code))
