"""Identity over HTTP: register, login, refresh, logout, profile, staff accounts."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, patch, post
from litestar.datastructures import Cookie, State
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.errors import Unauthorized
from backend.identity.schemas import (
    CreateUserRequest,
    LoginRequest,
    LogoutRequest,
    RefreshRequest,
    RegisterRequest,
    TokenDelivery,
    TokenResponse,
    UpdateProfileRequest,
    UserOut,
)
from backend.identity.service import IdentityService, IssuedTokens, user_out
from backend.openapi import problems
from backend.security import Principal, Role, require_roles

REFRESH_COOKIE = "cds_refresh"
REFRESH_COOKIE_PATH = "/api/v1/auth"


def provide_identity(state: State) -> IdentityService:
    service: IdentityService = state.identity
    return service


def _token_response(
    state: State, issued: IssuedTokens, delivery: TokenDelivery, status: int
) -> Response[TokenResponse]:
    service = provide_identity(state)
    settings = service.tokens.settings
    body = TokenResponse(
        access_token=issued.access_token,
        expires_in=settings.access_ttl_seconds,
        refresh_token=issued.refresh_token if delivery == "body" else None,
        refresh_expires_in=settings.refresh_ttl_seconds,
        user=user_out(issued.user),
    )
    cookies = []
    if delivery == "cookie":
        cookies.append(
            Cookie(
                key=REFRESH_COOKIE,
                value=issued.refresh_token,
                path=REFRESH_COOKIE_PATH,
                max_age=settings.refresh_ttl_seconds,
                httponly=True,
                secure=settings.secure_cookies,
                samesite="strict",
            )
        )
    return Response(body, status_code=status, cookies=cookies, headers={"Cache-Control": "no-store"})


def _refresh_token_from(request: Request[Any, Any, Any], given: str | None) -> str:
    token = given or request.cookies.get(REFRESH_COOKIE)
    if not token:
        raise Unauthorized(
            "missing-refresh-token",
            vi="Thiếu mã làm mới phiên đăng nhập.",
            en="No refresh token was given (body or cookie).",
        )
    return token


class AuthController(Controller):
    path = "/api/v1/auth"
    tags = ["identity"]  # noqa: RUF012
    dependencies = {"identity": Provide(provide_identity, sync_to_thread=False)}  # noqa: RUF012
    opt = {"public": True}  # noqa: RUF012 - obtaining a token cannot need one

    @post(
        "/register",
        operation_id="register",
        responses=problems(400, 409, 413),
        status_code=HTTP_201_CREATED,
        summary="Register a citizen",
    )
    async def register(
        self, state: State, identity: NamedDependency[IdentityService], data: JSONBody[RegisterRequest]
    ) -> Response[TokenResponse]:
        """Create a citizen account and log it in. A phone number registers once (409 after)."""
        issued = await identity.register(data)
        return _token_response(state, issued, data.token_delivery, HTTP_201_CREATED)

    @post(
        "/login",
        operation_id="login",
        responses=problems(400, 401, 429),
        status_code=HTTP_200_OK,
        summary="Log in with phone and password",
    )
    async def login(
        self,
        state: State,
        request: Request[Any, Any, Any],
        identity: NamedDependency[IdentityService],
        data: JSONBody[LoginRequest],
    ) -> Response[TokenResponse]:
        """Repeated failures lock the account and the client address for a while (429)."""
        client = request.client.host if request.client else "unknown"
        issued = await identity.login(data.phone, data.password, client)
        return _token_response(state, issued, data.token_delivery, HTTP_200_OK)

    @post(
        "/refresh",
        operation_id="refreshToken",
        responses=problems(400, 401),
        status_code=HTTP_200_OK,
        summary="Rotate the refresh token",
    )
    async def refresh(
        self,
        state: State,
        request: Request[Any, Any, Any],
        identity: NamedDependency[IdentityService],
        data: JSONBody[RefreshRequest | None] = None,
    ) -> Response[TokenResponse]:
        """Spends the refresh token and returns a new pair. A replayed token revokes its family."""
        body = data or RefreshRequest()
        issued = await identity.refresh(_refresh_token_from(request, body.refresh_token))
        return _token_response(state, issued, body.token_delivery, HTTP_200_OK)

    @post(
        "/logout",
        operation_id="logout",
        responses=problems(400),
        status_code=HTTP_204_NO_CONTENT,
        summary="Log out",
    )
    async def logout(
        self,
        request: Request[Any, Any, Any],
        identity: NamedDependency[IdentityService],
        data: JSONBody[LogoutRequest | None] = None,
    ) -> Response[None]:
        """Revokes the session (the refresh-token family). Idempotent."""
        token = (data.refresh_token if data else None) or request.cookies.get(REFRESH_COOKIE)
        if token:
            await identity.logout(token)
        response: Response[None] = Response(None, status_code=HTTP_204_NO_CONTENT)
        response.delete_cookie(REFRESH_COOKIE, path=REFRESH_COOKIE_PATH)
        return response


class MeController(Controller):
    path = "/api/v1/me"
    tags = ["identity"]  # noqa: RUF012
    dependencies = {"identity": Provide(provide_identity, sync_to_thread=False)}  # noqa: RUF012

    @get("/", operation_id="getMe", responses=problems(401), summary="The logged-in user", cache_control=None)
    async def me(
        self, request: Request[Principal, Any, Any], identity: NamedDependency[IdentityService]
    ) -> UserOut:
        return user_out(await identity.get_user(request.user.subject))

    @patch("/", operation_id="updateMe", responses=problems(400, 401), summary="Update my profile")
    async def update(
        self,
        request: Request[Principal, Any, Any],
        identity: NamedDependency[IdentityService],
        data: JSONBody[UpdateProfileRequest],
    ) -> UserOut:
        return user_out(await identity.update_profile(request.user.subject, data))


class AdminUsersController(Controller):
    path = "/api/v1/admin/users"
    tags = ["administration"]  # noqa: RUF012
    guards = [require_roles(Role.admin)]  # noqa: RUF012
    dependencies = {"identity": Provide(provide_identity, sync_to_thread=False)}  # noqa: RUF012

    @post(
        "/",
        operation_id="createUser",
        responses=problems(400, 401, 403, 404, 409, 422),
        status_code=HTTP_201_CREATED,
        summary="Create a staff account",
    )
    async def create(
        self, identity: NamedDependency[IdentityService], data: JSONBody[CreateUserRequest]
    ) -> UserOut:
        """Officials, agency admins and leaders are created here or by ``congdanso create-user``."""
        return user_out(await identity.create_user(data))
