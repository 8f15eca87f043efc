"""Catalogue search latency: the API over HTTP next to the raw PyMongo aggregate, same server, same run.

    .venv/bin/python bench/catalogue.py [--requests 300]

Prints p50/p95 in milliseconds and the API/raw ratio for a few typical queries.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from pymongo import MongoClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.catalogue.search import min_matches, query_words
from backend.embedded_db import EmbeddedMongo
from backend.settings import AuthSettings, DatabaseSettings, Settings
from tests.support import LiveServer, seed

QUERIES = ["khai sinh", "giay phep xay dung", "ly lich tu phap", "dang ky", "đổi bằng lái xe"]


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def raw_pipeline(q: str) -> list[dict[str, object]]:
    words = query_words(q)
    return [
        {"$match": {"search_terms": {"$in": words}}},
        {"$addFields": {"_matched": {"$size": {"$setIntersection": ["$search_terms", words]}}}},
        {"$match": {"_matched": {"$gte": min_matches(len(words))}}},
        {"$sort": {"_matched": -1, "code": 1}},
        {"$limit": 21},
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, EmbeddedMongo(Path(tmp) / "db") as mongo:
        settings = Settings(
            env="bench",
            log_level="WARNING",
            db=DatabaseSettings(uri=mongo.uri, name="bench"),
            auth=AuthSettings(key_dir=Path(tmp) / "keys", password_profile="cheapest"),
        )
        seed(settings, demo_accounts=False)
        server = LiveServer(settings).start()
        raw = MongoClient(mongo.uri)["bench"]["procedures"]
        print(f"{'query':<22} {'API p50':>8} {'p95':>7} {'raw p50':>8} {'p95':>7} {'ratio p50':>9}")
        try:
            with httpx.Client(base_url=server.url) as client:
                for q in QUERIES:
                    api, direct = [], []
                    for _ in range(args.requests):
                        t = time.perf_counter()
                        client.get("/api/v1/procedures", params={"q": q}).raise_for_status()
                        api.append(time.perf_counter() - t)
                        t = time.perf_counter()
                        list(raw.aggregate(raw_pipeline(q)))
                        direct.append(time.perf_counter() - t)
                    (a50, a95), (r50, r95) = percentiles(api), percentiles(direct)
                    print(f"{q:<22} {a50:8.2f} {a95:7.2f} {r50:8.2f} {r95:7.2f} {a50 / r50:9.2f}")
        finally:
            server.stop()
            raw.database.client.close()


if __name__ == "__main__":
    main()
