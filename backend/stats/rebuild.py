"""Recompute every KPI counter from the dossiers, ratings and reports themselves.

For a backfill (data that predates the counters) and as a check: ``congdanso stats rebuild``.
It replays each record through the same functions the transactions call, so a rebuild equals
the incremental counters (a dossier's ``digitised`` is judged on its current attachments).
Run it while nothing writes: the counters are emptied first.
"""

from __future__ import annotations

from backend.dossiers.documents import Dossier
from backend.feedback.documents import Report
from backend.feedback.service import answer_incs, filing_incs
from backend.ratings.documents import Rating
from backend.ratings.service import count as count_rating
from backend.stats.counters import add, on_dossier_entry
from backend.stats.documents import KpiCounter, OfficialCounter


async def rebuild() -> dict[str, int]:
    await KpiCounter.get_pymongo_collection().delete_many({})
    await OfficialCounter.get_pymongo_collection().delete_many({})
    seen = {"dossiers": 0, "ratings": 0, "reports": 0}
    async for raw in Dossier.get_pymongo_collection().find({}):
        dossier = Dossier.model_validate(raw)
        for entry in dossier.history:
            await on_dossier_entry(None, dossier, entry)
        seen["dossiers"] += 1
    async for rating in Rating.find_all():
        await count_rating(None, None, rating)
        seen["ratings"] += 1
    async for report in Report.find_all():
        await add(None, report.route_path, report.level, report.period, report.code, filing_incs(report))
        if report.first_answered_at is not None:
            await add(None, report.route_path, report.level, report.period, report.code, answer_incs(report))
        seen["reports"] += 1
    return seen
