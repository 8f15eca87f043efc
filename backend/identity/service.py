"""Identity rules: registration, login, token rotation, profiles, staff accounts."""

from __future__ import annotations

from dataclasses import dataclass

from beanie import PydanticObjectId
from pymongo.errors import DuplicateKeyError

from backend.agencies.service import get_agency
from backend.errors import Conflict, Invalid, Unauthorized
from backend.identity.documents import User, utcnow
from backend.identity.passwords import Passwords
from backend.identity.refresh_tokens import RefreshTokens
from backend.identity.schemas import CreateUserRequest, RegisterRequest, UpdateProfileRequest, UserOut
from backend.identity.throttle import LoginThrottler
from backend.identity.validation import mask_cccd
from backend.security import STAFF_ROLES, TokenService
from backend.settings import AuthSettings


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    refresh_token: str
    user: User


def user_out(user: User) -> UserOut:
    return UserOut(
        id=str(user.id),
        phone=user.phone,
        full_name=user.full_name,
        email=user.email,
        cccd_masked=mask_cccd(user.cccd),
        role=user.role,
        agency_code=user.agency_code,
        position=user.position,
        language="en" if user.language == "en" else "vi",
        created_at=user.created_at,
    )


def _invalid_credentials() -> Unauthorized:
    return Unauthorized(
        "invalid-credentials",
        vi="Số điện thoại hoặc mật khẩu không đúng.",
        en="The phone number or password is incorrect.",
    )


async def insert_unique(user: User) -> None:
    try:
        await user.insert()
    except DuplicateKeyError as exc:
        if "cccd" in str(exc):
            raise Conflict(
                "cccd-taken",
                vi="Số CCCD này đã gắn với một tài khoản khác.",
                en="This CCCD number is already linked to another account.",
            ) from exc
        raise Conflict(
            "phone-taken",
            vi="Số điện thoại này đã được đăng ký. Vui lòng đăng nhập.",
            en="This phone number is already registered. Please log in.",
        ) from exc


class IdentityService:
    def __init__(self, tokens: TokenService, settings: AuthSettings) -> None:
        self.tokens = tokens
        self.passwords = Passwords(settings.password_profile)
        self.refresh_tokens = RefreshTokens(
            settings.refresh_ttl_seconds, settings.refresh_reuse_grace_seconds
        )
        self.throttle = LoginThrottler(settings)

    async def _issue(self, user: User, family_id: str | None = None) -> IssuedTokens:
        access = self.tokens.issue_access_token(
            subject=str(user.id), role=user.role, agency_code=user.agency_code
        )
        refresh = await self.refresh_tokens.issue(str(user.id), family_id)
        return IssuedTokens(access, refresh, user)

    async def register(self, data: RegisterRequest) -> IssuedTokens:
        user = User(
            phone=data.phone,
            full_name=data.full_name,
            password_hash=await self.passwords.hash(data.password),
            email=data.email,
            cccd=data.cccd,
            language=data.language,
        )
        await insert_unique(user)
        return await self._issue(user)

    async def login(self, phone: str, password: str, client: str) -> IssuedTokens:
        keys = [f"account:{phone}", f"client:{client}"]
        await self.throttle.check(keys)
        user = await User.find_one(User.phone == phone)
        ok = await self.passwords.verify(user.password_hash if user else None, password)
        if user is None or not ok or user.disabled:
            await self.throttle.record_failure(keys)
            raise _invalid_credentials()
        await self.throttle.clear(keys[0])
        if self.passwords.needs_rehash(user.password_hash):
            user.password_hash = await self.passwords.hash(password)
            await user.save()
        return await self._issue(user)

    async def refresh(self, refresh_token: str) -> IssuedTokens:
        spent = await self.refresh_tokens.spend(refresh_token)
        user = await User.get(PydanticObjectId(spent.user_id))
        if user is None or user.disabled:
            await self.refresh_tokens.revoke_family(spent.family_id)
            raise _invalid_credentials()
        return await self._issue(user, spent.family_id)

    async def logout(self, refresh_token: str) -> None:
        await self.refresh_tokens.revoke(refresh_token)

    async def get_user(self, user_id: str) -> User:
        user = await User.get(PydanticObjectId(user_id)) if PydanticObjectId.is_valid(user_id) else None
        if user is None or user.disabled:
            raise Unauthorized(
                "account-unavailable",
                vi="Tài khoản không còn hoạt động.",
                en="This account is no longer active.",
            )
        return user

    async def update_profile(self, user_id: str, data: UpdateProfileRequest) -> User:
        user = await self.get_user(user_id)
        changes = data.model_dump(exclude_unset=True, exclude_none=True)
        for field, value in changes.items():
            setattr(user, field, value)
        if changes:
            user.updated_at = utcnow()
            await user.save()
        return user

    async def create_user(self, data: CreateUserRequest) -> User:
        return await create_user(data, self.passwords)


async def create_user(data: CreateUserRequest, passwords: Passwords) -> User:
    """Staff accounts: officials, agency admins and leaders belong to an existing agency."""
    if data.role in STAFF_ROLES:
        if not data.agency_code:
            raise Invalid(
                "agency-required",
                vi="Cán bộ phải thuộc một cơ quan.",
                en="Staff accounts must belong to an agency.",
            )
        await get_agency(data.agency_code)
    elif data.agency_code:
        raise Invalid(
            "agency-not-allowed",
            vi="Chỉ cán bộ mới gắn với cơ quan.",
            en="Only staff accounts belong to an agency.",
        )
    user = User(
        phone=data.phone,
        full_name=data.full_name,
        password_hash=await passwords.hash(data.password),
        role=data.role,
        agency_code=data.agency_code if data.role in STAFF_ROLES else None,
        position=data.position,
        email=data.email,
    )
    await insert_unique(user)
    return user
