"""Quiet hours in Asia/Ho_Chi_Minh: when a held push may go out."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from notifications.errors import NotifyError

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def parse_hhmm(value: str, field: str) -> time:
    match = _HHMM.match(value)
    if not match:
        raise NotifyError(
            "invalid-quiet-hours",
            vi="Giờ yên lặng phải có dạng HH:MM (00:00–23:59).",
            en="Quiet hours must be HH:MM (00:00-23:59).",
            field=field,
        )
    return time(int(match.group(1)), int(match.group(2)))


def release_time(now: datetime, start: str, end: str) -> datetime | None:
    """If ``now`` falls in the quiet window [start, end) local time, when it ends; else ``None``.

    A window may cross midnight (22:00–06:30). ``start == end`` means no quiet hours.
    """
    begin, finish = parse_hhmm(start, "quiet_hours.start"), parse_hhmm(end, "quiet_hours.end")
    if begin == finish:
        return None
    local = now.astimezone(LOCAL_TZ)
    t = local.time().replace(tzinfo=None)
    crosses_midnight = begin > finish
    inside = (begin <= t or t < finish) if crosses_midnight else (begin <= t < finish)
    if not inside:
        return None
    day = local.date()
    if crosses_midnight and t >= begin:
        day += timedelta(days=1)
    return datetime.combine(day, finish, tzinfo=LOCAL_TZ).astimezone(now.tzinfo)
