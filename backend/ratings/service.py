"""Rating rules: only the applicant, only once the dossier is finished, one rating, a week to edit.

The rating and the KPI counters it changes are written in one transaction; an edit moves the
counters by the difference, so the figures never count a dossier twice.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from backend.db import Database
from backend.dossiers.access import can_view, not_found
from backend.dossiers.documents import Dossier
from backend.errors import Conflict, Forbidden, Invalid
from backend.identity.documents import utcnow
from backend.ratings.documents import Criteria, OfficialScore, Rating
from backend.ratings.schemas import Handler, RatingForm, RatingRequest, RatingView
from backend.security import Principal, Role
from backend.stats.counters import add, add_official, level_of, period_of
from backend.transactions import Session, in_transaction

EDIT_WINDOW = timedelta(days=7)
FINISHED = frozenset({"completed", "rejected"})
STAFF = frozenset({"official", "agency_admin"})


def handlers(dossier: Dossier) -> list[Handler]:
    """The officials who acted on the dossier (from its history), first acted first."""
    seen: dict[str, Handler] = {}
    for entry in dossier.history:
        if entry.actor_role in STAFF and entry.actor_id not in seen:
            seen[entry.actor_id] = Handler(
                official_id=entry.actor_id, name=entry.actor_name, position=entry.actor_position
            )
    return list(seen.values())


async def _own_dossier(principal: Principal, code: str, session: Session | None = None) -> Dossier:
    dossier = await Dossier.find_one(Dossier.code == code, session=session)
    if dossier is None or not can_view(principal, dossier):
        raise not_found(code)
    if principal.role != Role.citizen or dossier.applicant_id != principal.subject:
        raise Forbidden(
            "only-applicant",
            vi="Chỉ người nộp hồ sơ được đánh giá.",
            en="Only the dossier's applicant may rate it.",
        )
    return dossier


def view(rating: Rating) -> RatingView:
    return RatingView.model_validate(rating.model_dump(exclude={"id", "revision_id"}))


async def form(principal: Principal, code: str) -> RatingForm:
    dossier = await _own_dossier(principal, code)
    rating = await Rating.find_one(Rating.dossier_code == code)
    if dossier.status not in FINISHED:
        state = "waiting"
    elif rating is None:
        state = "open"
    else:
        state = "editable" if rating.editable_until > utcnow() else "locked"
    return RatingForm(
        dossier_code=code,
        state=state,
        officials=handlers(dossier),
        rating=view(rating) if rating else None,
    )


def _incs(rating: Rating | None, sign: int) -> dict[str, int]:
    if rating is None:
        return {}
    c = rating.criteria
    return {
        "ratings": sign,
        rating.overall: sign,
        "harassment": sign * int(rating.harassment),
        "crit_on_time": sign * c.on_time,
        "crit_guidance": sign * c.guidance,
        "crit_result": sign * c.result,
        "crit_attitude": sign * c.attitude,
    }


def _official_incs(score: OfficialScore, sign: int) -> dict[str, int]:
    return {
        "ratings": sign,
        "satisfied": sign * int(score.score != "unsatisfied"),
        "unsatisfied": sign * int(score.score == "unsatisfied"),
        "harassment": sign * int(score.harassment),
    }


def _same(rating: Rating, data: RatingRequest) -> bool:
    mine = {s.official_id: (s.score, s.harassment) for s in rating.officials}
    theirs = {s.official_id: (s.score, s.harassment) for s in data.officials}
    return (
        rating.overall == data.overall
        and rating.criteria.model_dump() == data.criteria.model_dump()
        and rating.harassment == data.harassment
        and (rating.comment or None) == (data.comment or None)
        and mine == theirs
    )


def _scores(dossier: Dossier, data: RatingRequest) -> list[OfficialScore]:
    known = {h.official_id: h for h in handlers(dossier)}
    scores: dict[str, OfficialScore] = {}
    for item in data.officials:
        handler = known.get(item.official_id)
        if handler is None:
            raise Invalid(
                "not-a-handler",
                vi="Chỉ đánh giá được cán bộ đã xử lý hồ sơ này.",
                en=f"Official {item.official_id} did not handle this dossier.",
            )
        scores[item.official_id] = OfficialScore(
            official_id=handler.official_id,
            name=handler.name,
            position=handler.position,
            score=item.score,
            harassment=item.harassment,
        )
    return list(scores.values())


async def save(db: Database, principal: Principal, code: str, data: RatingRequest) -> tuple[Rating, bool]:
    """Create (True) or edit (False) the applicant's rating. Replaying the same rating is a no-op."""

    async def work(session: Session) -> tuple[Rating, bool]:
        dossier = await _own_dossier(principal, code, session)
        if dossier.status not in FINISHED:
            raise Conflict(
                "dossier-not-finished",
                vi="Chỉ đánh giá được khi hồ sơ đã có kết quả hoặc bị từ chối.",
                en="A dossier can be rated once it is completed or rejected.",
                current_status=dossier.status,
            )
        old = await Rating.find_one(Rating.dossier_code == code, session=session)
        now = utcnow()
        if old is not None and _same(old, data):
            return old, False
        if old is not None and old.editable_until <= now:
            raise Conflict(
                "rating-locked",
                vi="Đã quá 7 ngày kể từ khi đánh giá: không thể sửa nữa.",
                en="The rating can only be changed within 7 days of giving it.",
            )
        rating = Rating(
            dossier_code=code,
            applicant_id=principal.subject,
            agency_code=dossier.agency_code,
            agency_path=dossier.agency_path,
            level=await level_of(dossier.agency_code, session),
            overall=data.overall,
            criteria=Criteria(**data.criteria.model_dump()),
            harassment=data.harassment or any(s.harassment for s in data.officials),
            officials=_scores(dossier, data),
            comment=(data.comment or "").strip() or None,
            period=old.period if old else period_of(now),
            created_at=old.created_at if old else now,
            updated_at=now,
            editable_until=old.editable_until if old else now + EDIT_WINDOW,
            revision=old.revision + 1 if old else 1,
        )
        body: dict[str, Any] = rating.model_dump(exclude={"id", "revision_id"})
        coll = Rating.get_pymongo_collection()
        if old is None:
            await coll.insert_one(body, session=session)
        else:
            await coll.replace_one({"dossier_code": code}, body, session=session)
        await count(session, old, rating)
        return rating, old is None

    return await in_transaction(db.client, work)


async def count(session: Session | None, old: Rating | None, new: Rating) -> None:
    """Move the KPI counters from ``old`` (if any) to ``new``: an edit counts by difference."""
    delta = _incs(new, 1)
    for name, value in _incs(old, -1).items():
        delta[name] = delta.get(name, 0) + value
    await add(session, new.agency_path, new.level, new.period, new.dossier_code, delta)
    where = {"agency_code": new.agency_code, "agency_path": new.agency_path}
    for sign, scores in ((-1, old.officials if old else []), (1, new.officials)):
        for score in scores:
            official = {"id": score.official_id, "name": score.name, "position": score.position, **where}
            await add_official(session, official, new.period, _official_incs(score, sign))
