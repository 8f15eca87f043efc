"""The pure parts: quiet hours, outcome rules, texts, VAPID caching, and the package boundary."""

from __future__ import annotations

import ast
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from notifications.quiet import LOCAL_TZ, release_time
from notifications.settings import NotifySettings
from notifications.texts import TEMPLATES, Kind, render
from notifications.vapid import VapidSigner, load_key, public_key_b64
from notifications.worker.outcomes import backoff, classify, parse_retry_after
from tests.push.peer import Rejected, verify_vapid

S = NotifySettings(max_attempts=5, backoff_base_seconds=2.0, backoff_jitter=0.5)


def local(hour: int, minute: int = 0, day: int = 24) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=LOCAL_TZ).astimezone(UTC)


@pytest.mark.parametrize(
    ("now", "start", "end", "expected"),
    [
        (local(23, 0), "22:00", "06:30", local(6, 30, 25)),  # before midnight: next morning
        (local(2, 0), "22:00", "06:30", local(6, 30)),  # after midnight: this morning
        (local(6, 30), "22:00", "06:30", None),  # the window's end is outside it
        (local(12, 0), "22:00", "06:30", None),
        (local(13, 0), "12:00", "14:00", local(14, 0)),  # a same-day window (a siesta)
        (local(9, 0), "08:00", "08:00", None),  # start == end: no quiet hours
    ],
)
def test_quiet_hours(now: datetime, start: str, end: str, expected: datetime | None) -> None:
    assert release_time(now, start, end) == expected


def test_outcomes_follow_the_status() -> None:
    rng = random.Random(1)
    assert classify(201, None, 1, S, rng).state == "done"
    for status in (404, 410):
        outcome = classify(status, None, 1, S, rng)
        assert (outcome.state, outcome.drop_subscription) == ("gone", True)
    assert classify(413, None, 1, S, rng).state == "rejected"
    assert classify(400, None, 1, S, rng).state == "rejected"
    limited = classify(429, "120", 3, S, rng)
    assert (limited.state, limited.delay, limited.counts_attempt) == ("pending", 120.0, False)
    assert classify(500, None, 4, S, rng).state == "pending"
    assert classify(503, None, 5, S, rng).state == "dead"  # the dead letter after max_attempts
    assert classify(None, None, 5, S, rng).state == "dead"  # timeouts too


def test_backoff_grows_exponentially_with_bounded_jitter() -> None:
    rng = random.Random(3)
    for attempt, base in [(1, 2.0), (2, 4.0), (3, 8.0), (5, 32.0)]:
        delays = [backoff(attempt, S, rng) for _ in range(50)]
        assert all(base <= d <= base * 1.5 for d in delays)
        assert len(set(delays)) > 1  # jittered
    assert backoff(30, S, rng) <= S.backoff_cap_seconds * 1.5


def test_retry_after_seconds_or_http_date() -> None:
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    assert parse_retry_after("30", now) == 30
    assert parse_retry_after("Tue, 24 Nov 2026 12:01:00 GMT", now) == 60
    assert parse_retry_after(None, now) == 60  # no header: a sane default
    assert parse_retry_after("soon", now) == 60
    assert parse_retry_after("999999999", now) == 24 * 3600  # bounded


def test_every_text_names_the_dossier_and_the_procedure_in_both_languages() -> None:
    values = {
        "code": "HD-2026-000042",
        "procedure": ("Đăng ký khai sinh", "Birth registration"),
        "status": ("Đang xử lý", "In processing"),
        "items": "CCCD",
        "date": "25/11/2026",
        "agency": ("UBND phường Trần Hưng Đạo", "Tran Hung Dao ward"),
    }
    assert set(TEMPLATES) == set(Kind)
    for kind in Kind:
        for lang, procedure in (("vi", "Đăng ký khai sinh"), ("en", "Birth registration")):
            title, body = render(kind, lang, values)
            assert "HD-2026-000042" in title
            assert procedure in body


