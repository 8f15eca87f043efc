"""OpenAPI helpers: every documented error is an RFC 9457 problem."""

from __future__ import annotations

from http import HTTPStatus

from litestar.openapi import ResponseSpec
from pydantic import BaseModel

from backend.errors import PROBLEM_JSON
from backend.schemas import example_config


class FieldError(BaseModel):
    field: str
    message: str


class ProblemDetails(BaseModel):
    """RFC 9457 problem details; ``type`` is stable, ``detail`` follows ``Accept-Language``."""

    model_config = example_config(
        {
            "type": "/problems/validation-error",
            "title": "Yêu cầu không hợp lệ",
            "status": 400,
            "detail": "Một số trường không hợp lệ.",
            "instance": "/api/v1/auth/register",
            "request_id": "3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b",
            "errors": [{"field": "phone", "message": "not a Vietnamese mobile number"}],
        }
    )
    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    request_id: str | None = None
    errors: list[FieldError] | None = None


def file_download(*error_statuses: int) -> dict[int, ResponseSpec]:
    """A streamed file (its real type is sniffed at upload), plus the error statuses."""
    return {
        200: ResponseSpec(
            data_container=bytes,
            media_type="application/octet-stream",
            description="The file, with Content-Disposition",
            generate_examples=False,
        ),
        **problems(*error_statuses),
    }


def problems(*statuses: int) -> dict[int, ResponseSpec]:
    """Response docs for the error statuses a handler can answer with."""
    return {
        status: ResponseSpec(
            data_container=ProblemDetails,
            media_type=PROBLEM_JSON,
            description=HTTPStatus(status).phrase,
            generate_examples=False,
        )
        for status in statuses
    }
