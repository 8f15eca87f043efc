"""The worker loop: claim → queue → N senders → outcomes written in batches.

Exactly-once, as far as a network allows: a job is sent only while it is ``pending`` and leased
to us (the claim is the status re-check; a lease about to run out is not used), and its outcome
is written with a filter on that lease, so a stale worker never overwrites a newer attempt. The
one window left is a crash after the push service accepted a message and before we recorded it:
that job is sent again after its lease expires, with the same notification id and ``Topic``,
and the service worker shows a notification id once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import secrets
import signal
import socket
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

import aiohttp
from pymongo import UpdateMany, UpdateOne
from pymongo.asynchronous.database import AsyncDatabase

from notifications.documents import DeliveryJob, JobState, PushSubscription, utcnow
from notifications.settings import NotifySettings
from notifications.vapid import VapidSigner
from notifications.worker.claimer import claim, release
from notifications.worker.outcomes import classify
from notifications.worker.sender import Answer, Sender

log = logging.getLogger("congdanso.push.worker")
T = TypeVar("T")

Periodic = tuple[float, Callable[[], Awaitable[object]]]


@dataclass
class Work:
    job: dict[str, Any]
    subscription: dict[str, Any] | None
    lease: str
    lease_until: datetime


@dataclass
class Stats:
    sent: int = 0
    failed: int = 0
    by_state: dict[str, int] = field(default_factory=dict)


class Worker:
    def __init__(
        self,
        db: AsyncDatabase[dict[str, Any]],
        settings: NotifySettings,
        signer: VapidSigner,
        periodic: Sequence[Periodic] = (),
    ) -> None:
        self.settings, self.signer, self.periodic = settings, signer, periodic
        self.jobs = db[DeliveryJob.Settings.name]
        self.subscriptions = db[PushSubscription.Settings.name]
        self.name = f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"
        self.stop = asyncio.Event()
        self.stats = Stats()
        self._batches = 0
        self._results: list[UpdateOne] = []
        self._unwritten = asyncio.Event()  # set when there are outcomes to write
        self._gone: set[str] = set()  # dropped subscriptions not yet written
        self._dropped: set[str] = set()  # every subscription dropped by this worker
        self._succeeded: set[str] = set()
        self._rng = random.Random()  # noqa: S311 - jitter, not a secret

    async def run(self) -> None:
        s = self.settings
        queue: asyncio.Queue[Work] = asyncio.Queue()
        connector = aiohttp.TCPConnector(limit=s.concurrency, ttl_dns_cache=300)
        jar = aiohttp.DummyCookieJar()  # push services set no cookies worth keeping
        async with aiohttp.ClientSession(connector=connector, cookie_jar=jar, auto_decompress=False) as http:
            sender = Sender(http, self.signer, s.timeout_seconds, s.ttl_seconds)
            senders = [asyncio.create_task(self._send_loop(queue, sender)) for _ in range(s.concurrency)]
            helpers = [asyncio.create_task(self._flush_loop())]
            helpers += [asyncio.create_task(self._every(every, task)) for every, task in self.periodic]
            log.info("push worker started", extra={"worker": self.name, "concurrency": s.concurrency})
            try:
                await self._claim_loop(queue)
            finally:
                # Graceful: unsent jobs go back at once, in-flight sends finish, outcomes are written.
                unsent: dict[str, list[str]] = {}
                while not queue.empty():
                    work = queue.get_nowait()
                    unsent.setdefault(work.lease, []).append(work.job["_id"])
                    queue.task_done()
                try:
                    for lease, ids in unsent.items():
                        await release(self.jobs, lease, ids, utcnow())
                except Exception:  # they come back when their lease runs out
                    log.exception("handing back unsent jobs failed")
                await queue.join()
                for task in senders + helpers:
                    task.cancel()
                await asyncio.gather(*senders, *helpers, return_exceptions=True)
                try:
                    await self.flush()
                except Exception:  # unrecorded jobs are sent again after their lease
                    log.exception("recording the last outcomes failed")
                log.info("push worker stopped", extra={"worker": self.name, "sent": self.stats.sent})

    async def _claim_loop(self, queue: asyncio.Queue[Work]) -> None:
        s = self.settings
        while not self.stop.is_set():
            if queue.qsize() >= s.batch_size:  # enough queued: let the senders catch up
                await self._sleep(0.01)
                continue
            now = utcnow()
            self._batches += 1
            lease = f"{self.name}:{self._batches}"
            try:
                batch = await claim(self.jobs, lease, now, s.batch_size, s.lease_seconds)
                ids = list({job["subscription_id"] for job in batch})
                found = self.subscriptions.find({"_id": {"$in": ids}}) if ids else None
                subs = {doc["_id"]: doc async for doc in found} if found is not None else {}
            except Exception:  # the database may blip; never die for it (leases bring jobs back)
                log.exception("claiming failed")
                await self._sleep(1.0)
                continue
            if not batch:
                await self._sleep(s.idle_poll_seconds)
                continue
            until = now + timedelta(seconds=s.lease_seconds)
            for job in batch:
                queue.put_nowait(Work(job, subs.get(job["subscription_id"]), lease, until))

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stop.wait(), timeout=seconds)

    async def _send_loop(self, queue: asyncio.Queue[Work], sender: Sender) -> None:
        while True:
            work = await queue.get()
            try:
                await self._deliver(work, sender)
            except Exception as exc:
                # Recorded as a failed attempt (backoff, dead-letter at max_attempts): left
                # without an outcome the job would be re-claimed at every lease expiry, forever.
                log.exception("delivery crashed", extra={"job": work.job["_id"]})
                self._outcome(work, Answer(None, error=f"{type(exc).__name__}: {exc}"[:300]))
            finally:
                queue.task_done()

    async def _deliver(self, work: Work, sender: Sender) -> None:
        job, sub = work.job, work.subscription
        margin = timedelta(seconds=self.settings.timeout_seconds + 1)
        if utcnow() + margin > work.lease_until:
            # The lease could run out mid-request (another worker may take the job then): hand
            # it back for the next claim instead of racing.
            back = {"$set": {"lease": None, "available_at": utcnow()}, "$inc": {"attempts": -1}}
            self._result(work, back)
            return
        if sub is None or sub["_id"] in self._dropped:
            self._record(work, JobState.gone, None, "the subscription was removed")
            return
        if sub["user_id"] != job["user_id"]:  # another account signed in on the device since
            self._record(work, JobState.gone, None, "the device belongs to another account now")
            return
        answer = await sender.send(
            sub["endpoint"],
            sub["p256dh"],
            sub["auth"],
            job["payload"].encode("utf-8"),
            urgency=job.get("urgency", "normal"),
            topic=job["notification_id"][:32],
        )
        self._outcome(work, answer)

    def _outcome(self, work: Work, answer: Answer) -> None:
        job = work.job
        outcome = classify(answer.status, answer.retry_after, job["attempts"], self.settings, self._rng)
        if outcome.state == JobState.done:
            self.stats.sent += 1
            self._succeeded.add(job["subscription_id"])
        else:
            self.stats.failed += 1
            log.info(
                "push not delivered",
                extra={
                    "job": job["_id"],
                    "status": answer.status,
                    "error": answer.error,
                    "next": outcome.state,
                },
            )
        if outcome.drop_subscription:
            self._gone.add(job["subscription_id"])
            self._dropped.add(job["subscription_id"])
        if outcome.state == JobState.pending:
            assert outcome.delay is not None
            update: dict[str, Any] = {
                "$set": {
                    "available_at": utcnow() + timedelta(seconds=outcome.delay),
                    "lease": None,
                    "last_status": answer.status,
                    "last_error": answer.error,
                }
            }
            if not outcome.counts_attempt:
                update["$inc"] = {"attempts": -1}
            self._result(work, update)
        else:
            self._record(work, outcome.state, answer.status, answer.error)

    def _record(self, work: Work, state: str, status: int | None, error: str | None) -> None:
        self.stats.by_state[state] = self.stats.by_state.get(state, 0) + 1
        fields = {"state": state, "lease": None, "last_status": status, "last_error": error}
        self._result(work, {"$set": {**fields, "finished_at": utcnow()}})

    def _result(self, work: Work, update: dict[str, Any]) -> None:
        self._results.append(UpdateOne(self._mine(work), update))
        self._unwritten.set()

    @staticmethod
    def _mine(work: Work) -> dict[str, Any]:
        return {"lease": work.lease, "state": JobState.pending, "_id": work.job["_id"]}

    async def _flush_loop(self) -> None:
        """Write outcomes in batches: woken by the first one, then 50 ms to gather more (no
        timer ticking while the worker is idle)."""
        while True:
            await self._unwritten.wait()
            await asyncio.sleep(0.05)
            self._unwritten.clear()
            try:
                await self.flush()
            except Exception:  # retried a second later; leases protect the jobs meanwhile
                log.exception("recording outcomes failed")
                self._unwritten.set()
                await asyncio.sleep(1.0)

    async def flush(self) -> None:
        results, self._results = self._results, []
        gone, self._gone = self._gone, set()
        succeeded, self._succeeded = self._succeeded, set()
        if results:
            try:
                await self.jobs.bulk_write(results, ordered=False)
            except Exception:
                self._results = results + self._results
                raise
        if gone:
            await self.subscriptions.delete_many({"_id": {"$in": list(gone)}})
            await self.jobs.bulk_write(
                [
                    UpdateMany(
                        {"subscription_id": sid, "state": JobState.pending},
                        {"$set": {"state": JobState.gone, "lease": None, "finished_at": utcnow()}},
                    )
                    for sid in gone
                ]
            )
        if succeeded:
            await self.subscriptions.update_many(
                {"_id": {"$in": list(succeeded)}}, {"$set": {"last_success_at": utcnow()}}
            )

    async def _every(self, seconds: float, task: Callable[[], Awaitable[object]]) -> None:
        while not self.stop.is_set():
            try:
                await task()
            except Exception:
                log.exception("periodic task failed", extra={"task": getattr(task, "__name__", "?")})
            await self._sleep(seconds)


def run_fast(main: Coroutine[Any, Any, T]) -> T:
    """Run on uvloop where it exists (less CPU per push: bench/push.py), else asyncio."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - Windows
        return asyncio.run(main)
    return uvloop.run(main)


def install_signal_handlers(worker: Worker) -> None:
    """SIGTERM and SIGINT stop claiming; the loop then drains and exits."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, worker.stop.set)