def test_vapid_jwt_is_signed_once_per_origin_and_verifies(tmp_path: Path) -> None:
    key = load_key(NotifySettings(vapid_dir=tmp_path), create=True)
    assert load_key(NotifySettings(vapid_dir=tmp_path), create=False).private_pem() == key.private_pem()
    signer = VapidSigner(key, "mailto:hotro@example.vn")
    now = 1_800_000_000.0
    first = signer.header("https://fcm.googleapis.com/fcm/send/abc", now)
    assert signer.header("https://fcm.googleapis.com/fcm/send/other", now + 60) == first  # cached
    other = signer.header("https://updates.push.services.mozilla.com/wpush/v2/x", now)
    assert other != first
    claims = verify_vapid(first, "https://fcm.googleapis.com", now + 60, public_key_b64(key))
    assert claims["sub"] == "mailto:hotro@example.vn"
    assert claims["exp"] <= now + 24 * 3600
    with pytest.raises(Rejected):
        verify_vapid(first, "https://other.example", now, public_key_b64(key))
    renewed = signer.header("https://fcm.googleapis.com/x", now + 12 * 3600)  # an hour before expiry
    assert renewed != first
    with pytest.raises(FileNotFoundError):
        load_key(NotifySettings(vapid_dir=tmp_path / "none"), create=False)


def test_notifications_never_imports_backend(project_root: Path) -> None:
    """The package boundary, statically (every import) and at run time (a fresh interpreter)."""
    for path in (project_root / "notifications").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not [n for n in names if n.split(".")[0] == "backend"], f"{path} imports backend"
    modules = [f"notifications.{p.stem}" for p in (project_root / "notifications").glob("*.py")]
    modules += [
        f"notifications.worker.{p.stem}" for p in (project_root / "notifications" / "worker").glob("*.py")
    ]
    code = f"import sys, importlib; [importlib.import_module(m) for m in {modules!r}]; " + (
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'backend'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=project_root
    )
    assert out.stdout.strip() == "[]"


def test_released_time_is_in_the_future_for_a_held_push() -> None:
    now = local(23, 59)
    released = release_time(now, "22:00", "06:00")
    assert released is not None
    assert released - now == timedelta(hours=6, minutes=1)


def test_a_crash_while_sending_is_a_failed_attempt_not_a_lost_job(tmp_path: Path) -> None:
    """Without an outcome the job stays leased; every lease expiry re-claims it and it is never
    dead-lettered. A crash (here: a subscription key that is no P-256 point, so encryption
    raises) must count as an attempt and release the job with a backoff."""
    import asyncio

    import aiohttp
    from pymongo import AsyncMongoClient

    from notifications.worker.runner import Work, Worker
    from notifications.worker.sender import Sender

    async def main() -> list[Any]:
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient("mongodb://127.0.0.1:9", connect=False)
        db = client["t"]  # never reached: the crash happens before any write
        signer = VapidSigner(load_key(NotifySettings(vapid_dir=tmp_path), create=True), "mailto:a@b.c")
        worker = Worker(db, S, signer)
        job = {"_id": "n.s", "subscription_id": "s", "notification_id": "n" * 32, "payload": "{}"}
        job |= {"attempts": 1, "user_id": "u"}
        sub = {"_id": "s", "endpoint": "http://127.0.0.1:9/push/x", "auth": "YXV0aA", "user_id": "u"}
        sub["p256dh"] = "bm90LWEta2V5"  # "not-a-key"
        queue: asyncio.Queue[Work] = asyncio.Queue()
        queue.put_nowait(Work(job, sub, "lease-1", datetime.now(UTC) + timedelta(seconds=600)))
        async with aiohttp.ClientSession() as http:
            task = asyncio.create_task(worker._send_loop(queue, Sender(http, signer, 1.0, 60)))
            await queue.join()
            task.cancel()
        return worker._results

    [update] = asyncio.run(main())
    assert update._filter == {"lease": "lease-1", "state": "pending", "_id": "n.s"}
    assert update._doc["$set"]["lease"] is None
    assert update._doc["$set"]["last_error"]
    assert update._doc["$set"]["available_at"] > datetime.now(UTC)


