"""Catalogue response shapes."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from backend.agencies.documents import Level
from backend.catalogue.documents import OnlineLevel, Procedure, RequiredDocument
from backend.schemas import Out, example_config

#: Decree 42/2022 names, with the older "mức độ" label citizens still know.
ONLINE_LEVELS: dict[str, dict[str, str]] = {
    "full": {
        "name_vi": "Toàn trình",
        "name_en": "Full-process online",
        "legacy_label_vi": "Mức độ 4",
        "legacy_label_en": "Level 4",
    },
    "partial": {
        "name_vi": "Một phần",
        "name_en": "Partially online",
        "legacy_label_vi": "Mức độ 3",
        "legacy_label_en": "Level 3",
    },
}


class OnlineLevelOut(BaseModel):
    code: OnlineLevel
    name_vi: str
    name_en: str
    legacy_label_vi: str
    legacy_label_en: str


_SUMMARY_EXAMPLE: dict[str, Any] = {
    "code": "HT-KS",
    "name_vi": "Đăng ký khai sinh",
    "name_en": "Birth registration",
    "field_vi": "Hộ tịch",
    "field_en": "Civil status",
    "level": "commune",
    "department": None,
    "online_level": {"code": "full", **ONLINE_LEVELS["full"]},
    "fee_vnd": 0,
    "processing_days": 1,
}


class ProcedureSummary(Out):
    model_config = example_config(_SUMMARY_EXAMPLE)
    code: str
    name_vi: str
    name_en: str
    field_vi: str
    field_en: str
    level: Level
    department: str | None
    online_level: OnlineLevelOut
    fee_vnd: int
    processing_days: int


class ProcedureDetail(ProcedureSummary):
    model_config = example_config(
        {
            **_SUMMARY_EXAMPLE,
            "required_documents": [
                {
                    "name_vi": "Tờ khai đăng ký khai sinh",
                    "name_en": "Birth registration form",
                    "original": True,
                    "copies": 1,
                }
            ],
            "keywords": ["giấy khai sinh"],
            "legal_basis": ["Luật Hộ tịch 2014"],
            "form_schema": {"type": "object", "properties": {}},
        }
    )
    required_documents: list[RequiredDocument]
    keywords: list[str]
    legal_basis: list[str]
    form_schema: dict[str, Any]


class ProcedurePage(Out):
    model_config = example_config({"items": [_SUMMARY_EXAMPLE], "next_cursor": None})
    items: list[ProcedureSummary]
    next_cursor: str | None


def _common(p: Procedure) -> dict[str, Any]:
    return {
        "code": p.code,
        "name_vi": p.name_vi,
        "name_en": p.name_en,
        "field_vi": p.field_vi,
        "field_en": p.field_en,
        "level": p.level,
        "department": p.department,
        "online_level": OnlineLevelOut(code=p.online_level, **ONLINE_LEVELS[p.online_level]),
        "fee_vnd": p.fee_vnd,
        "processing_days": p.processing_days,
    }


def summary_of(p: Procedure) -> ProcedureSummary:
    return ProcedureSummary(**_common(p))


def detail_of(p: Procedure) -> ProcedureDetail:
    return ProcedureDetail(
        **_common(p),
        required_documents=p.required_documents,
        keywords=p.keywords,
        legal_basis=p.legal_basis,
        form_schema=p.form_schema,
    )
