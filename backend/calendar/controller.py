"""The holiday calendar: public to read, edited by admins."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, delete, get, put
from litestar.params import JSONBody, PathParameter, QueryParameter
from litestar.status_codes import HTTP_204_NO_CONTENT

from backend.agencies.controller import CATALOGUE_CACHE
from backend.calendar.schemas import HolidayList, HolidayOut, HolidayRequest
from backend.calendar.service import MAX_YEAR, MIN_YEAR, delete_holiday, list_holidays, put_holiday
from backend.http_caching import ETagMiddleware
from backend.openapi import problems
from backend.security import Role, require_roles

Day = Annotated[str, PathParameter(max_length=32, description="A date, `YYYY-MM-DD`")]


class HolidayController(Controller):
    path = "/api/v1/calendar/holidays"

    @get(
        "/",
        operation_id="listHolidays",
        tags=["catalogue"],
        opt={"public": True},
        middleware=[ETagMiddleware],
        cache_control=CATALOGUE_CACHE,
        responses=problems(400),
        summary="Days off and make-up working days of a year",
    )
    async def list(
        self, year: Annotated[int, QueryParameter(ge=MIN_YEAR, le=MAX_YEAR, description="e.g. 2026")]
    ) -> HolidayList:
        """Weekends are days off unless listed as ``working_day``; listed ``day_off`` days are off."""
        items = await list_holidays(year)
        return HolidayList(year=year, items=[HolidayOut.model_validate(h) for h in items])

    @put(
        "/{day:str}",
        operation_id="putHoliday",
        tags=["administration"],
        guards=[require_roles(Role.admin)],
        responses=problems(400, 401, 403, 422),
        summary="Add or replace a day on the calendar",
    )
    async def put(self, day: Day, data: JSONBody[HolidayRequest]) -> HolidayOut:
        """Due dates computed from now on follow the change; existing due dates are not moved."""
        holiday = await put_holiday(day, data.name_vi, data.name_en, data.kind)
        return HolidayOut.model_validate(holiday)

    @delete(
        "/{day:str}",
        operation_id="deleteHoliday",
        tags=["administration"],
        guards=[require_roles(Role.admin)],
        responses=problems(400, 401, 403, 404, 422),
        status_code=HTTP_204_NO_CONTENT,
        summary="Remove a day from the calendar",
    )
    async def remove(self, day: Day) -> None:
        await delete_holiday(day)
