"""A new citizen in a phone-sized Chromium: register, find, apply with a file, follow the dossier,
offline reading, offline submissions and supplements delivered exactly once, Background Sync."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.dossiers.helpers import act, ok, submit, ward_official
from tests.e2e.citizen import (
    BIRTH,
    CHILD,
    DOSSIER_URL,
    PASSWORD,
    attach_pdf,
    fill_birth_form,
    my_dossiers,
    open_birth_form,
    outbox_size,
    poll,
    sign_up,
    stored_count,
    wait_until_controlled,
)
from tests.support import Session, unique_phone

pytestmark = pytest.mark.browser


def test_register_find_apply_with_a_file_and_follow_the_dossier(
    page: Page, base_url: str, api: httpx.Client
) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="Tạo tài khoản").click()
    page.get_by_label("Họ và tên").fill("Trần Thị Mai")
    phone = unique_phone()
    page.get_by_label("Số điện thoại").fill(phone)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ của tôi")
    expect(page.get_by_text("Bạn chưa có hồ sơ nào.")).to_be_visible()

    page.get_by_role("link", name="Thủ tục", exact=True).click()
    page.get_by_label("Tên thủ tục hoặc từ khoá").fill("khai sinh")
    page.get_by_role("link", name=BIRTH, exact=True).click()
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Nộp hồ sơ: {BIRTH}")
    # The applicant's name comes from the account; a missing field is named, in Vietnamese.
    expect(page.locator("#f-applicant_full_name")).to_have_value("Trần Thị Mai")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.locator("#f-child_full_name-error")).to_have_text("Vui lòng nhập trường này.")
    expect(page.locator("#f-child_full_name")).to_be_focused()

    fill_birth_form(page)
    # What was typed survives a reload (the phone's draft) and reaches the server's drafts.
    expect(page.get_by_text("Đã lưu nháp trên máy")).to_be_visible()
    page.reload()
    expect(page.get_by_text("Đã khôi phục bản nháp của bạn.")).to_be_visible()
    expect(page.locator("#f-child_full_name")).to_have_value(CHILD)
    expect(page.locator("#f-child_date_of_birth")).to_have_value("01/11/2026")
    response = api.post("/api/v1/auth/login", json={"phone": phone, "password": PASSWORD})
    me = Session(response.json()["access_token"], None, response.json()["user"])
    drafts = poll(lambda: ok(api.get("/api/v1/drafts", headers=me.headers))["items"])
    assert drafts[0]["form_data"]["child_full_name"] == CHILD
    assert drafts[0]["form_data"]["child_date_of_birth"] == "2026-11-01"

    attach_pdf(page)
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page).to_have_url(DOSSIER_URL)
    code = page.url.rsplit("/", 1)[1]

    # The "5 clear" view: task, person (since when), progress, result, the timeline.
    expect(page.get_by_role("heading", level=1)).to_have_text(BIRTH)
    expect(page.locator(".status-label")).to_have_text("Đã nộp, chờ tiếp nhận")
    expect(page.locator(".holder")).to_contain_text("Bộ phận Một cửa")
    expect(page.locator(".holder")).to_contain_text(re.compile(r"Từ \d{2}/\d{2}/\d{4} \d{2}:\d{2}"))
    expect(page.locator(".timeline li")).to_have_count(1)
    expect(page.locator(".timeline")).to_contain_text("Nộp hồ sơ")
    expect(page.get_by_text("giay-chung-sinh.pdf")).to_be_visible()
    expect(page.locator('[data-slot="dossier.receipt"]')).to_have_count(1)
    expect(page.locator('[data-slot="dossier.rating"]')).to_have_count(1)

    page.get_by_role("link", name="Hồ sơ của tôi").first.click()
    expect(page.get_by_role("link", name=BIRTH)).to_be_visible()
    expect(page.locator(".dossiers")).to_contain_text(code)

    # On the server: one dossier, with the form as typed and the file; the draft is gone.
    assert ok(api.get("/api/v1/drafts", headers=me.headers))["items"] == []
    items = my_dossiers(api, me)
    assert [d["code"] for d in items] == [code]
    detail = ok(api.get(f"/api/v1/dossiers/{code}", headers=me.headers))
    assert detail["form_data"]["child_full_name"] == CHILD
    assert detail["form_data"]["child_date_of_birth"] == "2026-11-01"
    assert [f["filename"] for f in detail["attachments"]] == ["giay-chung-sinh.pdf"]


def test_an_offline_reload_shows_my_dossiers_and_the_timeline(
    context: BrowserContext, page: Page, base_url: str, api: httpx.Client
) -> None:
    me, _ = sign_up(page, base_url)
    code = submit(api, me)["code"]
    page.goto(base_url + "/ho-so")
    wait_until_controlled(page)
    expect(page.locator(".dossiers")).to_contain_text(code)
    page.get_by_role("link", name=BIRTH).click()
    expect(page.locator(".timeline li")).to_have_count(1)

    context.set_offline(True)
    try:
        page.goto(base_url + "/ho-so")
        expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ của tôi")
        expect(page.locator(".dossiers")).to_contain_text(code)
        expect(page.locator(".freshness")).to_contain_text("Cập nhật lần cuối")
        expect(page.get_by_text("Bạn đang ngoại tuyến")).to_be_visible()
        page.get_by_role("link", name=BIRTH).click()
        expect(page.locator(".status-label")).to_have_text("Đã nộp, chờ tiếp nhận")
        expect(page.locator(".timeline li")).to_have_count(1)
    finally:
        context.set_offline(False)


def test_logging_out_wipes_my_cached_dossiers_whatever_screen_the_app_opened_on(
    page: Page, base_url: str, api: httpx.Client
) -> None:
    me, _ = sign_up(page, base_url)
    code = submit(api, me)["code"]
    page.goto(base_url + "/ho-so")
    wait_until_controlled(page)
    expect(page.locator(".dossiers")).to_contain_text(code)
    assert stored_count(page, "reads") > 0

    # Another day: the app opens on its home screen and the person goes straight to log out.
    page.goto(base_url + "/cai-dat")
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(base_url + "/")
    assert stored_count(page, "reads") == 0


def test_an_offline_submission_is_delivered_once_after_the_app_was_closed(
    context: BrowserContext, page: Page, base_url: str, api: httpx.Client
) -> None:
    me, _ = sign_up(page, base_url)
    open_birth_form(page, base_url, "Lê Offline")
    attach_pdf(page)

    context.set_offline(True)
    page.get_by_role("button", name="Nộp hồ sơ").click()
    # Saved for later: pressing again meanwhile must not queue a second submission.
    expect(page.get_by_text("Chưa có mạng: hồ sơ đã được lưu")).to_be_visible()
    expect(page.locator("form button[type=submit]")).to_be_disabled()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ của tôi")
    expect(page.locator(".waiting")).to_contain_text(BIRTH)
    assert outbox_size(page) == 1

    # The app is closed while offline, then opened again, still offline: the entry is kept.
    page.close()
    page = context.new_page()
    page.goto(base_url + "/dang-cho")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đang chờ gửi")
    expect(page.locator(".entry")).to_have_count(1)
    assert my_dossiers(api, me) == []

    context.set_offline(False)
    page.goto(base_url + "/ho-so")
    expect(page.locator(".dossiers li")).to_have_count(1)
    page.wait_for_function("() => document.querySelectorAll('.waiting').length === 0")
    assert outbox_size(page) == 0

    # Once, whatever replayed it (page start, the online event, Background Sync).
    page.reload()
    expect(page.locator(".dossiers li")).to_have_count(1)
    items = my_dossiers(api, me)
    assert len(items) == 1
    detail = ok(api.get(f"/api/v1/dossiers/{items[0]['code']}", headers=me.headers))
    assert detail["form_data"]["child_full_name"] == "Lê Offline"
    assert len(detail["attachments"]) == 1


SPOIL_CCCD = """() => new Promise((resolve, reject) => {
    const open = indexedDB.open('congdanso');
    open.onsuccess = () => {
        const store = open.result.transaction('outbox', 'readwrite').objectStore('outbox');
        const all = store.getAll();
        all.onsuccess = () => {
            const entry = all.result[0];
            entry.body.form_data.applicant_cccd = '123';
            store.put(entry).onsuccess = () => { resolve(null); open.result.close(); };
        };
        all.onerror = () => reject(all.error);
    };
    open.onerror = () => reject(open.error);
})"""


def test_a_submission_refused_in_the_background_comes_back_into_the_form(
    context: BrowserContext, page: Page, base_url: str, api: httpx.Client
) -> None:
    me, _ = sign_up(page, base_url)
    open_birth_form(page, base_url, "Lê Bị Trả")
    context.set_offline(True)
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ của tôi")
    # What the server will refuse (a CCCD of 3 digits), as if the rules changed meanwhile.
    page.evaluate(SPOIL_CCCD)

    context.set_offline(False)
    page.goto(base_url + "/dang-cho")
    expect(page.locator(".entry.failed")).to_have_count(1)
    page.get_by_role("link", name="Xem và sửa").click()
    # The refused submission itself is back in the form, with the server's problem.
    expect(page.locator("#f-applicant_cccd")).to_have_value("123")
    expect(page.locator("#f-child_full_name")).to_have_value("Lê Bị Trả")
    expect(page.locator(".error[role=alert]")).to_be_visible()
    # It left the outbox, but is on the phone: closing the app at once loses nothing.
    assert outbox_size(page) == 0
    page.reload()
    expect(page.locator("#f-applicant_cccd")).to_have_value("123")
    expect(page.locator("#f-child_full_name")).to_have_value("Lê Bị Trả")

    page.locator("#f-applicant_cccd").fill("030095001234")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page).to_have_url(DOSSIER_URL)
    items = my_dossiers(api, me)
    assert len(items) == 1


def test_an_offline_supplement_arrives_once(
    context: BrowserContext, page: Page, base_url: str, api: httpx.Client
) -> None:
    me, _ = sign_up(page, base_url)
    dossier = submit(api, me)
    code = dossier["code"]
    desk = ward_official(api)
    version = ok(act(api, desk, code, "accept", dossier["version"]))["version"]
    version = ok(act(api, desk, code, "claim", version))["version"]
    ok(act(api, desk, code, "request_supplement", version, missing_items=["Bản sao Giấy chứng sinh"]))

    page.goto(base_url + f"/ho-so/{code}")
    wait_until_controlled(page)
    expect(page.locator(".status-label")).to_have_text("Yêu cầu bổ sung")
    expect(page.get_by_text("Bản sao Giấy chứng sinh")).to_be_visible()

    context.set_offline(True)
    page.get_by_role("link", name="Bổ sung hồ sơ").click()
    attach_pdf(page, "#supp-files", "ban-sao-giay-chung-sinh.pdf")
    page.get_by_label("Ghi chú cho cán bộ").fill("Đã bổ sung bản sao.")
    # The phone drops the tab (the camera app took the memory): nothing typed or picked is lost.
    poll(lambda: [1] if stored_count(page, "drafts") else [], seconds=5)
    page.reload()
    expect(page.get_by_label("Ghi chú cho cán bộ")).to_have_value("Đã bổ sung bản sao.")
    expect(page.get_by_text("ban-sao-giay-chung-sinh.pdf")).to_be_visible()
    page.get_by_role("button", name="Gửi bổ sung").click()
    expect(page.get_by_text("Bản bổ sung của bạn đang chờ gửi.")).to_be_visible()
    page.close()

    page = context.new_page()
    page.goto(base_url + f"/ho-so/{code}")
    expect(page.get_by_text("Bản bổ sung của bạn đang chờ gửi.")).to_be_visible()
    context.set_offline(False)
    expect(page.locator(".status-label")).to_have_text("Đã bổ sung, đang xử lý")
    page.wait_for_function("() => !document.body.innerText.includes('đang chờ gửi')")
    assert outbox_size(page) == 0
    page.reload()
    expect(page.locator(".status-label")).to_have_text("Đã bổ sung, đang xử lý")

    view = ok(api.get(f"/api/v1/dossiers/{code}", headers=me.headers))
    supplements = [step for step in view["timeline"] if step["action"]["code"] == "supplement"]
    assert len(supplements) == 1
    assert supplements[0]["note"] == "Đã bổ sung bản sao."
    assert [f["filename"] for f in view["attachments"]] == ["ban-sao-giay-chung-sinh.pdf"]
    assert stored_count(page, "drafts") == 0  # sent: the phone's copy is gone


def test_background_sync_delivers_with_no_page_of_the_app_open(
    context: BrowserContext, page: Page, base_url: str, api: httpx.Client
) -> None:
    me, _ = sign_up(page, base_url)
    open_birth_form(page, base_url, "Đỗ Đồng Bộ")
    context.set_offline(True)
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.locator(".waiting")).to_contain_text(BIRTH)
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.sync.getTags())") == ["cds-outbox"]

    # The app is closed; only the service worker is left. The browser wakes it with a `sync` event
    # when the network is back: DevTools' offline switch does not move Chrome's real network
    # state, so the test plays the browser's part and dispatches that event (CDP).
    blank = context.new_page()
    cdp = context.new_cdp_session(blank)
    registrations: list[dict[str, Any]] = []
    cdp.on("ServiceWorker.workerRegistrationUpdated", lambda e: registrations.extend(e["registrations"]))
    cdp.send("ServiceWorker.enable")
    page.close()
    context.set_offline(False)
    # Playwright delivers CDP events while it waits on the page, not during time.sleep.
    blank.wait_for_function("true")
    for _ in range(100):
        if registrations:
            break
        blank.evaluate("new Promise((done) => setTimeout(done, 50))")
    cdp.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": base_url,
            "registrationId": registrations[0]["registrationId"],
            "tag": "cds-outbox",
            "lastChance": False,
        },
    )
    items = poll(lambda: my_dossiers(api, me))
    assert len(items) == 1
    blank.goto(base_url + "/ho-so")
    expect(blank.locator(".dossiers li")).to_have_count(1)
    assert outbox_size(blank) == 0
    assert len(my_dossiers(api, me)) == 1
