"""KPIs over HTTP: the public anonymised figures, and the leaders' drill-down and exports."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from litestar import Controller, Request, Response, get
from litestar.params import FromQuery, QueryParameter

from backend.agencies.documents import Agency
from backend.dossiers.documents import Dossier
from backend.dossiers.schemas import DossierPage
from backend.dossiers.views import summary
from backend.feedback.schemas import CountRow, PublicReportStats
from backend.feedback.workflow import CATEGORIES
from backend.openapi import file_download, problems
from backend.pagination import decode_cursor, encode_cursor
from backend.security import Principal, Role, require_roles
from backend.stats import examples as _examples  # noqa: F401  (OpenAPI examples)
from backend.stats import export, service
from backend.stats.schemas import AgencyRows, KpiReport, OfficialRanking

Month = r"^\d{4}-(0[1-9]|1[0-2])$"
From = Annotated[str | None, QueryParameter(name="from", pattern=Month, description="First month, YYYY-MM")]
To = Annotated[str | None, QueryParameter(name="to", pattern=Month, description="Last month, YYYY-MM")]
AgencyCode = Annotated[str | None, QueryParameter(max_length=60, description="Default: the whole province")]
PUBLIC_CACHE = {"Cache-Control": "public, max-age=300"}
leaders = require_roles(Role.leader, Role.admin)


class StatsController(Controller):
    path = "/api/v1/stats"
    tags = ["statistics"]  # noqa: RUF012

    @get(
        "/kpis",
        operation_id="getKpis",
        opt={"public": True},
        security=[{}],
        responses=problems(400, 404, 422),
    )
    async def kpis(
        self, agency: AgencyCode = None, period_from: From = None, period_to: To = None
    ) -> Response[KpiReport]:
        """Decision 766 figures for an agency's subtree and period (public, anonymised: no names).

        Online share vs the 90/80/70% targets per level, early/on time/late, procedures offered
        full-process online and on mobile, satisfaction vs ≥95%, reports answered on time, a
        monthly series for trend charts.
        """
        start, end = service.period_range(period_from, period_to)
        return Response(await service.kpis(agency or "HD", start, end), headers=PUBLIC_CACHE)

    @get(
        "/feedback",
        operation_id="getReportStats",
        opt={"public": True},
        security=[{}],
        responses=problems(400, 422),
    )
    async def feedback(self, period_from: From = None, period_to: To = None) -> Response[PublicReportStats]:
        """Reports province-wide: how many, answered on time, by category. Counts only."""
        start, end = service.period_range(period_from, period_to)
        c = service.total(await service.counter_rows(["HD"], start, end))
        body = PublicReportStats(
            received=c["fb_received"],
            answered=c["fb_answered"],
            answered_on_time=c["fb_answered_on_time"],
            on_time_rate=service.rate(c["fb_answered_on_time"], c["fb_answered"]),
            harassment=c["fb_harassment"],
            by_category=[
                CountRow(code=code, label_vi=vi, label_en=en, count=c[f"fb_cat_{code}"])
                for code, (vi, en) in CATEGORIES.items()
            ],
        )
        return Response(body, headers=PUBLIC_CACHE)

    @get(
        "/agencies",
        operation_id="getAgencyKpis",
        guards=[leaders],
        responses=problems(400, 401, 403, 404, 422),
    )
    async def agencies(
        self,
        request: Request[Principal, Any, Any],
        agency: AgencyCode = None,
        period_from: From = None,
        period_to: To = None,
    ) -> AgencyRows:
        """Drill-down: the agencies directly under ``agency`` (default: the leader's), each with its KPIs."""
        parent = await service.scoped_agency(request.user, agency)
        start, end = service.period_range(period_from, period_to)
        return await service.children(parent, start, end)

    @get(
        "/officials",
        operation_id="getOfficialRanking",
        guards=[leaders],
        responses=problems(400, 401, 403, 404, 422),
    )
    async def officials(
        self,
        request: Request[Principal, Any, Any],
        agency: AgencyCode = None,
        period_from: From = None,
        period_to: To = None,
        limit: Annotated[int, QueryParameter(ge=1, le=500)] = 100,
    ) -> OfficialRanking:
        """Officials of the subtree ranked by the satisfaction of the people they served, then punctuality."""
        scope = await service.scoped_agency(request.user, agency)
        start, end = service.period_range(period_from, period_to)
        return await service.ranking(scope, start, end, limit)

    @get(
        "/dossiers",
        operation_id="getKpiDossiers",
        guards=[leaders],
        responses=problems(400, 401, 403, 404, 422),
    )
    async def dossiers(
        self,
        request: Request[Principal, Any, Any],
        agency: AgencyCode = None,
        official: Annotated[str | None, QueryParameter(pattern=r"^[0-9a-f]{24}$")] = None,
        cursor: Annotated[str | None, QueryParameter(max_length=200)] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=100)] = 20,
    ) -> DossierPage:
        """The last step of the drill-down: an agency's dossiers (its subtree, newest first), or the
        dossiers an official holds or held at that agency (latest due date first)."""
        scope = await service.scoped_agency(request.user, agency)
        query: dict[str, Any]
        if official:
            query, key = {"agency_code": scope.code, "assignee_id": official}, "queue_key"
        elif await Agency.find_one(Agency.parent_code == scope.code) is None:
            # A leaf (a commune, a department): the single-valued agency_code index also sorts.
            query, key = {"agency_code": scope.code}, "list_key"
        else:
            query, key = {"agency_path": scope.code}, "list_key"
        if cursor:
            query[key] = {"$lt": str(decode_cursor(cursor))}
        found = await Dossier.find(query).sort("-" + key).limit(limit + 1).to_list()
        page = found[:limit]
        next_cursor = encode_cursor(getattr(page[-1], key)) if len(found) > limit else None
        return DossierPage(items=[summary(d) for d in page], next_cursor=next_cursor)

    @get(
        "/export",
        operation_id="exportKpis",
        guards=[leaders],
        responses=file_download(400, 401, 403, 404, 422),
    )
    async def export_report(
        self,
        request: Request[Principal, Any, Any],
        agency: AgencyCode = None,
        period_from: From = None,
        period_to: To = None,
        format: FromQuery[Literal["csv", "xlsx"]] = "csv",
        table: FromQuery[Literal["agencies", "officials"]] = "agencies",
    ) -> Response[bytes]:
        """The periodic report: CSV (one ``table``) or XLSX (both tables as sheets)."""
        scope = await service.scoped_agency(request.user, agency)
        start, end = service.period_range(period_from, period_to)
        report = await service.kpis(scope.code, start, end)
        tables = export.sheets(
            report, await service.children(scope, start, end), await service.ranking(scope, start, end, 500)
        )
        stamp = f"{scope.code}_{start}_{end}".replace(".", "-")
        if format == "csv":
            content = export.to_csv(tables[0 if table == "agencies" else 1][1])
            media, name = "text/csv; charset=utf-8", f"bao-cao-{table}-{stamp}.csv"
        else:
            content = export.to_xlsx(tables)
            media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            name = f"bao-cao-{stamp}.xlsx"
        return Response(
            content,
            media_type=media,
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "private, no-store",
            },
        )
