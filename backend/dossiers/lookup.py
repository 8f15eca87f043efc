"""The public lookup: dossier code + the secret printed on the receipt, no login, no personal data."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.params import PathParameter, QueryParameter

from backend.dossiers.queries import public_lookup
from backend.dossiers.schemas import PublicDossierView
from backend.dossiers.views import public_view
from backend.openapi import problems


class LookupController(Controller):
    path = "/api/v1/lookup"
    tags = ["dossiers"]  # noqa: RUF012
    opt = {"public": True}  # noqa: RUF012

    @get("/{code:str}", operation_id="lookupDossier", cache_control=None, responses=problems(400, 404))
    async def lookup(
        self,
        code: Annotated[str, PathParameter(pattern=r"^[A-Z]{2}-\d{4}-\d{6}$")],
        secret: Annotated[str, QueryParameter(min_length=4, max_length=16, description="From the receipt")],
    ) -> PublicDossierView:
        """Progress of a dossier for anyone holding its receipt: status, due date, steps."""
        return public_view(await public_lookup(code, secret))
