"""A local Web Push service for tests and the benchmark: a real protocol partner on 127.0.0.1.

It hands out subscriptions whose private key and auth secret it keeps (as a browser would),
checks every request as a push service must (RFC 8292 VAPID JWT: ES256 signature, ``aud`` = our
origin, ``exp`` in the future and at most 24 h away, ``sub`` a mailto:/https: contact; RFC 8188
``aes128gcm`` body), decrypts the body with that subscription's own keys, and records it.
Behaviour is scriptable: fixed answers per subscription (201/404/410/413/429/500, or hang), or
random faults (a share of 500s and random delays).

``python -m tests.push.peer`` runs it as its own process (the benchmark does, so the peer's CPU
is not the sender's); it prints ``PORT <n>`` and serves a tiny control API.
"""

from __future__ import annotations

import asyncio
import base64
import json
import random
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import http_ece
from aiohttp import web
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64d(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def b64e(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


class Rejected(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


def verify_vapid(authorization: str, audience: str, now: float, expected_key: str | None) -> dict[str, Any]:
    """Check ``vapid t=<jwt>,k=<key>``; return the JWT claims or raise :class:`Rejected` (401/403)."""
    scheme, _, params = authorization.partition(" ")
    if scheme.lower() != "vapid":
        raise Rejected(401, "not a vapid authorization")
    parts = dict(p.strip().split("=", 1) for p in params.split(",") if "=" in p)
    token, key = parts.get("t", ""), parts.get("k", "")
    if expected_key is not None and key != expected_key:
        raise Rejected(403, "unknown application server key")
    try:
        header_b64, claims_b64, signature_b64 = token.split(".")
        header, claims = json.loads(b64d(header_b64)), json.loads(b64d(claims_b64))
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64d(key))
        raw = b64d(signature_b64)
        if header.get("alg") != "ES256" or len(raw) != 64:
            raise Rejected(401, "not ES256")
        der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
        public.verify(der, f"{header_b64}.{claims_b64}".encode("ascii"), ec.ECDSA(hashes.SHA256()))
    except (ValueError, InvalidSignature) as exc:
        raise Rejected(401, f"bad VAPID JWT: {exc}") from exc
    if claims.get("aud") != audience:
        raise Rejected(403, f"aud {claims.get('aud')!r} is not {audience!r}")
    exp = claims.get("exp")
    if not isinstance(exp, int) or exp <= now or exp > now + 24 * 3600:
        raise Rejected(403, "exp must be in the future and at most 24 h away")
    sub = str(claims.get("sub", ""))
    if not (sub.startswith("mailto:") or sub.startswith("https://")):
        raise Rejected(403, "sub must be a mailto: or https: contact")
    return dict(claims)


@dataclass
class Device:
    id: str
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes
    #: Scripted answers, used in order (then 201): e.g. [429] or [410] or ["hang"].
    script: deque[int | str] = field(default_factory=deque)


@dataclass
class Delivery:
    device: str
    payload: dict[str, Any]
    headers: dict[str, str]
    claims: dict[str, Any]
    at: float


def _new_loop() -> asyncio.AbstractEventLoop:
    try:
        import uvloop
    except ImportError:  # pragma: no cover
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


class PushPeer:
    def __init__(self, expected_vapid_key: str | None = None, verify_every: int = 1) -> None:
        self.expected_vapid_key = expected_vapid_key
        #: Check and decrypt every n-th message (the benchmark samples, to spare the peer's CPU).
        self.verify_every = verify_every
        self.devices: dict[str, Device] = {}
        self.deliveries: list[Delivery] = []
        self.refused: list[tuple[str, int, str]] = []  # (device, status, reason)
        self.attempts: list[tuple[str, float, str]] = []  # (device, time, Topic)
        self.failure_rate = 0.0
        self.max_delay = 0.0
        self.count = 0
        self.rng = random.Random(7)
        self.lock = threading.Lock()
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    # --- what a browser would do -------------------------------------------------------------
    def subscription(self, script: list[int | str] | None = None) -> dict[str, Any]:
        """A fresh browser-style subscription (its private key and auth secret stay here)."""
        key = ec.generate_private_key(ec.SECP256R1())
        device = Device(secrets.token_hex(8), key, secrets.token_bytes(16), deque(script or []))
        self.devices[device.id] = device
        point = key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": f"{self.origin}/push/{device.id}",
            "expirationTime": None,
            "keys": {"p256dh": b64e(point), "auth": b64e(device.auth)},
        }

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def received(self, device_id: str | None = None) -> list[Delivery]:
        with self.lock:
            return [d for d in self.deliveries if device_id is None or d.device == device_id]

    # --- the push service -------------------------------------------------------------------
    async def handle(self, request: web.Request) -> web.StreamResponse:
        device = self.devices.get(request.match_info["device"])
        now = time.time()
        with self.lock:
            self.attempts.append((request.match_info["device"], now, request.headers.get("Topic", "")))
        if device is None:
            return web.Response(status=404, text="no such subscription")
        body = await request.read()
        scripted = device.script.popleft() if device.script else None
        if scripted == "hang":
            await asyncio.sleep(3600)
        if isinstance(scripted, int) and scripted != 201:
            headers = {"Retry-After": "2"} if scripted == 429 else {}
            return web.Response(status=scripted, text=f"scripted {scripted}", headers=headers)
        if self.max_delay:
            await asyncio.sleep(self.rng.random() * self.max_delay)
        if self.failure_rate and self.rng.random() < self.failure_rate:
            return web.Response(status=500, text="random failure")
        try:
            delivery = self._accept(device, request, body, now)
        except Rejected as exc:
            with self.lock:
                self.refused.append((device.id, exc.status, exc.reason))
            return web.Response(status=exc.status, text=exc.reason)
        with self.lock:
            self.count += 1
            if delivery is not None:
                self.deliveries.append(delivery)
        return web.Response(status=201, headers={"Location": f"{self.origin}/m/{secrets.token_hex(6)}"})

    def _accept(self, device: Device, request: web.Request, body: bytes, now: float) -> Delivery | None:
        if self.verify_every > 1 and self.count % self.verify_every:
            return None
        claims = verify_vapid(
            request.headers.get("Authorization", ""), self.origin, now, self.expected_vapid_key
        )
        if request.headers.get("Content-Encoding") != "aes128gcm":
            raise Rejected(415, "Content-Encoding must be aes128gcm")
        if "TTL" not in request.headers:
            raise Rejected(400, "TTL is required")
        if len(body) > 4096:
            raise Rejected(413, "payload too large")
        try:
            plain = http_ece.decrypt(
                body, private_key=device.private_key, auth_secret=device.auth, version="aes128gcm"
            )
        except Exception as exc:  # http_ece raises several kinds on a bad body
            raise Rejected(400, f"cannot decrypt: {exc}") from exc
        return Delivery(
            device.id, json.loads(plain), {k.lower(): v for k, v in request.headers.items()}, claims, now
        )

    # --- lifecycle (a thread with its own loop) --------------------------------------------------
    def start(self) -> PushPeer:
        ready = threading.Event()

        def run() -> None:
            loop = self._loop = _new_loop()
            app = web.Application(client_max_size=8192)
            app.router.add_post("/push/{device}", self.handle)
            self._runner = web.AppRunner(app, access_log=None)
            loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            loop.run_until_complete(site.start())
            server = site._server
            assert server is not None
            self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._shutdown())
            loop.close()

        self._thread = threading.Thread(target=run, name="push-peer", daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    async def _shutdown(self) -> None:
        """Cancel handlers still running (a scripted "hang"), then close the server: left
        pending, they held ``cleanup()`` for its 60 s grace, ``stop()`` gave up on the thread and
        the interpreter's exit destroyed them ("Task was destroyed but it is pending!")."""
        current = asyncio.current_task()
        running = [task for task in asyncio.all_tasks() if task is not current]
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=10)


