"""What a submission or an action brings in: the dossier code, the form, the files, the actor."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from beanie import PydanticObjectId
from bson import ObjectId
from jsonschema import Draft202012Validator, FormatChecker
from pymongo import ReturnDocument

from backend.calendar.service import LOCAL_TZ
from backend.catalogue.documents import Procedure
from backend.db import Database
from backend.dossiers.documents import DossierCounter, FileRef
from backend.errors import Forbidden, Invalid, NotFound
from backend.identity.documents import User
from backend.security import Principal
from backend.transactions import Session

PROVINCE_PREFIX = "HD"


async def allocate_code(now: datetime) -> str:
    """``HD-2026-000123``: a per-year counter, incremented atomically (gaps are possible)."""
    year = now.astimezone(LOCAL_TZ).year
    counter = await DossierCounter.get_pymongo_collection().find_one_and_update(
        {"_id": f"{PROVINCE_PREFIX}-{year}"},
        {"$inc": {"seq": 1}},
        upsert=True,
        return_document=ReturnDocument.AFTER,
    )
    assert counter is not None
    return f"{PROVINCE_PREFIX}-{year}-{int(counter['seq']):06d}"


def validate_form(procedure: Procedure, form_data: dict[str, Any]) -> None:
    validator = Draft202012Validator(procedure.form_schema, format_checker=FormatChecker())
    errors = [
        {"field": ".".join(["form_data", *map(str, e.absolute_path)]), "message": e.message}
        for e in sorted(validator.iter_errors(form_data), key=lambda e: list(map(str, e.absolute_path)))
    ]
    if errors:
        raise Invalid(
            "form-invalid",
            vi="Tờ khai chưa hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.",
            en="The application form is not valid; check the fields listed.",
            errors=errors[:50],
        )


async def file_refs(
    db: Database, ids: list[str], owner_id: str, session: Session | None = None
) -> list[FileRef]:
    """Uploaded files by id; each must have been uploaded by ``owner_id``."""
    refs: list[FileRef] = []
    for file_id in dict.fromkeys(ids):
        raw = await db.db["attachments.files"].find_one({"_id": ObjectId(file_id)}, session=session)
        meta = (raw or {}).get("metadata") or {}
        if raw is None or meta.get("owner_id") != owner_id:
            raise NotFound(
                "file-not-found",
                vi="Không tìm thấy tệp đính kèm (hoặc tệp không phải của bạn).",
                en=f"No uploaded file {file_id} of yours was found.",
            )
        refs.append(
            FileRef(
                file_id=file_id,
                filename=raw["filename"],
                content_type=meta["content_type"],
                size=int(raw["length"]),
                sha256=meta["sha256"],
                uploaded_by=owner_id,
                uploaded_at=raw["uploadDate"],
            )
        )
    return refs


async def actor_of(principal: Principal) -> User:
    user = await User.get(PydanticObjectId(principal.subject))
    if user is None or user.disabled:
        raise Forbidden(
            "account-unavailable", vi="Tài khoản không còn hoạt động.", en="This account is disabled."
        )
    return user
