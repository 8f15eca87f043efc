"""A citizen's rating of a finished dossier: one per dossier, editable for a week."""

from __future__ import annotations

from datetime import datetime

import pymongo
from beanie import Document
from pydantic import BaseModel
from pymongo import IndexModel

ASC, DESC = pymongo.ASCENDING, pymongo.DESCENDING


class Criteria(BaseModel):
    """Scores 1-5 (5 best) on the criteria of Decision 766's satisfaction group."""

    on_time: int
    guidance: int  # clarity of the guidance given
    result: int
    attitude: int  # the officials' attitude


class OfficialScore(BaseModel):
    official_id: str
    name: str
    position: str | None = None
    score: str  # very_satisfied | satisfied | unsatisfied
    harassment: bool = False


class Rating(Document):
    dossier_code: str
    applicant_id: str
    agency_code: str
    agency_path: list[str]
    level: str
    overall: str  # very_satisfied | satisfied | unsatisfied (the national scale)
    criteria: Criteria
    #: "Nhũng nhiễu, gây phiền hà": officials harassed or obstructed the applicant.
    harassment: bool = False
    officials: list[OfficialScore] = []  # noqa: RUF012
    comment: str | None = None
    period: str  # the local month of the first rating: where it is counted
    created_at: datetime
    updated_at: datetime
    editable_until: datetime
    revision: int = 1

    class Settings:
        name = "ratings"
        indexes = [  # noqa: RUF012
            IndexModel([("dossier_code", ASC)], name="dossier_unique", unique=True),
            IndexModel([("applicant_id", ASC), ("created_at", DESC)], name="applicant_created"),
            IndexModel([("agency_path", ASC), ("created_at", DESC)], name="subtree_created"),
        ]
