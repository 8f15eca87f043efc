"""OpenAPI examples for the KPI shapes, built by the real code from sample counts."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pydantic import BaseModel

from backend.stats import schemas as s
from backend.stats.documents import COUNTER_FIELDS
from backend.stats.service import TARGETS, groups, rate

COUNTS: dict[str, int] = defaultdict(int)
COUNTS.update(
    zip(
        COUNTER_FIELDS,
        [80, 20, 90, 70, 20, 45, 5, 3, 67, 40, 25, 13, 2, 1, 180, 170, 185, 175, 6, 1, 5, 4],
        strict=True,
    )
)
AGENCY = s.AgencyRef(code="HD", name_vi="UBND tỉnh Hải Dương", name_en="Hai Duong Province", level="province")
WARD = s.AgencyRef(
    code="HD.TPHD.TRANHUNGDAO",
    name_vi="UBND phường Trần Hưng Đạo",
    name_en="Tran Hung Dao Ward",
    level="commune",
)
PERIOD: dict[str, Any] = {"period_from": "2026-01", "period_to": "2026-11"}


def _example(model: type[BaseModel], example: BaseModel) -> None:
    model.model_config["example"] = example.model_dump(mode="json")  # type: ignore[typeddict-unknown-key]


def _level(level: str, online: int, desk: int) -> s.OnlineByLevel:
    share = 100 * online / (online + desk)
    return s.OnlineByLevel(
        level=level,
        online=online,
        desk=desk,
        rate=round(share, 1),
        target=TARGETS[level],
        met=share >= TARGETS[level],
    )


_point = s.TrendPoint(
    period="2026-11",
    received=100,
    online_rate=80.0,
    finished=70,
    on_time_rate=92.9,
    ratings=40,
    satisfaction_rate=95.0,
)
_example(
    s.KpiReport,
    s.KpiReport(
        agency=AGENCY,
        online=s.OnlineGroup(
            online=80,
            desk=20,
            rate=rate(80, 100),
            by_level=[_level("province", 30, 2), _level("district", 20, 8), _level("commune", 30, 10)],
        ),
        provision=s.ProvisionGroup(
            procedures=34, full_online=20, full_online_rate=58.8, mobile=34, mobile_rate=100.0
        ),
        series=[_point],
        **PERIOD,
        **groups(COUNTS),
    ),
)
_row: dict[str, Any] = {
    "agency": WARD,
    "has_children": False,
    "received": 40,
    "online_rate": 75.0,
    "online_target": 70.0,
    "finished": 30,
    "on_time_rate": 96.7,
    "late": 1,
    "ratings": 20,
    "satisfaction_rate": 95.0,
    "harassment": 0,
    "feedback_received": 2,
    "feedback_on_time_rate": 100.0,
}
_example(s.AgencyRows, s.AgencyRows(parent=AGENCY, items=[s.AgencyRow(**_row)], **PERIOD))
_official: dict[str, Any] = {
    "rank": 1,
    "official_id": "665f1c2e9b1e8a0012345678",
    "name": "Trần Thị Bình",
    "position": "Công chức Tư pháp - Hộ tịch",
    "agency_code": WARD.code,
    "handled": 25,
    "early": 10,
    "on_time": 14,
    "late": 1,
    "on_time_rate": 96.0,
    "ratings": 18,
    "satisfied": 18,
    "satisfaction_rate": 100.0,
    "harassment": 0,
}
_example(s.OfficialRanking, s.OfficialRanking(agency=AGENCY, items=[s.OfficialRow(**_official)], **PERIOD))
