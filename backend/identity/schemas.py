"""Identity request and response shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from backend.identity.validation import normalise_email, normalise_name, normalise_phone, validate_cccd
from backend.schemas import Out, Strict, example_config
from backend.security import Role

Phone = Annotated[str, Field(max_length=20, examples=["0912345678"]), AfterValidator(normalise_phone)]
Password = Annotated[str, Field(min_length=8, max_length=128, examples=["mat-khau-an-toan"])]
FullName = Annotated[str, Field(max_length=100, examples=["Nguyễn Văn An"]), AfterValidator(normalise_name)]
Email = Annotated[
    str, Field(max_length=254, examples=["an.nguyen@example.vn"]), AfterValidator(normalise_email)
]
Cccd = Annotated[str, Field(max_length=12, examples=["030095001234"]), AfterValidator(validate_cccd)]
Language = Literal["vi", "en"]
#: ``cookie`` keeps the refresh token out of JavaScript (the PWA); ``body`` is for native apps.
TokenDelivery = Literal["body", "cookie"]


class RegisterRequest(Strict):
    model_config = example_config(
        {"phone": "0912345678", "password": "mat-khau-an-toan", "full_name": "Nguyễn Văn An"}
    )
    phone: Phone
    password: Password
    full_name: FullName
    email: Email | None = None
    cccd: Cccd | None = None
    language: Language = "vi"
    token_delivery: TokenDelivery = "body"


class LoginRequest(Strict):
    model_config = example_config({"phone": "0912345678", "password": "mat-khau-an-toan"})
    phone: Phone
    password: Annotated[str, Field(min_length=1, max_length=128)]
    token_delivery: TokenDelivery = "body"


class RefreshRequest(Strict):
    """The refresh token comes in the body, or in the ``cds_refresh`` cookie when omitted."""

    model_config = example_config({"refresh_token": "q1w2e3..."})
    refresh_token: Annotated[str | None, Field(max_length=200)] = None
    token_delivery: TokenDelivery = "body"


class LogoutRequest(Strict):
    model_config = example_config({"refresh_token": "q1w2e3..."})
    refresh_token: Annotated[str | None, Field(max_length=200)] = None


class UpdateProfileRequest(Strict):
    model_config = example_config({"language": "en"})
    full_name: FullName | None = None
    email: Email | None = None
    language: Language | None = None


class CreateUserRequest(Strict):
    """An admin creates staff accounts (officials belong to an agency)."""

    model_config = example_config(
        {
            "phone": "0987654321",
            "password": "mat-khau-can-bo",
            "full_name": "Trần Thị Bình",
            "role": "official",
            "agency_code": "HD.STP",
            "position": "Chuyên viên",
        }
    )
    phone: Phone
    password: Password
    full_name: FullName
    role: Role
    agency_code: Annotated[str | None, Field(max_length=64)] = None
    position: Annotated[str | None, Field(max_length=100)] = None
    email: Email | None = None


class UserOut(Out):
    model_config = example_config(
        {
            "id": "6740a1b2c3d4e5f601234567",
            "phone": "+84912345678",
            "full_name": "Nguyễn Văn An",
            "email": None,
            "cccd_masked": "********1234",
            "role": "citizen",
            "agency_code": None,
            "position": None,
            "language": "vi",
            "created_at": "2026-11-22T08:00:00Z",
        }
    )
    id: str
    phone: str
    full_name: str
    email: str | None
    cccd_masked: str | None
    role: Role
    agency_code: str | None
    position: str | None
    language: Language
    created_at: datetime


class TokenResponse(Out):
    model_config = example_config(
        {
            "access_token": "eyJhbGciOiJFUzI1NiIs...",
            "token_type": "Bearer",
            "expires_in": 900,
            "refresh_token": "q1w2e3...",
            "refresh_expires_in": 2592000,
            "user": UserOut.model_config["example"],  # type: ignore[typeddict-item]
        }
    )
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int
    #: Absent when ``token_delivery`` is ``cookie``.
    refresh_token: str | None
    refresh_expires_in: int
    user: UserOut
