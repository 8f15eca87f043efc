"""KPI counters (Decision 766), kept up to date in the same transaction as the change they count.

A dossier, rating or report adds to one :class:`KpiCounter` per agency on its ``agency_path``
(so a province's figure is one read, not a scan of its subtree), split by the level of the
agency that handles it (the 90/80/70% online targets are per level) and by local month. Each
key is spread over ``SHARDS`` documents so that concurrent transactions seldom touch the same
counter (a conflict would abort and retry one of them).
"""

from __future__ import annotations

import pymongo
from beanie import Document
from pymongo import IndexModel

ASC = pymongo.ASCENDING
SHARDS = 4

#: Every counted quantity (all integers; the criteria are sums of 1-5 scores).
COUNTER_FIELDS = (
    "received_online",
    "received_desk",
    "digitised",  # accepted with the papers in digital form (attachments)
    "finished",
    "early",
    "on_time",
    "late",
    "rejected",
    "results_digital",  # results issued as an electronic document
    "ratings",
    "very_satisfied",
    "satisfied",
    "unsatisfied",
    "harassment",  # ratings saying the officials harassed or obstructed
    "crit_on_time",
    "crit_guidance",
    "crit_result",
    "crit_attitude",
    "fb_received",
    "fb_harassment",
    "fb_answered",
    "fb_answered_on_time",
)


class KpiCounter(Document):
    scope: str  # an agency code; counts everything handled in its subtree
    level: str  # province | district | commune: the level of the handling agency
    period: str  # "YYYY-MM", Asia/Ho_Chi_Minh
    shard: int
    counts: dict[str, int] = {}  # noqa: RUF012

    class Settings:
        name = "kpi_counters"
        indexes = [  # noqa: RUF012
            IndexModel(
                [("scope", ASC), ("period", ASC), ("level", ASC), ("shard", ASC)],
                name="scope_period_level_shard",
                unique=True,
            ),
        ]


class OfficialCounter(Document):
    """One official's month: what they finished and how the people they served rated them."""

    official_id: str
    period: str
    name: str
    position: str | None = None
    agency_code: str
    agency_path: list[str]
    counts: dict[str, int] = {}  # noqa: RUF012  handled, early, on_time, late, ratings, score_sum, ...

    class Settings:
        name = "kpi_officials"
        indexes = [  # noqa: RUF012
            IndexModel([("official_id", ASC), ("period", ASC)], name="official_period", unique=True),
            IndexModel([("agency_path", ASC), ("period", ASC)], name="subtree_period"),
        ]
