"""Liveness and readiness probes."""

from __future__ import annotations

from litestar import Controller, get
from litestar.datastructures import State
from pydantic import BaseModel

from backend.db import Database
from backend.errors import AppError
from backend.openapi import problems
from backend.schemas import example_config


class Health(BaseModel):
    model_config = example_config({"status": "ok"})
    status: str


class NotReady(AppError):
    status_code, default_slug = 503, "not-ready"


class HealthController(Controller):
    tags = ["operations"]  # noqa: RUF012
    opt = {"public": True}  # noqa: RUF012

    @get("/healthz", operation_id="healthz", summary="The process is up", cache_control=None)
    async def healthz(self) -> Health:
        return Health(status="ok")

    @get("/readyz", operation_id="readyz", responses=problems(503), summary="The database is reachable")
    async def readyz(self, state: State) -> Health:
        database: Database = state.database
        if not await database.ping():
            raise NotReady(vi="Cơ sở dữ liệu chưa sẵn sàng.", en="The database is not reachable.")
        return Health(status="ready")
