"""The officials' workbench: the agency queue and who can take a dossier."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, get
from litestar.params import FromQuery, QueryParameter
from pydantic import BaseModel

from backend.dossiers import queries
from backend.dossiers.schemas import DossierPage
from backend.dossiers.views import summary
from backend.dossiers.workflow import Status
from backend.identity.documents import User
from backend.openapi import problems
from backend.schemas import Out, example_config
from backend.security import Principal, Role, require_roles


class Official(BaseModel):
    id: str
    full_name: str
    position: str | None


class OfficialList(Out):
    model_config = example_config(
        {
            "items": [
                {"id": "6740a1b2c3d4e5f601234567", "full_name": "Trần Thị Bình", "position": "Chuyên viên"}
            ]
        }
    )
    items: list[Official]


class WorkbenchController(Controller):
    path = "/api/v1/workbench"
    tags = ["workbench"]  # noqa: RUF012
    guards = [require_roles(Role.official, Role.agency_admin)]  # noqa: RUF012

    @get("/queue", operation_id="workbenchQueue", responses=problems(400, 401, 403, 422))
    async def queue(
        self,
        request: Request[Principal, Any, Any],
        status: FromQuery[Status | None] = None,
        mine: Annotated[bool, QueryParameter(description="Only dossiers assigned to me")] = False,
        overdue: Annotated[
            bool, QueryParameter(description="Only open dossiers past their due date")
        ] = False,
        cursor: Annotated[str | None, QueryParameter(max_length=200)] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=100)] = 30,
    ) -> DossierPage:
        """My agency's dossiers, most urgent first: awaiting intake, then by due date."""
        items, next_cursor = await queries.queue(
            request.user, status=status, mine=mine, overdue=overdue, cursor=cursor, limit=limit
        )
        return DossierPage(items=[summary(d) for d in items], next_cursor=next_cursor)

    @get("/officials", operation_id="workbenchOfficials", responses=problems(401, 403))
    async def officials(self, request: Request[Principal, Any, Any]) -> OfficialList:
        """Officials of my agency, to assign or transfer a dossier to."""
        found = await User.find(
            {"agency_code": request.user.agency_code, "role": Role.official.value}
        ).to_list()
        return OfficialList(
            items=[
                Official(id=str(u.id), full_name=u.full_name, position=u.position)
                for u in found
                if not u.disabled
            ]
        )
