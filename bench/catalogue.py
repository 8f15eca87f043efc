"""Catalogue search latency: the API over HTTP next to the raw PyMongo aggregate, same server, same run.

    .venv/bin/python bench/catalogue.py [--requests 300]

Prints p50/p95 in milliseconds and the API/raw ratio for a few typical queries.
"""

from __future__ import annotations

import argparse

from harness import ms, running_app, timed

from backend.catalogue.search import min_matches, query_words

QUERIES = ["khai sinh", "giay phep xay dung", "ly lich tu phap", "dang ky", "đổi bằng lái xe"]


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
    with running_app(demo_accounts=False) as (api, raw):
        print(f"{'query':<22} {'API p50':>8} {'p95':>7} {'raw p50':>8} {'p95':>7} {'ratio p50':>9}")
        for q in QUERIES:
            params = {"q": q}
            pipeline = raw_pipeline(q)
            via_api = timed(
                lambda p=params: api.get("/api/v1/procedures", params=p).raise_for_status(), args.requests
            )
            direct = timed(lambda p=pipeline: list(raw.procedures.aggregate(p)), args.requests)
            a50, a95, r50, r95 = ms(via_api, 0.5), ms(via_api, 0.95), ms(direct, 0.5), ms(direct, 0.95)
            print(f"{q:<22} {a50:8.2f} {a95:7.2f} {r50:8.2f} {r95:7.2f} {a50 / r50:9.2f}")


if __name__ == "__main__":
    main()
