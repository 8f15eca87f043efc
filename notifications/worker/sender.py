"""One Web Push request: encrypt (aes128gcm), sign (cached VAPID JWT), POST on a shared session."""

from __future__ import annotations

from dataclasses import dataclass

import aiohttp
from pywebpush import WebPusher

from notifications.vapid import VapidSigner


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: no answer (timeout, refused, reset)
    retry_after: str | None = None
    error: str | None = None


class Sender:
    def __init__(
        self, http: aiohttp.ClientSession, signer: VapidSigner, timeout_seconds: float, ttl: int
    ) -> None:
        self.http, self.signer, self.ttl = http, signer, ttl
        self.timeout = aiohttp.ClientTimeout(total=timeout_seconds)

    async def send(
        self, endpoint: str, p256dh: str, auth: str, payload: bytes, *, urgency: str, topic: str
    ) -> Answer:
        subscription = {"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}}
        headers = {"Authorization": self.signer.header(endpoint), "Urgency": urgency, "Topic": topic}
        try:
            response = await WebPusher(subscription, aiohttp_session=self.http).send_async(
                payload, headers, ttl=self.ttl, timeout=self.timeout
            )
        except (aiohttp.ClientError, TimeoutError) as exc:
            return Answer(None, error=f"{type(exc).__name__}: {exc}"[:300])
        assert isinstance(response, aiohttp.ClientResponse)
        if 200 <= response.status < 300:
            response.release()  # pywebpush hands the response back unread: free the connection
            return Answer(response.status)
        body = (await response.text())[:300]
        return Answer(response.status, response.headers.get("Retry-After"), body or response.reason)
