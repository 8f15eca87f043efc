"""KPI report shapes (Decision 766's five groups). Rates are percentages, ``None`` when 0/0."""

from __future__ import annotations

from pydantic import BaseModel


class AgencyRef(BaseModel):
    code: str
    name_vi: str
    name_en: str
    level: str


class OnlineByLevel(BaseModel):
    level: str  # province | district | commune: where the dossiers were handled
    online: int
    desk: int
    rate: float | None
    target: float  # 90 / 80 / 70
    met: bool | None


class OnlineGroup(BaseModel):
    """Online provision: dossiers received online vs at the desk, against the target per level."""

    online: int
    desk: int
    rate: float | None
    by_level: list[OnlineByLevel]


class ProvisionGroup(BaseModel):
    """Procedures offered "toàn trình" (full-process, ex level 4) and through the mobile app."""

    procedures: int
    full_online: int
    full_online_rate: float | None
    mobile: int
    mobile_rate: float | None


class ProgressGroup(BaseModel):
    received: int
    finished: int
    early: int
    on_time: int
    late: int
    rejected: int
    #: (early + on time) / finished
    on_time_rate: float | None


class DigitisationGroup(BaseModel):
    received: int
    digitised: int
    digitised_rate: float | None
    results_digital: int
    results_digital_rate: float | None


class Criteria(BaseModel):
    """Average scores 1-5."""

    on_time: float | None
    guidance: float | None
    result: float | None
    attitude: float | None


class SatisfactionGroup(BaseModel):
    ratings: int
    very_satisfied: int
    satisfied: int
    unsatisfied: int
    #: (very satisfied + satisfied) / ratings, against ``target`` (95%).
    rate: float | None
    target: float
    met: bool | None
    #: Ratings saying officials harassed or obstructed ("nhũng nhiễu, gây phiền hà").
    harassment: int
    criteria: Criteria


class TransparencyGroup(BaseModel):
    """Reports (phản ánh, kiến nghị) received and answered within their deadline."""

    feedback_received: int
    feedback_answered: int
    feedback_answered_on_time: int
    answered_on_time_rate: float | None
    harassment_reports: int


class TrendPoint(BaseModel):
    period: str
    received: int
    online_rate: float | None
    finished: int
    on_time_rate: float | None
    ratings: int
    satisfaction_rate: float | None


class KpiReport(BaseModel):
    agency: AgencyRef
    period_from: str
    period_to: str
    transparency: TransparencyGroup
    progress: ProgressGroup
    digitisation: DigitisationGroup
    online: OnlineGroup
    provision: ProvisionGroup
    satisfaction: SatisfactionGroup
    series: list[TrendPoint]


class AgencyRow(BaseModel):
    agency: AgencyRef
    has_children: bool
    received: int
    online_rate: float | None
    online_target: float
    finished: int
    on_time_rate: float | None
    late: int
    ratings: int
    satisfaction_rate: float | None
    harassment: int
    feedback_received: int
    feedback_on_time_rate: float | None


class AgencyRows(BaseModel):
    parent: AgencyRef
    period_from: str
    period_to: str
    items: list[AgencyRow]


class OfficialRow(BaseModel):
    rank: int
    official_id: str
    name: str
    position: str | None
    agency_code: str
    handled: int
    early: int
    on_time: int
    late: int
    on_time_rate: float | None
    ratings: int
    satisfied: int
    satisfaction_rate: float | None
    harassment: int


class OfficialRanking(BaseModel):
    agency: AgencyRef
    period_from: str
    period_to: str
    items: list[OfficialRow]
