"""Rating request and response shapes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from backend.ratings.documents import Criteria
from backend.schemas import example_config

Overall = Literal["very_satisfied", "satisfied", "unsatisfied"]
Score = Field(ge=1, le=5)


class CriteriaIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    on_time: int = Score
    guidance: int = Score
    result: int = Score
    attitude: int = Score


class OfficialScoreIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    official_id: str = Field(min_length=1, max_length=40)
    score: Overall
    harassment: bool = False


class RatingRequest(BaseModel):
    """The overall verdict on the national 3-level scale, criteria 1-5, each official, a comment."""

    model_config = example_config(
        {
            "overall": "satisfied",
            "criteria": {"on_time": 5, "guidance": 4, "result": 5, "attitude": 4},
            "harassment": False,
            "officials": [{"official_id": "665f1c2e9b1e8a0012345678", "score": "very_satisfied"}],
            "comment": "Cán bộ hướng dẫn tận tình.",
        },
        extra="forbid",
    )
    overall: Overall
    criteria: CriteriaIn
    harassment: bool = False
    officials: list[OfficialScoreIn] = Field(default_factory=list, max_length=20)
    comment: str | None = Field(default=None, max_length=1000)


class Handler(BaseModel):
    official_id: str
    name: str
    position: str | None


class OfficialScoreView(Handler):
    score: Overall
    harassment: bool


class RatingView(BaseModel):
    overall: Overall
    criteria: Criteria
    harassment: bool
    officials: list[OfficialScoreView]
    comment: str | None
    created_at: datetime
    updated_at: datetime
    editable_until: datetime
    revision: int


class RatingForm(BaseModel):
    """What the dossier view needs to show the form: whether it is open, whom to rate, the rating."""

    dossier_code: str
    #: waiting (dossier not finished) | open (not rated yet) | editable | locked (edit week over)
    state: Literal["waiting", "open", "editable", "locked"]
    officials: list[Handler]
    rating: RatingView | None


def _example(model: type[BaseModel], example: Mapping[str, object]) -> None:
    """Litestar's OpenAPI reads ``model_config["example"]`` when it renders the schema."""
    model.model_config["example"] = example  # type: ignore[typeddict-unknown-key]


_HANDLER = {
    "official_id": "665f1c2e9b1e8a0012345678",
    "name": "Trần Thị Bình",
    "position": "Công chức Tư pháp",
}
_RATING = {
    "overall": "satisfied",
    "criteria": {"on_time": 5, "guidance": 4, "result": 5, "attitude": 4},
    "harassment": False,
    "officials": [{**_HANDLER, "score": "very_satisfied", "harassment": False}],
    "comment": "Cán bộ hướng dẫn tận tình.",
    "created_at": "2026-11-24T02:00:00Z",
    "updated_at": "2026-11-24T02:00:00Z",
    "editable_until": "2026-12-01T02:00:00Z",
    "revision": 1,
}
_example(RatingView, _RATING)
_example(
    RatingForm,
    {"dossier_code": "HD-2026-000123", "state": "editable", "officials": [_HANDLER], "rating": _RATING},
)
