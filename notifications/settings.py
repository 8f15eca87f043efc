"""Delivery settings: one frozen dataclass, read from the environment once by the caller."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class NotifySettings:
    #: Directory holding ``vapid_private.pem`` (generated there in development on first use).
    vapid_dir: Path = Path("var") / "vapid"
    #: ``VAPID_PRIVATE_KEY``: a PEM or a base64url raw key; wins over the file (production).
    vapid_private_key: str | None = None
    #: The ``sub`` claim push services use to reach us (RFC 8292): a mailto: or https: URL.
    vapid_subject: str = "mailto:hotro@congdanso.haiduong.gov.vn"
    #: How long a claimed job is ours; a crashed worker's jobs come back after this.
    lease_seconds: float = 60.0
    batch_size: int = 100
    #: Concurrent sends per worker process.
    concurrency: int = 50
    #: HTTP timeout of one push request.
    timeout_seconds: float = 10.0
    #: 5xx/timeouts are retried this many times in all before the job is dead-lettered.
    max_attempts: int = 8
    #: Backoff: ``base * 2**(attempt-1)`` seconds, plus up to ``jitter`` of it, capped.
    backoff_base_seconds: float = 5.0
    backoff_jitter: float = 0.5
    backoff_cap_seconds: float = 3600.0
    #: How long the claimer sleeps when nothing is due.
    idle_poll_seconds: float = 0.5
    #: Web Push TTL: how long a push service keeps a message for an offline phone.
    ttl_seconds: int = 4 * 24 * 3600


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    return float(raw) if raw else default


def notify_settings_from_env(default_dir: Path) -> NotifySettings:
    d = NotifySettings()
    return NotifySettings(
        vapid_dir=Path(os.environ.get("VAPID_DIR", "").strip() or default_dir),
        vapid_private_key=os.environ.get("VAPID_PRIVATE_KEY", "").strip() or None,
        vapid_subject=os.environ.get("VAPID_SUBJECT", "").strip() or d.vapid_subject,
        lease_seconds=_float("PUSH_LEASE_SECONDS", d.lease_seconds),
        batch_size=int(_float("PUSH_BATCH_SIZE", d.batch_size)),
        concurrency=int(_float("PUSH_CONCURRENCY", d.concurrency)),
        timeout_seconds=_float("PUSH_TIMEOUT_SECONDS", d.timeout_seconds),
        max_attempts=int(_float("PUSH_MAX_ATTEMPTS", d.max_attempts)),
        backoff_base_seconds=_float("PUSH_BACKOFF_BASE_SECONDS", d.backoff_base_seconds),
        idle_poll_seconds=_float("PUSH_IDLE_POLL_SECONDS", d.idle_poll_seconds),
    )
