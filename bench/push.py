"""Web Push delivery throughput against the local push peer, next to the CPU limit.

    .venv/bin/python bench/push.py [--messages 5000]

The peer (tests/push/peer.py) runs as its own process and checks/decrypts a sample of the
messages. The sender is the worker's own :class:`notifications.worker.sender.Sender` (pywebpush
async API, one shared aiohttp session, VAPID JWT cached per origin). The limit is the bare CPU
cost of what every message must cost: aes128gcm encryption (a fresh ECDH key each) plus a VAPID
signature, measured in this run; throughput is reported as a share of it.

Two ratios: wall-clock deliveries/s over the limit (needs a core for the sender and one for the
peer: on a busy machine other processes take their share), and the CPU-bound ratio, the limit's
cost over the sender's own CPU per delivered message (what the sender reaches with a core of its
own).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp
from pywebpush import WebPusher

from notifications.settings import NotifySettings
from notifications.vapid import VapidSigner, load_key
from notifications.worker.runner import run_fast
from notifications.worker.sender import Sender

PAYLOAD = json.dumps(
    {
        "id": "3f9a0c1e5b7d4e2f8a6b1c9d0e2f4a6b",
        "kind": "status_changed",
        "title": "Hồ sơ HD-2026-000123: Đã tiếp nhận",
        "body": "Hồ sơ HD-2026-000123 (Đăng ký khai sinh) đã chuyển sang trạng thái: Đã tiếp nhận.",
        "url": "/ho-so/HD-2026-000123",
        "code": "HD-2026-000123",
    },
    ensure_ascii=False,
).encode("utf-8")


class Peer:
    def __init__(self, verify_every: int) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our interpreter, our module
            [sys.executable, "-m", "tests.push.peer", "--verify-every", str(verify_every)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )

    def ask(self, command: str) -> str:
        assert self.process.stdin
        assert self.process.stdout
        if command != "":
            self.process.stdin.write(command + "\n")
            self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def stop(self) -> None:
        self.ask_quit()

    def ask_quit(self) -> None:
        assert self.process.stdin
        self.process.stdin.write("quit\n")
        self.process.stdin.flush()
        self.process.wait(10)


def cpu_limit(signer_key: Any, subscription: dict[str, Any], n: int = 2000) -> float:
    """Seconds of CPU per message for encrypt + sign, in this process, on one core."""
    start = time.process_time()
    for i in range(n):
        WebPusher(subscription).encode(PAYLOAD, "aes128gcm")
        signer_key.sign(
            {"sub": "mailto:bench@example.vn", "aud": "http://127.0.0.1", "exp": 2_000_000_000 + i}
        )
    return (time.process_time() - start) / n


async def deliver(
    sender: Sender, subs: list[dict[str, Any]], messages: int, concurrency: int
) -> tuple[float, int]:
    ok = 0
    next_index = 0

    async def one_worker() -> None:
        nonlocal ok, next_index
        while next_index < messages:
            i = next_index
            next_index += 1
            sub = subs[i % len(subs)]
            answer = await sender.send(
                sub["endpoint"],
                sub["keys"]["p256dh"],
                sub["keys"]["auth"],
                PAYLOAD,
                urgency="normal",
                topic=f"b{i}",
            )
            ok += answer.status == 201

    start, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(one_worker() for _ in range(concurrency)))
    return time.perf_counter() - start, ok, time.process_time() - cpu


async def run(
    messages: int, levels: list[int], subs: list[dict[str, Any]], signer: VapidSigner
) -> list[tuple[int, float, int, float]]:
    results = []
    for concurrency in levels:
        connector = aiohttp.TCPConnector(limit=concurrency)
        jar = aiohttp.DummyCookieJar()
        async with aiohttp.ClientSession(connector=connector, cookie_jar=jar, auto_decompress=False) as http:
            sender = Sender(http, signer, timeout_seconds=30, ttl=3600)
            await deliver(sender, subs, min(200, messages), concurrency)  # warm up connections
            elapsed, ok, cpu = await deliver(sender, subs, messages, concurrency)
        results.append((concurrency, elapsed, ok, cpu))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--levels", default="1,50,200")
    parser.add_argument("--verify-every", type=int, default=10, help="the peer checks and decrypts 1 in N")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]

    peer = Peer(args.verify_every)
    try:
        port = int(peer.ask("").split()[1])
        subs = [json.loads(peer.ask("sub")) for _ in range(20)]
        with tempfile.TemporaryDirectory() as tmp:
            key = load_key(NotifySettings(vapid_dir=Path(tmp)), create=True)
        signer = VapidSigner(key, "mailto:bench@example.vn")
        per_message = cpu_limit(key, subs[0])
        limit = 1 / per_message
        results = run_fast(run(args.messages, levels, subs, signer))
        checked = json.loads(peer.ask("checked"))
    finally:
        peer.stop()

    print(f"Web Push delivery to the local peer (127.0.0.1:{port}), {args.messages} messages per level")
    print(f"  load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    cost = f"{per_message * 1e6:.0f} µs/message = {limit:,.0f} msg/s"
    print(f"  CPU limit (aes128gcm encrypt + ES256 VAPID sign): {cost}")
    print(
        f"  {'concurrency':>11}  {'delivered':>9}  {'msg/s':>8}  {'of limit':>8}"
        f"  {'sender CPU/msg':>14}  {'CPU-bound ratio':>15}"
    )
    for concurrency, elapsed, ok, cpu in results:
        rate, cost = ok / elapsed, cpu / ok
        print(
            f"  {concurrency:>11}  {ok:>9}  {rate:>8,.0f}  {rate / limit:>8.0%}  {cost * 1e6:>11.0f} µs"
            f"  {per_message / cost:>15.0%}"
        )
    sample = f"{checked['decrypted']} (1 in {args.verify_every})"
    print(f"  peer checked and decrypted {sample}, refused {checked['refused']}")
    for c, elapsed, ok, cpu in results:
        if c == 50:
            wall, bound = ok / elapsed / limit, per_message / (cpu / ok)
            verdict = "met" if wall >= 0.7 else "NOT met"
            shares = f"{wall:.0%} wall, {bound:.0%} CPU-bound"
            print(f"  target ≥ 70% of the limit at concurrency 50: {verdict} ({shares})")


if __name__ == "__main__":
    main()