def test_the_peer_stops_cleanly_with_a_request_still_hanging() -> None:
    """A scripted "hang" used to keep the peer's thread in ``cleanup()`` past ``stop()``; the
    interpreter then destroyed its pending tasks at exit."""
    import httpx

    from tests.push.peer import PushPeer

    peer = PushPeer().start()
    with pytest.raises(httpx.TimeoutException):
        httpx.post(peer.subscription(["hang"])["endpoint"], content=b"x", timeout=0.3)
    peer.stop()
    assert peer._thread is not None
    assert not peer._thread.is_alive()


def test_the_appointment_reminder_names_the_day_and_never_says_tomorrow() -> None:
    """It is sent on the last working day before the appointment: on a Friday for a Monday, or
    before a holiday, "tomorrow" would send the citizen to a closed office."""
    values: dict[str, str | tuple[str, str]] = {"code": "HD-2026-000042", "date": "30/11/2026"}
    values |= {"procedure": ("Khai sinh", "Birth"), "agency": ("UBND phường", "Ward")}
    for lang, tomorrow in (("vi", "mai"), ("en", "tomorrow")):
        title, body = render(Kind.appointment_reminder, lang, values)
        assert "30/11/2026" in body
        assert tomorrow not in (title + body).lower()


def test_a_stop_with_the_database_down_still_ends_cleanly(tmp_path: Path) -> None:
    """SIGTERM while the database is unreachable: the last outcomes cannot be written (those jobs
    come back after their lease), but the worker must still stop its senders and return."""
    import asyncio

    from pymongo import AsyncMongoClient, UpdateOne

    from notifications.worker.runner import Worker

    async def main() -> None:
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
            "mongodb://127.0.0.1:9", connect=False, serverSelectionTimeoutMS=200
        )
        signer = VapidSigner(load_key(NotifySettings(vapid_dir=tmp_path), create=True), "mailto:a@b.c")
        worker = Worker(client["t"], NotifySettings(concurrency=2), signer)
        worker._results.append(UpdateOne({"_id": "n.s"}, {"$set": {"state": "done"}}))
        worker.stop.set()
        try:
            await worker.run()
        finally:
            await client.close()

    asyncio.run(main())


def test_a_job_is_not_sent_to_a_device_that_moved_to_another_account(tmp_path: Path) -> None:
    """Another account signed in on the device after the job was claimed (registering cancels
    the old account's jobs, but this one was already leased): it must not reach that device."""
    import asyncio

    import aiohttp
    from pymongo import AsyncMongoClient

    from notifications.worker.runner import Work, Worker
    from notifications.worker.sender import Sender

    async def main() -> list[Any]:
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient("mongodb://127.0.0.1:9", connect=False)
        signer = VapidSigner(load_key(NotifySettings(vapid_dir=tmp_path), create=True), "mailto:a@b.c")
        worker = Worker(client["t"], S, signer)
        job = {"_id": "n.s", "subscription_id": "s", "notification_id": "n" * 32, "payload": "{}"}
        job |= {"attempts": 1, "user_id": "old-account"}
        sub = {"_id": "s", "endpoint": "http://127.0.0.1:9/push/x", "user_id": "new-account"}
        queue: asyncio.Queue[Work] = asyncio.Queue()
        queue.put_nowait(Work(job, sub, "lease-1", datetime.now(UTC) + timedelta(seconds=600)))
        async with aiohttp.ClientSession() as http:
            task = asyncio.create_task(worker._send_loop(queue, Sender(http, signer, 1.0, 60)))
            await queue.join()
            task.cancel()
        return worker._results

    [update] = asyncio.run(main())
    assert update._doc["$set"]["state"] == "gone"
