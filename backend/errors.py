"""Application errors and their RFC 9457 ``application/problem+json`` rendering.

Services raise :class:`AppError` subclasses with a stable ``slug`` (the problem ``type`` is
``/problems/<slug>``) and a message in Vietnamese and English; the handlers here pick the
language from ``Accept-Language`` (Vietnamese first). Framework errors (validation, 404, 405,
413) are mapped to the same shape, and anything unexpected becomes a 500 problem that carries
only the request id: a client never sees a stack trace.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, NotAuthorizedException, ValidationException
from litestar.types import ExceptionHandlersMap

from backend.observability import current_request_id

log = logging.getLogger("congdanso.errors")

PROBLEM_JSON = "application/problem+json"

#: Titles per status, (vi, en). The title is the same for every problem of that type.
_TITLES: dict[int, tuple[str, str]] = {
    400: ("Yêu cầu không hợp lệ", "Bad request"),
    401: ("Chưa đăng nhập hoặc phiên đã hết hạn", "Not authenticated"),
    403: ("Không có quyền thực hiện", "Forbidden"),
    404: ("Không tìm thấy", "Not found"),
    405: ("Phương thức không được hỗ trợ", "Method not allowed"),
    409: ("Xung đột dữ liệu", "Conflict"),
    412: ("Dữ liệu đã thay đổi", "Precondition failed"),
    413: ("Dữ liệu gửi lên quá lớn", "Payload too large"),
    415: ("Định dạng không được hỗ trợ", "Unsupported media type"),
    422: ("Dữ liệu không hợp lệ", "Unprocessable content"),
    429: ("Quá nhiều yêu cầu", "Too many requests"),
    500: ("Lỗi hệ thống", "Internal server error"),
    503: ("Dịch vụ tạm thời không sẵn sàng", "Service unavailable"),
}

_STATUS_SLUGS: dict[int, str] = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    412: "precondition-failed",
    413: "payload-too-large",
    415: "unsupported-media-type",
    429: "too-many-requests",
    500: "internal-error",
    503: "unavailable",
}


def wants_english(request: Request[Any, Any, Any]) -> bool:
    """Vietnamese unless the client prefers English (``Accept-Language: en...``)."""
    header = request.headers.get("accept-language", "")
    first = header.split(",", 1)[0].strip().lower()
    return first.startswith("en")


class AppError(Exception):
    """A failure the client can act on. ``vi`` and ``en`` are the human message."""

    status_code: int = 400
    default_slug: str = "bad-request"

    def __init__(
        self,
        slug: str | None = None,
        *,
        vi: str,
        en: str,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(en)
        self.slug = slug or self.default_slug
        self.vi = vi
        self.en = en
        self.headers = headers or {}
        self.extra = extra


class Invalid(AppError):
    status_code, default_slug = 422, "invalid"


class Unauthorized(AppError):
    status_code, default_slug = 401, "unauthenticated"

    def __init__(self, slug: str | None = None, *, vi: str, en: str, **extra: Any) -> None:
        super().__init__(slug, vi=vi, en=en, headers={"WWW-Authenticate": "Bearer"}, **extra)


class Forbidden(AppError):
    status_code, default_slug = 403, "forbidden"


class NotFound(AppError):
    status_code, default_slug = 404, "not-found"


class Conflict(AppError):
    status_code, default_slug = 409, "conflict"


class PreconditionFailed(AppError):
    status_code, default_slug = 412, "precondition-failed"


class TooManyRequests(AppError):
    status_code, default_slug = 429, "too-many-requests"

    def __init__(self, slug: str | None = None, *, vi: str, en: str, retry_after: int, **extra: Any) -> None:
        super().__init__(slug, vi=vi, en=en, headers={"Retry-After": str(retry_after)}, **extra)


def problem_response(
    request: Request[Any, Any, Any],
    status: int,
    slug: str,
    detail: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response[dict[str, Any]]:
    english = wants_english(request)
    vi_title, en_title = _TITLES.get(status, (HTTPStatus(status).phrase, HTTPStatus(status).phrase))
    body: dict[str, Any] = {
        "type": f"/problems/{slug}",
        "title": en_title if english else vi_title,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    body["instance"] = request.url.path
    request_id = current_request_id()
    if request_id:
        body["request_id"] = request_id
    body.update(extra)
    return Response(
        content=body,
        status_code=status,
        media_type=PROBLEM_JSON,
        headers={**(headers or {}), "Content-Language": "en" if english else "vi"},
    )


def _handle_app_error(request: Request[Any, Any, Any], exc: AppError) -> Response[dict[str, Any]]:
    detail = exc.en if wants_english(request) else exc.vi
    return problem_response(request, exc.status_code, exc.slug, detail, exc.headers, **exc.extra)


def _field_errors(exc: ValidationException) -> list[dict[str, str]]:
    errors: list[dict[str, str]] = []
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict):
            field = str(item.get("key") or item.get("source") or "body")
            errors.append({"field": field, "message": str(item.get("message", "invalid"))})
    return errors


def _handle_http_exception(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    status = exc.status_code
    english = wants_english(request)
    if isinstance(exc, ValidationException):
        errors = _field_errors(exc)
        detail = "Some fields are invalid." if english else "Một số trường không hợp lệ."
        return problem_response(request, 400, "validation-error", detail, errors=errors)
    if status == 400 and str(exc.detail).startswith("JSON is malformed"):
        detail = (
            "The request body is not valid JSON." if english else "Nội dung yêu cầu không phải JSON hợp lệ."
        )
        return problem_response(request, 400, "malformed-body", detail)
    headers = dict(exc.headers or {})
    if isinstance(exc, NotAuthorizedException):
        headers.setdefault("WWW-Authenticate", "Bearer")
    slug = _STATUS_SLUGS.get(status, "http-error")
    shown: str | None = exc.detail if exc.detail and exc.detail != HTTPStatus(status).phrase else None
    return problem_response(request, status, slug, None if status >= 500 else shown, headers)


def _handle_unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    log.exception("unhandled error", extra={"path": request.url.path})
    detail = (
        "An unexpected error occurred. Quote the request id when you contact support."
        if wants_english(request)
        else "Đã xảy ra lỗi không mong muốn. Vui lòng cung cấp mã yêu cầu khi liên hệ hỗ trợ."
    )
    return problem_response(request, 500, "internal-error", detail)


exception_handlers: ExceptionHandlersMap = {
    AppError: _handle_app_error,
    HTTPException: _handle_http_exception,
    Exception: _handle_unexpected,
}