class FastPeer(asyncio.Protocol):
    """The benchmark's peer: a bare HTTP/1.1 keep-alive server (no framework), so the peer's own
    CPU does not hide the sender's. Every ``verify_every``-th message is checked and decrypted
    exactly as :meth:`PushPeer.handle` does; every message must carry the push headers."""

    def __init__(self, peer: PushPeer) -> None:
        self.peer, self.buffer = peer, b""
        self.transport: Any = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # uvloop's transport is not an asyncio.Transport subclass

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            head_end = self.buffer.find(b"\r\n\r\n")
            if head_end < 0:
                return
            lines = self.buffer[:head_end].decode("latin-1").split("\r\n")
            headers = {
                k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])
            }
            length = int(headers.get("content-length", "0"))
            if len(self.buffer) < head_end + 4 + length:
                return
            body = self.buffer[head_end + 4 : head_end + 4 + length]
            self.buffer = self.buffer[head_end + 4 + length :]
            assert self.transport is not None
            self.transport.write(self.answer(lines[0].split(" ")[1], headers, body))

    def answer(self, path: str, headers: dict[str, str], body: bytes) -> bytes:
        peer = self.peer
        device = peer.devices.get(path.rsplit("/", 1)[-1])
        status = 201
        if device is None:
            status = 404
        elif "ttl" not in headers or headers.get("content-encoding") != "aes128gcm" or not body:
            status = 400
        else:
            peer.count += 1
            if peer.count % peer.verify_every == 0:
                try:
                    claims = verify_vapid(headers.get("authorization", ""), peer.origin, time.time(), None)
                    plain = http_ece.decrypt(
                        body, private_key=device.private_key, auth_secret=device.auth, version="aes128gcm"
                    )
                    peer.deliveries.append(
                        Delivery(device.id, json.loads(plain), headers, claims, time.time())
                    )
                except Exception as exc:
                    peer.refused.append((device.id, 400, str(exc)))
                    status = 400
        reason = {201: "Created", 400: "Bad Request", 404: "Not Found"}[status]
        return f"HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\n\r\n".encode("ascii")


def start_fast(peer: PushPeer) -> PushPeer:
    """Serve ``peer`` with :class:`FastPeer` in a thread (the benchmark's process)."""
    ready = threading.Event()

    def run() -> None:
        loop = _new_loop()
        server = loop.run_until_complete(loop.create_server(lambda: FastPeer(peer), "127.0.0.1", 0))
        peer.port = server.sockets[0].getsockname()[1]
        peer._loop = loop
        ready.set()
        loop.run_forever()

    peer._thread = threading.Thread(target=run, name="push-peer-fast", daemon=True)
    peer._thread.start()
    ready.wait(10)
    return peer


def _serve_forever() -> None:  # pragma: no cover - the benchmark's separate process
    """Control over stdin: ``sub`` → a subscription as JSON; ``count`` → deliveries so far."""
    import sys

    every = int(sys.argv[sys.argv.index("--verify-every") + 1]) if "--verify-every" in sys.argv else 1
    peer = PushPeer(verify_every=every)
    peer = start_fast(peer) if "--fast" in sys.argv else peer.start()
    print(f"PORT {peer.port}", flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "sub":
            print(json.dumps(peer.subscription()), flush=True)
        elif command == "count":
            print(peer.count, flush=True)
        elif command == "checked":
            print(json.dumps({"decrypted": len(peer.deliveries), "refused": len(peer.refused)}), flush=True)
        elif command == "quit":
            break
    peer.stop()


if __name__ == "__main__":
    _serve_forever()
