"""Typed settings read from the environment once (12-factor), with safe development defaults.

One small frozen dataclass per concern. Tests build a :class:`Settings` directly and hand it to
``create_app``; production reads the environment through :func:`get_settings`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from notifications.settings import NotifySettings, notify_settings_from_env

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from exc


@dataclass(frozen=True, slots=True)
class DatabaseSettings:
    #: A MongoDB URI. ``None`` starts the embedded SecantusDB server under ``data_dir``.
    uri: str | None = None
    name: str = "congdanso"
    data_dir: Path = PROJECT_ROOT / "var" / "db"


@dataclass(frozen=True, slots=True)
class AuthSettings:
    #: Directory of ES256 signing keys (``<kid>.pem``); the newest signs, all verify.
    #: Generated on first use in development.
    key_dir: Path = PROJECT_ROOT / "var" / "keys"
    issuer: str = "congdanso"
    audience: str = "congdanso-api"
    access_ttl_seconds: int = 900
    refresh_ttl_seconds: int = 30 * 24 * 3600
    #: A spent refresh token presented again this soon is a lost response, not a theft: it gets
    #: another successor in its family instead of revoking it (0 turns the grace off).
    refresh_reuse_grace_seconds: int = 30
    #: ``rfc9106`` in production; ``cheapest`` only for tests, where hashing cost is noise.
    password_profile: str = "rfc9106"
    #: Failed logins allowed per account, and per client address, within the window.
    max_failures_per_account: int = 5
    max_failures_per_client: int = 30
    failure_window_seconds: int = 15 * 60
    lockout_seconds: int = 15 * 60
    #: Set the refresh cookie with ``Secure``; off only for plain-http development.
    secure_cookies: bool = True


@dataclass(frozen=True, slots=True)
class ReceiptSettings:
    #: Receipt signing keys (``<kid>.pem``, ES256); ``None``: ``<auth.key_dir>/receipts``.
    key_dir: Path | None = None
    #: A key signs for this long, then the next one takes over (made automatically when the
    #: directory is writable; otherwise provision it with ``congdanso receipts rotate-key``).
    rotation_days: int = 90
    #: A new key is published in the JWKS this long before it signs, so desk phones holding a
    #: cached JWKS already know it when the first receipt signed with it arrives.
    publish_lead_hours: int = 48
    #: A receipt stays valid this long after its appointment date.
    valid_days_after_due: int = 180
    #: ``https://dichvucong.example.vn``: the host the QR's ``/r/<token>`` URL names. Unset: the
    #: request's own scheme and host.
    public_base_url: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    env: str = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    #: Largest request body accepted by JSON endpoints.
    max_body_bytes: int = 256 * 1024
    db: DatabaseSettings = field(default_factory=DatabaseSettings)
    auth: AuthSettings = field(default_factory=AuthSettings)
    receipts: ReceiptSettings = field(default_factory=ReceiptSettings)
    #: The built PWA (``npm run build`` in ``pwa/``), served at ``/``; may be missing.
    pwa_dist: Path = PROJECT_ROOT / "pwa" / "dist"
    #: Web Push delivery (VAPID key, worker pacing): see ``notifications/settings.py``.
    push: NotifySettings = field(
        default_factory=lambda: NotifySettings(vapid_dir=PROJECT_ROOT / "var" / "vapid")
    )

    @property
    def is_production(self) -> bool:
        return self.env == "production"


def settings_from_env() -> Settings:
    env = _env("APP_ENV", "development")
    return Settings(
        env=env,
        host=_env("HOST", "127.0.0.1"),
        port=_env_int("PORT", 8000),
        log_level=_env("LOG_LEVEL", "INFO").upper(),
        max_body_bytes=_env_int("MAX_BODY_BYTES", 256 * 1024),
        pwa_dist=Path(_env("PWA_DIST", str(PROJECT_ROOT / "pwa" / "dist"))),
        db=DatabaseSettings(
            uri=os.environ.get("MONGODB_URI", "").strip() or None,
            name=_env("MONGODB_DB", "congdanso"),
            data_dir=Path(_env("DATA_DIR", str(PROJECT_ROOT / "var" / "db"))),
        ),
        push=notify_settings_from_env(PROJECT_ROOT / "var" / "vapid"),
        auth=AuthSettings(
            key_dir=Path(_env("JWT_KEY_DIR", str(PROJECT_ROOT / "var" / "keys"))),
            issuer=_env("JWT_ISSUER", "congdanso"),
            audience=_env("JWT_AUDIENCE", "congdanso-api"),
            access_ttl_seconds=_env_int("ACCESS_TOKEN_TTL", 900),
            refresh_ttl_seconds=_env_int("REFRESH_TOKEN_TTL", 30 * 24 * 3600),
            refresh_reuse_grace_seconds=_env_int("REFRESH_REUSE_GRACE", 30),
            password_profile=_env("PASSWORD_PROFILE", "rfc9106"),
            secure_cookies=_env("SECURE_COOKIES", "false" if env == "development" else "true") == "true",
        ),
        receipts=ReceiptSettings(
            key_dir=Path(os.environ["RECEIPT_KEY_DIR"]) if os.environ.get("RECEIPT_KEY_DIR") else None,
            rotation_days=_env_int("RECEIPT_KEY_ROTATION_DAYS", 90),
            valid_days_after_due=_env_int("RECEIPT_VALID_DAYS_AFTER_DUE", 180),
            public_base_url=os.environ.get("PUBLIC_BASE_URL", "").strip().rstrip("/") or None,
        ),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return settings_from_env()
