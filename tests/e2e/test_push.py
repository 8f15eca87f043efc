"""Push in the browser: the service worker's push handler (CDP ``ServiceWorker.deliverPushMessage``),
duplicates shown once, permission asked only on a click, devices in settings, the inbox offline."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pytest
from playwright.sync_api import BrowserContext, CDPSession, Page, expect

from backend.push.relay import relay_once
from tests.dossiers.helpers import act, ok, submit, ward_official
from tests.e2e.citizen import sign_up, wait_until_controlled
from tests.push.conftest import on_server
from tests.push.peer import PushPeer
from tests.support import LiveServer

pytestmark = pytest.mark.browser

#: Counts permission prompts and stands in for a push service (unreachable here): subscribe()
#: returns the subscription the test generated, so the real API registers it.
INIT = """
window.__prompts = 0;
const ask = Notification.requestPermission.bind(Notification);
Notification.requestPermission = (...a) => { window.__prompts += 1; return ask(...a); };
PushManager.prototype.getSubscription = async function () { return null; };
PushManager.prototype.subscribe = async function () {
  const json = JSON.parse(localStorage.getItem('test.subscription'));
  return { toJSON: () => json, endpoint: json.endpoint, unsubscribe: async () => true };
};
"""


def registration_id(cdp: CDPSession, page: Page) -> str:
    found: list[str] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: found.extend(r["registrationId"] for r in e["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + 10
    while not found and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert found, "no service worker registration reported"
    return found[0]


def shown(page: Page) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = page.evaluate(
        """navigator.serviceWorker.ready
             .then((r) => r.getNotifications())
             .then((ns) => ns.map((n) =>
                ({ title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url })))"""
    )
    return result


def test_the_worker_shows_a_push_once_per_notification_id(
    context: BrowserContext, page: Page, base_url: str
) -> None:
    context.grant_permissions(["notifications"], origin=base_url)
    sign_up(page, base_url)
    page.goto(base_url + "/")
    wait_until_controlled(page)
    cdp = context.new_cdp_session(page)
    reg = registration_id(cdp, page)

    def push(payload: dict[str, Any]) -> None:
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {"origin": base_url, "registrationId": reg, "data": json.dumps(payload)},
        )

    first = {
        "id": "a" * 32,
        "kind": "status_changed",
        "title": "Hồ sơ HD-2026-000123: Đã tiếp nhận",
        "body": "Hồ sơ HD-2026-000123 (Đăng ký khai sinh) đã chuyển sang trạng thái: Đã tiếp nhận.",
        "url": "/ho-so/HD-2026-000123",
        "code": "HD-2026-000123",
    }
    push(first)
    deadline = time.monotonic() + 10
    while not shown(page) and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    [notification] = shown(page)
    assert notification["title"] == "Hồ sơ HD-2026-000123: Đã tiếp nhận"
    assert "HD-2026-000123" in notification["body"]
    assert notification["tag"] == "a" * 32
    assert notification["url"] == "/ho-so/HD-2026-000123"

    push(first)  # the same id again (a redelivery)
    push({**first, "id": "b" * 32, "title": "Hồ sơ HD-2026-000124: Có kết quả", "code": "HD-2026-000124"})
    while len(shown(page)) < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    page.wait_for_timeout(300)  # let a wrong third one appear, if it would
    assert sorted(n["tag"] for n in shown(page)) == ["a" * 32, "b" * 32]

    # Dismissed, then delivered again: still not shown twice.
    page.evaluate(
        "navigator.serviceWorker.ready.then((r) => r.getNotifications())"
        ".then((ns) => ns.forEach((n) => n.close()))"
    )
    push(first)
    page.wait_for_timeout(300)
    assert shown(page) == []


def test_permission_is_asked_only_on_a_click_and_the_device_is_listed(
    context: BrowserContext, page: Page, base_url: str
) -> None:
    peer = PushPeer()  # not started: only its subscription shape and keys are needed here
    peer.port = 9
    context.add_init_script(INIT)
    context.grant_permissions(["notifications"], origin=base_url)
    sign_up(page, base_url)
    page.evaluate(f"localStorage.setItem('test.subscription', {json.dumps(json.dumps(peer.subscription()))})")
    for path in ("/", "/thong-bao", "/cai-dat"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__prompts") == 0  # never on load
    section = page.locator(".push-devices")
    expect(section.get_by_role("heading", name="Thông báo trên điện thoại")).to_be_visible()
    expect(section.get_by_text("Chưa có thiết bị nào nhận thông báo.")).to_be_visible()
    section.get_by_role("button", name="Nhận thông báo trên thiết bị này").click()
    expect(section.locator(".devices li")).to_have_count(1)
    expect(section.locator(".devices li")).to_contain_text("thiết bị này")
    assert page.evaluate("window.__prompts") == 1
    section.get_by_role("button", name="Gỡ").click()
    expect(section.get_by_text("Chưa có thiết bị nào nhận thông báo.")).to_be_visible()


def test_logging_out_stops_push_on_this_phone(context: BrowserContext, page: Page, base_url: str) -> None:
    """On a shared phone the next person must not see the last one's dossier notifications."""
    peer = PushPeer()
    peer.port = 9
    context.add_init_script(
        INIT.replace(
            "PushManager.prototype.getSubscription = async function () { return null; };",
            """PushManager.prototype.getSubscription = async function () {
                const json = JSON.parse(localStorage.getItem('test.subscription'));
                return { toJSON: () => json, endpoint: json.endpoint,
                         unsubscribe: async () => { window.__unsubscribed = true; return true; } };
            };""",
        )
    )
    context.grant_permissions(["notifications"], origin=base_url)
    sign_up(page, base_url)
    page.evaluate(f"localStorage.setItem('test.subscription', {json.dumps(json.dumps(peer.subscription()))})")
    page.goto(base_url + "/cai-dat")
    section = page.locator(".push-devices")
    section.get_by_role("button", name="Nhận thông báo trên thiết bị này").click()
    expect(section.locator(".devices li")).to_have_count(1)
    assert page.evaluate("localStorage.getItem('push.device')") is not None

    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(base_url + "/")
    assert page.evaluate("window.__unsubscribed === true")
    assert page.evaluate("localStorage.getItem('push.device')") is None


def test_the_inbox_lists_opens_and_works_offline(
    context: BrowserContext, page: Page, base_url: str, api: httpx.Client, live_server: LiveServer
) -> None:
    me, _ = sign_up(page, base_url)
    dossier = submit(api, me)
    code = dossier["code"]
    ok(act(api, ward_official(api), code, "accept", dossier["version"]))
    on_server(live_server, lambda db: relay_once(db.client))
    page.goto(base_url + "/thong-bao")
    wait_until_controlled(page)
    items = page.locator(".notifications li")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text(f"Hồ sơ {code}: Đã tiếp nhận")
    expect(page.get_by_text("2 thông báo chưa đọc.")).to_be_visible()

    context.set_offline(True)
    try:
        page.reload()
        expect(page.locator(".notifications li")).to_have_count(2)
        expect(page.locator(".notifications li").first).to_contain_text(code)
    finally:
        context.set_offline(False)
    page.reload()
    page.locator(".notifications li").first.get_by_role("link").click()
    expect(page).to_have_url(base_url + f"/ho-so/{code}")
    unread = api.get("/api/v1/notifications", headers=me.headers).json()["unread"]
    assert unread == 1
