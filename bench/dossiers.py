"""Dossier API latency at 10k and 100k dossiers, next to the raw PyMongo operation, same server, same run.

    .venv/bin/python bench/dossiers.py [--sizes 10000 100000] [--requests 200]

For GET /dossiers/{code}, list-mine, submit and transition it prints p50/p95 in milliseconds for
the API (over HTTP, with auth, validation, the transaction, history, audit and outbox) and for the
bare PyMongo operation that stores or reads the same thing, and their ratio.
"""

from __future__ import annotations

import argparse
import time
import uuid
from typing import Any

import httpx
from harness import ms, running_app, timed

from backend.catalogue.samples import example_form
from tests.support import login

WARD = "HD.TPHD.TRANHUNGDAO"


def fill(coll: Any, template: dict[str, Any], target: int, owner: str) -> None:
    """Bulk-insert copies of a real dossier until the collection holds ``target`` documents."""
    have = coll.count_documents({})
    batch: list[dict[str, Any]] = []
    for i in range(have, target):
        doc = {k: v for k, v in template.items() if k != "_id"}
        code = f"HD-2025-{i:06d}"
        doc.update(code=code, applicant_id=owner if i % 2000 == 0 else f"filler-{i % 5000}")
        doc["list_key"] = f"2025-01-01T00:00:{i % 60:02d}|{code}"
        doc["queue_key"] = f"0000|{code}"
        batch.append(doc)
        if len(batch) == 2000:
            coll.insert_many(batch, ordered=False)
            batch = []
    if batch:
        coll.insert_many(batch, ordered=False)


class Bench:
    """One running API and a raw client on the same server."""

    def __init__(self, api: httpx.Client, raw: Any) -> None:
        self.api, self.raw = api, raw
        self.an = login(api, "0900000001", "congdan-demo-1")
        self.binh = login(api, "0900000011", "canbo-demo-1")
        form = example_form(api.get("/api/v1/procedures/HT-KS").json()["form_schema"])
        self.body = {"procedure_code": "HT-KS", "agency_code": WARD, "form_data": form}
        template = raw.dossiers.find_one({"code": self.submit()["code"]})
        assert template is not None
        self.template: dict[str, Any] = template
        self.version = template["version"]

    def submit(self) -> dict[str, Any]:
        headers = {**self.an.headers, "Idempotency-Key": uuid.uuid4().hex}
        response = self.api.post("/api/v1/dossiers", json=self.body, headers=headers)
        response.raise_for_status()
        return dict(response.json())

    def accept(self, dossier: dict[str, Any]) -> None:
        headers = {
            **self.binh.headers,
            "Idempotency-Key": uuid.uuid4().hex,
            "If-Match": f'"{dossier["version"]}"',
        }
        url = f"/api/v1/dossiers/{dossier['code']}/transitions"
        self.api.post(url, json={"action": "accept"}, headers=headers).raise_for_status()

    def raw_transition(self) -> None:
        self.raw.dossiers.update_one(
            {"code": self.template["code"], "version": self.version}, {"$inc": {"version": 1}}
        )
        self.version += 1

    def run(self, n: int) -> dict[str, tuple[list[float], list[float]]]:
        code, mine = self.template["code"], self.an.user["id"]
        copy = {k: v for k, v in self.template.items() if k != "_id"}
        rows = {
            "get": (
                timed(
                    lambda: self.api.get(
                        f"/api/v1/dossiers/{code}", headers=self.an.headers
                    ).raise_for_status(),
                    n,
                ),
                timed(lambda: self.raw.dossiers.find_one({"code": code}), n),
            ),
            "list-mine": (
                timed(
                    lambda: self.api.get("/api/v1/dossiers", headers=self.an.headers).raise_for_status(), n
                ),
                timed(
                    lambda: list(
                        self.raw.dossiers.find({"applicant_id": mine}).sort("list_key", -1).limit(21)
                    ),
                    n,
                ),
            ),
        }
        fresh: list[dict[str, Any]] = []
        rows["submit"] = (
            timed(lambda: fresh.append(self.submit()), n),
            timed(lambda: self.raw.bench_copy.insert_one(dict(copy)), n),
        )
        pending = iter(fresh)
        rows["transition"] = (timed(lambda: self.accept(next(pending)), n), timed(self.raw_transition, n))
        return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with running_app(demo_accounts=True) as (api, raw):
        bench = Bench(api, raw)
        header = ("dossiers", "operation", "API p50", "p95", "raw p50", "p95", "ratio")
        print("{:>8} {:<11} {:>8} {:>7} {:>8} {:>7} {:>6}".format(*header))
        for size in args.sizes:
            started = time.perf_counter()
            fill(raw.dossiers, bench.template, size, bench.an.user["id"])
            print(f"# filled to {size} dossiers in {time.perf_counter() - started:.1f}s", flush=True)
            for name, (api_t, raw_t) in bench.run(args.requests).items():
                a50, r50 = ms(api_t, 0.5), ms(raw_t, 0.5)
                line = (size, name, a50, ms(api_t, 0.95), r50, ms(raw_t, 0.95), a50 / r50)
                print("{:>8} {:<11} {:8.2f} {:7.2f} {:8.2f} {:7.2f} {:6.1f}".format(*line), flush=True)


if __name__ == "__main__":
    main()
