"""What a push service's answer means for the job (RFC 8030 + what providers really send)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from notifications.settings import NotifySettings

DEFAULT_RETRY_AFTER = 60.0
MAX_RETRY_AFTER = 24 * 3600.0


@dataclass(frozen=True)
class Outcome:
    state: str  # the JobState to record
    delay: float | None = None  # seconds until the next try, when it is retried
    drop_subscription: bool = False
    counts_attempt: bool = True  # a 429 is the service's pace, not our failure


def backoff(attempt: int, settings: NotifySettings, rng: random.Random) -> float:
    """``base * 2**(attempt-1)`` plus up to ``jitter`` of it (spreads a thundering herd), capped."""
    exponential: float = settings.backoff_base_seconds * 2.0 ** max(attempt - 1, 0)
    delay = min(exponential, settings.backoff_cap_seconds)
    return delay * (1 + settings.backoff_jitter * rng.random())


def parse_retry_after(value: str | None, now: datetime | None = None) -> float:
    """Seconds from a ``Retry-After`` header (delta-seconds or HTTP-date), within sane bounds."""
    if not value:
        return DEFAULT_RETRY_AFTER
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def classify(
    status: int | None,
    retry_after: str | None,
    attempts: int,
    settings: NotifySettings,
    rng: random.Random,
) -> Outcome:
    """``status`` None means no answer (timeout, connection refused or reset)."""
    if status is not None and 200 <= status < 300:
        return Outcome("done")
    if status in (404, 410):
        return Outcome("gone", drop_subscription=True)
    if status == 429:
        return Outcome("pending", delay=parse_retry_after(retry_after), counts_attempt=False)
    if status is not None and status < 500:
        return Outcome("rejected")  # 400, 401, 403, 413: sending again cannot help
    if attempts >= settings.max_attempts:
        return Outcome("dead")
    return Outcome("pending", delay=backoff(attempts, settings, rng))
