"""VAPID (RFC 8292): the application server's key, and signed JWTs cached per push service."""

from __future__ import annotations

import base64
import os
import time
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02

from notifications.settings import NotifySettings

KEY_FILE = "vapid_private.pem"
#: JWTs live 12 hours (push services accept at most 24) and are renewed an hour before.
JWT_LIFETIME = 12 * 3600
RENEW_BEFORE = 3600


def load_key(settings: NotifySettings, *, create: bool) -> Vapid02:
    """The key from ``VAPID_PRIVATE_KEY``, else ``<vapid_dir>/vapid_private.pem`` (created if allowed)."""
    if settings.vapid_private_key:
        raw = settings.vapid_private_key
        if raw.startswith("-----BEGIN"):
            return Vapid02.from_pem(raw.encode())
        return Vapid02.from_string(raw)
    path = settings.vapid_dir / KEY_FILE
    if not path.exists():
        if not create:
            raise FileNotFoundError(f"no VAPID key: set VAPID_PRIVATE_KEY or create {path}")
        _create(path)
    return Vapid02.from_file(str(path))


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pem)
    tmp.chmod(0o600)
    try:
        os.link(tmp, path)  # atomic and never overwrites: two processes starting agree on one key
    except FileExistsError:
        pass
    finally:
        tmp.unlink()


def public_key_b64(key: Vapid02) -> str:
    """The applicationServerKey a browser subscribes with (uncompressed point, base64url)."""
    raw = key.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def origin_of(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


class VapidSigner:
    """``Authorization`` headers, signed once per push-service origin and reused until renewal.

    Each signature gets a fresh claims dict (pywebpush and py_vapid mutate the one they get).
    """

    def __init__(self, key: Vapid02, subject: str) -> None:
        self.key, self.subject = key, subject
        self._cache: dict[str, tuple[str, float]] = {}

    def header(self, endpoint: str, now: float | None = None) -> str:
        now = time.time() if now is None else now
        origin = origin_of(endpoint)
        cached = self._cache.get(origin)
        if cached is not None and cached[1] - now > RENEW_BEFORE:
            return cached[0]
        expires = int(now) + JWT_LIFETIME
        claims = {"sub": self.subject, "aud": origin, "exp": expires}
        value: str = self.key.sign(claims)["Authorization"]
        self._cache[origin] = (value, expires)
        return value
