"""Leader dashboard queries at 100k and 1M dossiers, next to raw baselines, same server, same run.

    .venv/bin/python bench/kpi.py [--sizes 100000 1000000] [--requests 30]

Fills the dossiers collection (bulk copies of a real dossier, spread over the province's agencies,
months, channels and outcomes) and the KPI counters as the transaction hooks would have left them,
then times over HTTP, as a leader: the province KPI report for a year, the drill-down to the
districts, the officials' ranking and a dossier list page. Baselines: the raw PyMongo read of
the same counter documents (the floor), and the aggregation over the dossiers that the counters
replace (the online/desk split of the province for the year), run a few times only.
To fill 1M dossiers in minutes rather than an hour (the embedded server's inserts are Python and
the dossiers carry 16 indexes), the bench keeps only the indexes the measured queries use
(``code_unique``, ``subtree_list``, ``agency_list``); the counters are untouched.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import zlib
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from harness import ms, running_app, timed

from backend.calendar.service import LOCAL_TZ
from backend.catalogue.samples import example_form
from backend.stats.documents import SHARDS
from tests.support import login

WARD = "HD.TPHD.TRANHUNGDAO"
YEAR = {"from": "2026-01", "to": "2026-12"}


def template(api: httpx.Client) -> dict[str, Any]:
    an = login(api, "0900000001", "congdan-demo-1")
    form = example_form(api.get("/api/v1/procedures/HT-KS").json()["form_schema"])
    body = {"procedure_code": "HT-KS", "agency_code": WARD, "form_data": form}
    made = api.post(
        "/api/v1/dossiers", json=body, headers={**an.headers, "Idempotency-Key": "bench-kpi-template"}
    )
    assert made.status_code == 201, made.text
    return dict(made.json())


def fill(
    raw: Any, target: int, counters: dict[tuple[str, ...], dict[str, int]], seed_doc: dict[str, Any]
) -> None:
    """Insert dossiers up to ``target`` and add what each one counts to ``counters``."""
    agencies = [a for a in raw.agencies.find({}, {"code": 1, "level": 1, "ancestors": 1, "kind": 1})]
    weights = [6 if a["level"] == "commune" else 3 if a["level"] == "district" else 1 for a in agencies]
    share = {"province": 0.92, "district": 0.82, "commune": 0.72}
    rng = random.Random(target)
    coll, have = raw.dossiers, raw.dossiers.count_documents({})
    for name in list(coll.index_information()):
        if name not in ("_id_", "code_unique", "subtree_list", "agency_list"):
            coll.drop_index(name)
    base = {k: v for k, v in seed_doc.items() if k not in ("_id",)}
    batch: list[dict[str, Any]] = []
    started = time.perf_counter()
    for i in range(have, target):
        agency = rng.choices(agencies, weights)[0]
        path = [*agency["ancestors"], agency["code"]]
        month = rng.randint(1, 11)
        submitted = datetime(2026, month, rng.randint(1, 28), 2, 0, tzinfo=UTC)
        online = rng.random() < share[agency["level"]]
        finished = rng.random() < 0.8
        outcome = rng.choices(["early", "on_time", "late"], [70, 25, 5])[0] if finished else None
        due = submitted + timedelta(days=5)
        done = {
            "early": due - timedelta(days=2),
            "on_time": due - timedelta(hours=1),
            "late": due + timedelta(days=1),
        }
        code = f"HD-2026-{i + 1:07d}"
        official = f"{agencies.index(agency) * 8 + i % 5:024x}"  # five officials per agency
        doc = {
            **base,
            "code": code,
            "agency_code": agency["code"],
            "agency_path": path,
            "channel": "online" if online else "desk",
            "applicant_id": f"bench-{i % 50_000}",
            "status": "completed" if finished else "in_processing",
            "is_open": not finished,
            "assignee_id": official,
            "submitted_at": submitted,
            "received_at": submitted,
            "due_at": due,
            "finished_at": done[outcome] if outcome else None,
            "list_key": f"{submitted.isoformat()}|{code}",
            "queue_key": f"{due.isoformat()}|{code}",
            "history": [],
        }
        batch.append(doc)
        period, shard = submitted.astimezone(LOCAL_TZ).strftime("%Y-%m"), zlib.crc32(code.encode()) % SHARDS
        for scope in path:
            c = counters[(scope, period, agency["level"], str(shard))]
            c["received_online" if online else "received_desk"] += 1
            if outcome:
                c["finished"] += 1
                c[outcome] += 1
                c["results_digital"] += 1
                if rng.random() < 0.4:
                    c["ratings"] += 1
                    c[rng.choices(["very_satisfied", "satisfied", "unsatisfied"], [60, 36, 4])[0]] += 1
        if outcome:
            o = counters[("official", official, period, agency["code"], *path)]
            o["handled"] += 1
            o[outcome] += 1
        if len(batch) == 5000:
            coll.insert_many(batch, ordered=False)
            batch = []
            if (i + 1) % 100_000 == 0:
                rate = (i + 1 - have) / (time.perf_counter() - started)
                print(f"  {i + 1:>9,} dossiers ({rate:,.0f}/s)", file=sys.stderr, flush=True)
    if batch:
        coll.insert_many(batch, ordered=False)


def write_counters(raw: Any, counters: dict[tuple[str, ...], dict[str, int]]) -> None:
    """The counter documents, as the hooks keep them (replaced whole: they are cumulative)."""
    raw.kpi_counters.delete_many({"scope": {"$exists": True}})
    raw.kpi_officials.delete_many({"official_id": {"$exists": True}})
    scopes, officials = [], []
    for key, counts in counters.items():
        if key[0] == "official":
            _, official, period, agency, *path = key
            who = {"official_id": official, "name": f"Cán bộ {official[-4:]}", "position": None}
            officials.append(
                {**who, "period": period, "agency_code": agency, "agency_path": path, "counts": counts}
            )
        else:
            scope, period, level, shard = key
            scopes.append(
                {
                    "scope": scope,
                    "period": period,
                    "level": level,
                    "shard": int(shard),
                    "counts": dict(counts),
                }
            )
    for docs, coll in ((scopes, raw.kpi_counters), (officials, raw.kpi_officials)):
        for i in range(0, len(docs), 5000):
            coll.insert_many(docs[i : i + 5000], ordered=False)


def row(name: str, api: list[float], base: list[float] | None) -> str:
    line = f"{name:<34} {ms(api, 0.5):>9.1f} {ms(api, 0.95):>9.1f}"
    if base:
        line += f" {ms(base, 0.5):>12.2f} {ms(api, 0.5) / ms(base, 0.5):>8.1f}x"
    return line


def measure(api: httpx.Client, raw: Any, n: int, size: int) -> None:
    boss = login(api, "0900000021", "lanhdao-demo-1")

    def get(path: str, **params: str) -> None:
        response = api.get(path, params={**YEAR, **params}, headers=boss.headers)
        assert response.status_code == 200, response.text

    def raw_counters() -> None:
        list(
            raw.kpi_counters.find(
                {"scope": "HD", "period": {"$gte": "2026-01", "$lt": "2027-01"}}, {"_id": 0}
            )
        )

    def raw_children() -> None:
        for code in [a["code"] for a in raw.agencies.find({"parent_code": "HD"}, {"code": 1})]:
            list(
                raw.kpi_counters.find(
                    {"scope": code, "period": {"$gte": "2026-01", "$lt": "2027-01"}}, {"_id": 0}
                )
            )

    def raw_officials() -> None:
        list(raw.kpi_officials.find({"agency_path": "HD", "period": {"$gte": "2026-01", "$lt": "2027-01"}}))

    def raw_page() -> None:
        list(raw.dossiers.find({"agency_path": "HD.TPHD"}).sort("list_key", -1).limit(21))

    def aggregate() -> None:
        start, end = datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
        pipeline = [
            {"$match": {"agency_path": "HD", "received_at": {"$gte": start, "$lt": end}}},
            {"$group": {"_id": "$channel", "n": {"$sum": 1}}},
        ]
        list(raw.dossiers.aggregate(pipeline))

    for fn in (raw_counters, lambda: get("/api/v1/stats/kpis")):
        fn()  # warm up
    print(
        f"\n{size:,} dossiers, {raw.kpi_counters.count_documents({}):,} counter documents, {n} requests each"
    )
    print(f"{'p50/p95 ms':<34} {'API p50':>9} {'API p95':>9} {'raw p50':>12} {'ratio':>9}")
    kpis = timed(lambda: get("/api/v1/stats/kpis"), n)
    print(row("GET /stats/kpis (province, year)", kpis, timed(raw_counters, n)))
    print(
        row(
            "GET /stats/agencies (districts)",
            timed(lambda: get("/api/v1/stats/agencies"), n),
            timed(raw_children, n),
        )
    )
    print(
        row(
            "GET /stats/officials (ranking)",
            timed(lambda: get("/api/v1/stats/officials"), n),
            timed(raw_officials, n),
        )
    )

    def raw_leaf_page() -> None:
        list(raw.dossiers.find({"agency_code": WARD}).sort("list_key", -1).limit(21))

    leaf = timed(lambda: get("/api/v1/stats/dossiers", agency=WARD), n)
    print(row("GET /stats/dossiers (a ward, page)", leaf, timed(raw_leaf_page, n)))
    few = min(n, 3)  # the subtree list sorts a multikey index's matches: slow, measured a few times
    page = timed(lambda: get("/api/v1/stats/dossiers", agency="HD.TPHD"), few)
    print(row("GET /stats/dossiers (a city, page)", page, timed(raw_page, few)))
    scans = timed(aggregate, 3 if size <= 200_000 else 1)
    print(f"{'aggregation over dossiers (no counters)':<34} {ms(scans, 0.5):>9.1f} ms: "
          f"{ms(scans, 0.5) / ms(kpis, 0.5):,.0f}x the counter-based /stats/kpis")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with running_app(demo_accounts=True) as (api, raw):
        seed_doc = raw.dossiers.find_one({"code": template(api)["code"]})
        assert seed_doc is not None
        counters: dict[tuple[str, ...], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for size in sorted(args.sizes):
            started = time.perf_counter()
            fill(raw, size, counters, seed_doc)
            write_counters(raw, counters)
            print(f"(filled to {size:,} in {time.perf_counter() - started:,.0f} s)", file=sys.stderr)
            measure(api, raw, args.requests, size)


if __name__ == "__main__":
    main()
