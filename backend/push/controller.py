"""Push over HTTP: the VAPID key, device subscriptions, the inbox, preferences."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from litestar import Controller, Request, Response, delete, get, post, put
from litestar.datastructures import State
from litestar.params import JSONBody, PathParameter, QueryParameter

from backend.errors import Invalid, NotFound
from backend.openapi import problems
from backend.pagination import decode_cursor, encode_cursor, invalid_cursor
from backend.push.schemas import (
    Device,
    DeviceList,
    MarkReadRequest,
    NotificationOut,
    NotificationPage,
    PreferencesIn,
    PreferencesOut,
    QuietHoursIn,
    SubscribeRequest,
    UnreadCount,
    VapidKey,
)
from backend.security import Principal
from notifications import inbox, preferences, subscriptions
from notifications.errors import NotFoundError, NotifyError
from notifications.texts import Kind
from notifications.vapid import origin_of

SubscriptionId = Annotated[str, PathParameter(pattern=r"^[0-9a-f]{24}$")]


@contextmanager
def problems_of_notifications() -> Iterator[None]:
    """``notifications`` never imports ``backend``: its errors become problems here."""
    try:
        yield
    except NotFoundError as exc:
        raise NotFound(exc.slug, vi=exc.vi, en=exc.en) from exc
    except NotifyError as exc:
        errors = [{"field": exc.field, "message": exc.en}] if exc.field else []
        raise Invalid(exc.slug, vi=exc.vi, en=exc.en, errors=errors) from exc


def _device(doc: dict[str, Any]) -> Device:
    return Device(
        id=doc["_id"],
        label=doc.get("label"),
        endpoint_origin=origin_of(doc["endpoint"]),
        created_at=doc["created_at"],
        last_success_at=doc.get("last_success_at"),
    )


def _notification(doc: dict[str, Any]) -> NotificationOut:
    return NotificationOut(
        id=doc["_id"],
        kind=doc["kind"],
        dossier_code=doc.get("dossier_code"),
        title=doc["title"],
        body=doc["body"],
        url=doc["url"],
        created_at=doc["created_at"],
        read=doc.get("read_at") is not None,
    )


def _preferences(doc: dict[str, Any]) -> PreferencesOut:
    quiet = doc.get("quiet_hours")
    return PreferencesOut(
        disabled_kinds=doc.get("disabled_kinds", []),
        quiet_hours=QuietHoursIn(**quiet) if quiet else None,
        kinds=[k.value for k in Kind],
    )


class PushController(Controller):
    path = "/api/v1/push"
    tags = ["notifications"]  # noqa: RUF012

    @get("/vapid-public-key", operation_id="getVapidPublicKey", opt={"public": True}, security=[])
    async def vapid_public_key(self, state: State) -> Response[VapidKey]:
        """The key a browser passes to ``PushManager.subscribe`` as ``applicationServerKey``."""
        return Response(
            VapidKey(public_key=state.vapid_public_key), headers={"Cache-Control": "public, max-age=3600"}
        )

    @post(
        "/subscriptions",
        operation_id="subscribePush",
        status_code=201,
        responses=problems(400, 401, 422),
    )
    async def subscribe(
        self, request: Request[Principal, Any, Any], state: State, data: JSONBody[SubscribeRequest]
    ) -> Response[Device]:
        """Register this device (idempotent by endpoint: 201 the first time, then 200)."""
        with problems_of_notifications():
            doc, created = await subscriptions.register(
                request.user.subject,
                data.endpoint,
                data.keys.p256dh,
                data.keys.auth,
                data.label or request.headers.get("user-agent", "")[:100] or None,
                allow_http_loopback=not state.settings.is_production,
            )
        return Response(_device(doc), status_code=201 if created else 200)

    @get("/subscriptions", operation_id="listPushDevices", responses=problems(401))
    async def devices(self, request: Request[Principal, Any, Any]) -> DeviceList:
        """The devices that receive this account's notifications (shown in settings)."""
        return DeviceList(items=[_device(d) for d in await subscriptions.list_for(request.user.subject)])

    @delete(
        "/subscriptions/{subscription_id:str}",
        operation_id="unsubscribePush",
        responses=problems(400, 401, 404),
    )
    async def unsubscribe(
        self, request: Request[Principal, Any, Any], subscription_id: SubscriptionId
    ) -> None:
        """Stop pushing to this device; its pending pushes are cancelled."""
        with problems_of_notifications():
            await subscriptions.remove(request.user.subject, subscription_id)

    @get("/preferences", operation_id="getPushPreferences", responses=problems(401))
    async def get_preferences(self, request: Request[Principal, Any, Any]) -> PreferencesOut:
        return _preferences(await preferences.get(request.user.subject))

    @put("/preferences", operation_id="putPushPreferences", responses=problems(400, 401, 422))
    async def put_preferences(
        self, request: Request[Principal, Any, Any], data: JSONBody[PreferencesIn]
    ) -> PreferencesOut:
        """Kinds switched off still reach the inbox; quiet hours (Asia/Ho_Chi_Minh) hold pushes."""
        with problems_of_notifications():
            doc = await preferences.put(
                request.user.subject,
                data.disabled_kinds,
                data.quiet_hours.model_dump() if data.quiet_hours else None,
            )
        return _preferences(doc)


class InboxController(Controller):
    path = "/api/v1/notifications"
    tags = ["notifications"]  # noqa: RUF012

    @get("/", operation_id="listNotifications", responses=problems(400, 401, 422))
    async def list(
        self,
        request: Request[Principal, Any, Any],
        cursor: Annotated[str | None, QueryParameter(max_length=200)] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=100)] = 20,
    ) -> Response[NotificationPage]:
        """Newest first; ``next_cursor`` pages on; ``unread`` counts all unread notifications."""
        after = None
        if cursor:
            after = decode_cursor(cursor)
            if not isinstance(after, str):
                raise invalid_cursor()
        page = await inbox.page(request.user.subject, after, limit)
        body = NotificationPage(
            items=[_notification(d) for d in page.items],
            next_cursor=encode_cursor(page.next_after) if page.next_after else None,
            unread=page.unread,
        )
        return Response(body, headers={"Cache-Control": "private, no-cache"})

    @post("/read", operation_id="markNotificationsRead", status_code=200, responses=problems(400, 401))
    async def mark_read(
        self, request: Request[Principal, Any, Any], data: JSONBody[MarkReadRequest]
    ) -> UnreadCount:
        """Idempotent: marking a read notification read again changes nothing."""
        ids = None if data.all or data.ids is None else data.ids
        return UnreadCount(unread=await inbox.mark_read(request.user.subject, ids))
