"""Demo ratings and a demo report on the demo dossiers, through the real services (so the KPI
counters are genuine). Runs once: skipped when the demo citizen has already reported."""

from __future__ import annotations

from backend.db import Database
from backend.dossiers.demo import principal_for
from backend.dossiers.documents import Dossier
from backend.feedback import service as feedback
from backend.feedback.documents import Report
from backend.feedback.schemas import ReportRequest
from backend.identity.documents import User
from backend.identity.validation import normalise_phone
from backend.ratings import service as ratings
from backend.ratings.schemas import CriteriaIn, OfficialScoreIn, RatingRequest
from backend.transactions import Session

#: The demo citizen's verdicts: the completed dossier pleased them, the rejected one did not.
VERDICTS = {"completed": "very_satisfied", "rejected": "unsatisfied"}


async def _no_record(session: Session, status: int, body: object) -> None:
    return None


async def seed_demo_feedback(db: Database, citizen_phone: str) -> int:
    """Rate the demo citizen's finished dossiers and file one report; returns the ratings made."""
    user = await User.find_one(User.phone == normalise_phone(citizen_phone))
    if user is None or await Report.find_one(Report.reporter_id == str(user.id)) is not None:
        return 0
    citizen = principal_for(user)
    made = 0
    for status, overall in VERDICTS.items():
        dossier = await Dossier.find_one({"applicant_id": str(user.id), "status": status})
        if dossier is None:
            continue
        handlers = ratings.handlers(dossier)
        happy = overall != "unsatisfied"
        score = 5 if happy else 2
        request = RatingRequest(
            overall=overall,
            criteria=CriteriaIn(on_time=5, guidance=score, result=score, attitude=score),
            officials=[OfficialScoreIn(official_id=h.official_id, score=overall) for h in handlers],
            comment="Cán bộ hướng dẫn tận tình, đúng hẹn."
            if happy
            else "Hướng dẫn chưa rõ, phải đi lại nhiều lần.",
        )
        await ratings.save(db, citizen, dossier.code, request)
        made += 1
    report = ReportRequest(
        category="delay",
        title="Chờ lâu ở Bộ phận Một cửa",
        content="Sáng thứ Hai tôi phải chờ hơn một giờ mới được tiếp nhận hồ sơ, không có số thứ tự.",
        agency_code=user.agency_code or "HD.TPHD.TRANHUNGDAO",
    )
    await feedback.create(db, citizen, report, _no_record)
    return made
