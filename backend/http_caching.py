"""Strong ETags and ``If-None-Match`` for cacheable GET responses (the catalogue).

An ASGI middleware that buffers a 200 response, hashes it, and answers a matching
``If-None-Match`` with 304 and no body, so a phone on 3G revalidates a cached catalogue for the
cost of the headers.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any, cast

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send


def etag_for(body: bytes) -> str:
    return '"' + base64.urlsafe_b64encode(hashlib.sha256(body).digest()[:18]).decode("ascii") + '"'


def _matches(if_none_match: str, etag: str) -> bool:
    if if_none_match.strip() == "*":
        return True
    candidates = (c.strip().removeprefix("W/") for c in if_none_match.split(","))
    return etag in candidates


class ETagMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        if_none_match = ""
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                if_none_match = value.decode("latin-1")
        start: dict[str, Any] | None = None
        chunks: list[bytes] = []

        async def buffer(message: Message) -> None:
            nonlocal start
            event = cast(dict[str, Any], message)
            if event["type"] == "http.response.start":
                start = event
                if event["status"] != 200:
                    await send(message)
                return
            if start is None or start["status"] != 200:
                await send(message)
                return
            chunks.append(bytes(event.get("body", b"")))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            etag = etag_for(body)
            headers = MutableScopeHeaders.from_message(cast(Message, start))
            headers["ETag"] = etag
            if if_none_match and _matches(if_none_match, etag):
                start["status"] = 304
                del headers["Content-Length"]
                del headers["Content-Type"]
                await send(cast(Message, start))
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(cast(Message, start))
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await self.app(scope, receive, buffer)
