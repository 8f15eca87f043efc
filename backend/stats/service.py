"""Reading the KPI counters: one agency's report, its children, the officials' ranking.

Every figure is a sum of counter documents found through the ``scope_period_level_shard``
index: a province-wide year reads at most 12 months × 3 levels × 4 shards documents, however
many dossiers there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from backend.agencies.documents import Agency
from backend.agencies.service import get_agency
from backend.calendar.service import LOCAL_TZ
from backend.catalogue.documents import Procedure
from backend.errors import Forbidden, Invalid
from backend.identity.documents import utcnow
from backend.security import Principal, Role
from backend.stats import schemas as s
from backend.stats.documents import KpiCounter, OfficialCounter

TARGETS = {"province": 90.0, "district": 80.0, "commune": 70.0}
SATISFACTION_TARGET = 95.0
LEVELS = ("province", "district", "commune")
MAX_MONTHS = 36
Counts = dict[str, int]


def rate(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def average(total: int, n: int) -> float | None:
    return round(total / n, 2) if n else None


def period_range(start: str | None, end: str | None, now: datetime | None = None) -> tuple[str, str]:
    """Validated ``YYYY-MM`` bounds; by default January to this month (local)."""
    today = (now or utcnow()).astimezone(LOCAL_TZ)
    start = start or f"{today.year}-01"
    end = end or today.strftime("%Y-%m")
    try:
        first, last = datetime.strptime(start, "%Y-%m"), datetime.strptime(end, "%Y-%m")
    except ValueError:
        raise Invalid("invalid-period", vi="Kỳ báo cáo có dạng YYYY-MM.", en="Periods are YYYY-MM.") from None
    months = (last.year - first.year) * 12 + last.month - first.month
    if months < 0 or months >= MAX_MONTHS:
        raise Invalid(
            "invalid-period",
            vi="Kỳ báo cáo không hợp lệ (từ ≤ đến, tối đa 36 tháng).",
            en="The period must run forward and span at most 36 months.",
        )
    return first.strftime("%Y-%m"), last.strftime("%Y-%m")


def months(start: str, end: str) -> list[str]:
    year, month = int(start[:4]), int(start[5:])
    found = []
    while f"{year:04d}-{month:02d}" <= end:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def within(start: str, end: str) -> dict[str, str]:
    """``start <= period <= end`` written as a half-open range: the embedded server's index scan
    drops keys equal to an ``$lte`` bound when more index fields follow, ``$lt`` works."""
    year, month = int(end[:4]), int(end[5:])
    after = f"{year + 1:04d}-01" if month == 12 else f"{year:04d}-{month + 1:02d}"
    return {"$gte": start, "$lt": after}


def ref(agency: Agency) -> s.AgencyRef:
    return s.AgencyRef(code=agency.code, name_vi=agency.name_vi, name_en=agency.name_en, level=agency.level)


async def counter_rows(scopes: list[str], start: str, end: str) -> list[dict[str, Any]]:
    """One equality query per scope: the embedded planner uses the index for ``scope = x`` with a
    period range, not for ``$in`` with a range (a child list is a few dozen agencies at most)."""
    coll = KpiCounter.get_pymongo_collection()
    rows: list[dict[str, Any]] = []
    for scope in scopes:
        query = {"scope": scope, "period": within(start, end)}
        rows += await coll.find(query, {"_id": 0}).to_list(None)
    return rows


def total(rows: Iterable[dict[str, Any]]) -> Counts:
    out: Counts = defaultdict(int)
    for row in rows:
        for name, value in row.get("counts", {}).items():
            out[name] += value
    return out


def _online(rows: list[dict[str, Any]]) -> s.OnlineGroup:
    by_level = []
    for level in LEVELS:
        c = total(r for r in rows if r["level"] == level)
        online, desk = c["received_online"], c["received_desk"]
        share = rate(online, online + desk)
        by_level.append(
            s.OnlineByLevel(
                level=level,
                online=online,
                desk=desk,
                rate=share,
                target=TARGETS[level],
                met=None if share is None else share >= TARGETS[level],
            )
        )
    c = total(rows)
    online, desk = c["received_online"], c["received_desk"]
    return s.OnlineGroup(online=online, desk=desk, rate=rate(online, online + desk), by_level=by_level)


def levels_below(agency: Agency) -> list[str]:
    """The levels of the agencies in this agency's subtree."""
    if agency.level == "province" and agency.parent_code is None:
        return list(LEVELS)
    return {"province": ["province"], "district": ["district", "commune"], "commune": ["commune"]}[
        agency.level
    ]


async def _provision(agency: Agency) -> s.ProvisionGroup:
    procedures = await Procedure.find({"level": {"$in": levels_below(agency)}}).to_list()
    full = sum(1 for p in procedures if p.online_level == "full")
    # Every catalogued procedure offered online (full or partial) can be filed in the mobile PWA.
    mobile = sum(1 for p in procedures if p.online_level in ("full", "partial"))
    n = len(procedures)
    return s.ProvisionGroup(
        procedures=n,
        full_online=full,
        full_online_rate=rate(full, n),
        mobile=mobile,
        mobile_rate=rate(mobile, n),
    )


