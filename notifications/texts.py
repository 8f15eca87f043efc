"""What each kind of notification says, in Vietnamese and English.

Every text names the dossier code and the procedure: citizens complain most that notifications
do not say which dossier they are about.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    status_changed = "status_changed"
    supplement_requested = "supplement_requested"
    result_ready = "result_ready"
    appointment_reminder = "appointment_reminder"
    rating_request = "rating_request"
    assigned = "assigned"
    due_soon = "due_soon"
    overdue = "overdue"


@dataclass(frozen=True)
class Template:
    title_vi: str
    body_vi: str
    title_en: str
    body_en: str


# Placeholders: {code} {procedure} {status} {items} {date} {agency}
TEMPLATES: dict[Kind, Template] = {
    Kind.status_changed: Template(
        "Hồ sơ {code}: {status}",
        "Hồ sơ {code} ({procedure}) đã chuyển sang trạng thái: {status}.",
        "Dossier {code}: {status}",
        "Dossier {code} ({procedure}) is now: {status}.",
    ),
    Kind.supplement_requested: Template(
        "Hồ sơ {code}: cần bổ sung giấy tờ",
        "Hồ sơ {code} ({procedure}) cần bổ sung: {items}. Vui lòng bổ sung trong 15 ngày.",
        "Dossier {code}: documents needed",
        "Dossier {code} ({procedure}) needs: {items}. Please supplement within 15 days.",
    ),
    Kind.result_ready: Template(
        "Hồ sơ {code}: đã có kết quả",
        "Hồ sơ {code} ({procedure}) đã có kết quả. Bạn có thể tải về hoặc nhận tại {agency}.",
        "Dossier {code}: result ready",
        "The result of dossier {code} ({procedure}) is ready: download it or collect it at {agency}.",
    ),
    Kind.appointment_reminder: Template(
        "Nhắc lịch hẹn: hồ sơ {code}",
        "Ngày {date} là ngày hẹn trả kết quả hồ sơ {code} ({procedure}) tại {agency}.",
        "Reminder: dossier {code}",
        "The result of dossier {code} ({procedure}) is due on {date}, at {agency}.",
    ),
    Kind.rating_request: Template(
        "Mời đánh giá: hồ sơ {code}",
        "Mời bạn đánh giá mức độ hài lòng với việc giải quyết hồ sơ {code} ({procedure}).",
        "Please rate: dossier {code}",
        "Please rate how dossier {code} ({procedure}) was handled.",
    ),
    Kind.assigned: Template(
        "Hồ sơ {code} được giao cho bạn",
        "Bạn được giao xử lý hồ sơ {code} ({procedure}). Hạn giải quyết: {date}.",
        "Dossier {code} assigned to you",
        "You have been assigned dossier {code} ({procedure}). Due: {date}.",
    ),
    Kind.due_soon: Template(
        "Hồ sơ {code} sắp quá hạn",
        "Hồ sơ {code} ({procedure}) đến hạn lúc {date}. Vui lòng xử lý kịp thời.",
        "Dossier {code} is almost due",
        "Dossier {code} ({procedure}) is due at {date}. Please act in time.",
    ),
    Kind.overdue: Template(
        "Hồ sơ {code} đã quá hạn",
        "Hồ sơ {code} ({procedure}) tại {agency} đã quá hạn từ {date}.",
        "Dossier {code} is overdue",
        "Dossier {code} ({procedure}) at {agency} has been overdue since {date}.",
    ),
}

#: Values are plain strings or (vi, en) pairs.
Values = dict[str, str | tuple[str, str]]


def render(kind: Kind, lang: str, values: Values) -> tuple[str, str]:
    """The (title, body) of ``kind`` in ``lang`` ("vi" unless "en")."""
    english = lang == "en"
    chosen = {k: (v[1] if english else v[0]) if isinstance(v, tuple) else v for k, v in values.items()}
    template = TEMPLATES[kind]
    if english:
        return template.title_en.format(**chosen), template.body_en.format(**chosen)
    return template.title_vi.format(**chosen), template.body_vi.format(**chosen)
