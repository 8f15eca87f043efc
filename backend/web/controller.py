"""HTTP only: the built PWA at ``/`` (files, SPA fallback), outside the OpenAPI schema."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.datastructures import State
from litestar.params import PathParameter
from litestar.response import File

from backend.errors import AppError
from backend.settings import Settings
from backend.web.files import REVALIDATE, is_built, is_navigation, is_reserved, resolve


class NotFound(AppError):
    status_code, default_slug = 404, "not-found"


NOT_BUILT_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Công dân số</title></head>
<body>
<main>
<h1>Công dân số</h1>
<p>Ứng dụng web (PWA) chưa được build. Hãy chạy <code>make run</code>.</p>
<p lang="en">The web app (PWA) is not built. Run <code>make run</code>.</p>
<p><a href="/schema">API</a></p>
</main>
</body></html>
"""


class WebController(Controller):
    include_in_schema = False
    opt = {"public": True}  # noqa: RUF012

    @get("/", cache_control=None, sync_to_thread=False)
    def root(self, request: Request[Any, Any, Any], state: State) -> File | Response[str]:
        return _serve(request, state, "/")

    @get("/{path:path}", cache_control=None, sync_to_thread=False)
    def anything(
        self, request: Request[Any, Any, Any], state: State, path: Annotated[str, PathParameter()]
    ) -> File | Response[str]:
        return _serve(request, state, path)


def _serve(request: Request[Any, Any, Any], state: State, path: str) -> File | Response[str]:
    if is_reserved(path):
        raise NotFound(vi="Không tìm thấy địa chỉ này.", en="No such resource.")
    settings: Settings = state.settings
    if not is_built(settings.pwa_dist):
        return Response(
            NOT_BUILT_PAGE,
            status_code=503,
            media_type="text/html; charset=utf-8",
            headers={"Cache-Control": REVALIDATE},
        )
    found = resolve(settings.pwa_dist, path, navigation=is_navigation(request.headers.get("accept", "")))
    if found is None:
        raise NotFound(vi="Không tìm thấy tệp này.", en="No such file.")
    return File(
        path=found.path,
        media_type=found.media_type,
        content_disposition_type="inline",
        headers={"Cache-Control": found.cache_control},
    )