def groups(c: Counts) -> dict[str, Any]:
    received = c["received_online"] + c["received_desk"]
    good = c["very_satisfied"] + c["satisfied"]
    satisfaction = rate(good, c["ratings"])
    return {
        "transparency": s.TransparencyGroup(
            feedback_received=c["fb_received"],
            feedback_answered=c["fb_answered"],
            feedback_answered_on_time=c["fb_answered_on_time"],
            answered_on_time_rate=rate(c["fb_answered_on_time"], c["fb_answered"]),
            harassment_reports=c["fb_harassment"],
        ),
        "progress": s.ProgressGroup(
            received=received,
            finished=c["finished"],
            early=c["early"],
            on_time=c["on_time"],
            late=c["late"],
            rejected=c["rejected"],
            on_time_rate=rate(c["early"] + c["on_time"], c["finished"]),
        ),
        "digitisation": s.DigitisationGroup(
            received=received,
            digitised=c["digitised"],
            digitised_rate=rate(c["digitised"], received),
            results_digital=c["results_digital"],
            results_digital_rate=rate(c["results_digital"], c["finished"] - c["rejected"]),
        ),
        "satisfaction": s.SatisfactionGroup(
            ratings=c["ratings"],
            very_satisfied=c["very_satisfied"],
            satisfied=c["satisfied"],
            unsatisfied=c["unsatisfied"],
            rate=satisfaction,
            target=SATISFACTION_TARGET,
            met=None if satisfaction is None else satisfaction >= SATISFACTION_TARGET,
            harassment=c["harassment"],
            criteria=s.Criteria(
                on_time=average(c["crit_on_time"], c["ratings"]),
                guidance=average(c["crit_guidance"], c["ratings"]),
                result=average(c["crit_result"], c["ratings"]),
                attitude=average(c["crit_attitude"], c["ratings"]),
            ),
        ),
    }


def _point(period: str, c: Counts) -> s.TrendPoint:
    received = c["received_online"] + c["received_desk"]
    return s.TrendPoint(
        period=period,
        received=received,
        online_rate=rate(c["received_online"], received),
        finished=c["finished"],
        on_time_rate=rate(c["early"] + c["on_time"], c["finished"]),
        ratings=c["ratings"],
        satisfaction_rate=rate(c["very_satisfied"] + c["satisfied"], c["ratings"]),
    )


async def kpis(agency_code: str, start: str, end: str) -> s.KpiReport:
    agency = await get_agency(agency_code)
    rows = await counter_rows([agency.code], start, end)
    by_period: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_period[row["period"]].append(row)
    return s.KpiReport(
        agency=ref(agency),
        period_from=start,
        period_to=end,
        online=_online(rows),
        provision=await _provision(agency),
        series=[_point(p, total(by_period.get(p, []))) for p in months(start, end)],
        **groups(total(rows)),
    )


async def scoped_agency(principal: Principal, code: str | None) -> Agency:
    """The agency a leader asks about: their own or one below it (admins: any)."""
    agency = await get_agency(code or principal.agency_code or "HD")
    if principal.role == Role.admin:
        return agency
    if principal.agency_code not in [*agency.ancestors, agency.code]:
        raise Forbidden(
            "outside-scope",
            vi="Cơ quan này nằm ngoài phạm vi quản lý của bạn.",
            en="This agency is outside your remit.",
        )
    return agency


async def children(parent: Agency, start: str, end: str) -> s.AgencyRows:
    kids = await Agency.find(Agency.parent_code == parent.code).sort("+code").to_list()
    grandchildren = {
        a.parent_code for a in await Agency.find({"parent_code": {"$in": [k.code for k in kids]}}).to_list()
    }
    rows = await counter_rows([k.code for k in kids], start, end)
    per: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        per[row["scope"]].append(row)
    items = []
    for kid in kids:
        c = total(per.get(kid.code, []))
        g = groups(c)
        received = c["received_online"] + c["received_desk"]
        items.append(
            s.AgencyRow(
                agency=ref(kid),
                has_children=kid.code in grandchildren,
                received=received,
                online_rate=rate(c["received_online"], received),
                online_target=TARGETS[kid.level],
                finished=c["finished"],
                on_time_rate=g["progress"].on_time_rate,
                late=c["late"],
                ratings=c["ratings"],
                satisfaction_rate=g["satisfaction"].rate,
                harassment=c["harassment"] + c["fb_harassment"],
                feedback_received=c["fb_received"],
                feedback_on_time_rate=g["transparency"].answered_on_time_rate,
            )
        )
    return s.AgencyRows(parent=ref(parent), period_from=start, period_to=end, items=items)


async def ranking(agency: Agency, start: str, end: str, limit: int = 100) -> s.OfficialRanking:
    """Officials of the subtree by satisfaction, then punctuality, then volume."""
    query = {"agency_path": agency.code, "period": within(start, end)}
    found = await OfficialCounter.get_pymongo_collection().find(query, {"_id": 0}).to_list(None)
    people: dict[str, dict[str, Any]] = {}
    sums: dict[str, Counts] = defaultdict(lambda: defaultdict(int))
    for row in found:
        people[row["official_id"]] = row
        for name, value in row.get("counts", {}).items():
            sums[row["official_id"]][name] += value
    rows = []
    for oid, c in sums.items():
        who = people[oid]
        rows.append(
            s.OfficialRow(
                rank=0,
                official_id=oid,
                name=who["name"],
                position=who.get("position"),
                agency_code=who["agency_code"],
                handled=c["handled"],
                early=c["early"],
                on_time=c["on_time"],
                late=c["late"],
                on_time_rate=rate(c["early"] + c["on_time"], c["handled"]),
                ratings=c["ratings"],
                satisfied=c["satisfied"],
                satisfaction_rate=rate(c["satisfied"], c["ratings"]),
                harassment=c["harassment"],
            )
        )
    rows.sort(
        key=lambda r: (
            -(r.satisfaction_rate if r.satisfaction_rate is not None else -1),
            -(r.on_time_rate if r.on_time_rate is not None else -1),
            -r.handled,
            r.name,
        )
    )
    for i, row in enumerate(rows[:limit], start=1):
        row.rank = i
    return s.OfficialRanking(agency=ref(agency), period_from=start, period_to=end, items=rows[:limit])
