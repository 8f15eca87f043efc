"""The Litestar application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.datastructures import State
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme, Server, Tag

from backend.agencies.controller import AgencyController
from backend.attachments.controller import AttachmentController
from backend.calendar.controller import HolidayController
from backend.catalogue.controller import ProcedureController
from backend.db import connect
from backend.desk.controller import DeskController
from backend.dossiers.controller import DossierController
from backend.dossiers.lookup import LookupController
from backend.dossiers.workbench import WorkbenchController
from backend.drafts.controller import DraftController
from backend.errors import exception_handlers
from backend.feedback.controller import FeedbackController
from backend.health.controller import HealthController
from backend.identity.controller import AdminUsersController, AuthController, MeController
from backend.identity.service import IdentityService
from backend.keys import KeyRing
from backend.observability import RequestIdMiddleware, configure_logging
from backend.push.controller import InboxController, PushController
from backend.ratings.controller import RatingController
from backend.receipts.controller import (
    JwksController,
    PublicReceiptPage,
    ReceiptController,
    VerifyController,
)
from backend.receipts.keys import receipt_keys
from backend.receipts.service import Receipts
from backend.security import BearerAuthMiddleware, TokenService
from backend.settings import Settings, get_settings
from backend.stats.controller import StatsController
from backend.web.controller import WebController
from notifications.vapid import load_key as load_vapid_key
from notifications.vapid import public_key_b64

API_VERSION = "1.0.0"

ROUTE_HANDLERS = [
    HealthController,
    AuthController,
    MeController,
    AdminUsersController,
    AgencyController,
    ProcedureController,
    HolidayController,
    AttachmentController,
    DraftController,
    DossierController,
    WorkbenchController,
    LookupController,
    ReceiptController,
    DeskController,
    VerifyController,
    JwksController,
    PublicReceiptPage,
    RatingController,
    FeedbackController,
    StatsController,
    PushController,
    InboxController,
    # Last: the PWA's catch-all never shadows an API route (static segments win in the router).
    WebController,
]

OPENAPI_TAGS = [
    Tag(name="identity", description="Đăng ký, đăng nhập, phiên — registration, login, sessions"),
    Tag(name="catalogue", description="Danh mục thủ tục và cơ quan — procedures and agencies"),
    Tag(name="dossiers", description="Hồ sơ — submission, tracking, drafts, files, public lookup"),
    Tag(name="workbench", description="Bàn làm việc cán bộ — the officials' queue"),
    Tag(name="receipts", description="Giấy tiếp nhận có chữ ký số, quầy một cửa — signed receipts, desk"),
    Tag(name="ratings", description="Đánh giá mức độ hài lòng — satisfaction ratings"),
    Tag(name="feedback", description="Phản ánh, kiến nghị — reports, including harassment"),
    Tag(name="statistics", description="Chỉ số Quyết định 766 — KPIs, drill-down, exports"),
    Tag(name="notifications", description="Thông báo — push devices, the inbox, preferences"),
    Tag(name="administration", description="Quản trị — staff accounts, the holiday calendar"),
    Tag(name="operations", description="Health probes"),
]


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Công dân số API",
        version=API_VERSION,
        description=(
            "Dịch vụ công trực tuyến của tỉnh — the province's online public services. "
            "Errors are RFC 9457 `application/problem+json`; send `Accept-Language: en` for English."
        ),
        tags=OPENAPI_TAGS,
        servers=[Server(url="/")],
        components=Components(
            security_schemes={
                "BearerToken": SecurityScheme(type="http", scheme="bearer", bearer_format="JWT (ES256)")
            }
        ),
        security=[{"BearerToken": []}],
        path="/schema",
        render_plugins=[ScalarRenderPlugin(), SwaggerRenderPlugin(path="/swagger")],
        use_handler_docstrings=True,
        create_examples=False,
    )


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    keys = KeyRing.load(settings.auth.key_dir, create=not settings.is_production)
    tokens = TokenService(keys, settings.auth)
    receipts = Receipts(receipt_keys(settings), settings.receipts)
    vapid = load_vapid_key(settings.push, create=not settings.is_production)

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        database = await connect(settings.db)
        app.state.database = database
        try:
            yield
        finally:
            await database.close()

    app = Litestar(
        route_handlers=ROUTE_HANDLERS,
        lifespan=[lifespan],
        state=State(
            {
                "settings": settings,
                "tokens": tokens,
                "identity": IdentityService(tokens, settings.auth),
                "receipts": receipts,
                "vapid_public_key": public_key_b64(vapid),
            }
        ),
        middleware=[DefineMiddleware(BearerAuthMiddleware, tokens=tokens)],
        exception_handlers=exception_handlers,
        openapi_config=openapi_config(),
        request_max_body_size=settings.max_body_bytes,
        debug=False,
        logging_config=None,
    )
    # Outermost, around Litestar's own exception handling: routing errors (404, 405) and auth
    # failures are rendered while the request id is set, and every response carries it.
    app.asgi_handler = RequestIdMiddleware(app.asgi_handler)
    return app
