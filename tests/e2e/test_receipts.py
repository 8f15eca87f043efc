"""The desk scanner with Chromium's fake camera fed a real receipt QR (rendered by the backend):
decoded by the app's own jsQR, verified on the phone with the network cut, the right dossier
shown; a forged QR is "not genuine". And the citizen's receipt opens offline."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import png
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from backend.receipts.render import qr_png
from tests.dossiers.helpers import act, citizen, ok, submit, ward_official
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.e2e.test_pwa import axe_violations
from tests.receipts.helpers import flip
from tests.support import LiveServer

pytestmark = pytest.mark.browser
OFFICIAL = ("0900000011", "canbo-demo-1")
CITIZEN = ("0900000001", "congdan-demo-1")


def y4m_of_png(data: bytes, path: Path, frames: int = 6) -> Path:
    """A still video (YUV 4:2:0) of the PNG on white, for --use-file-for-fake-video-capture."""
    width, height, rows, _ = png.Reader(bytes=data).asRGBA8()
    pixels = [bytes(row[0::4]) for row in rows]  # red = grey for a black-and-white QR
    side = (max(width, height) + 80) // 2 * 2
    left, top = (side - width) // 2, (side - height) // 2
    luma = bytearray(b"\xff" * side * side)
    for y, row in enumerate(pixels):
        start = (top + y) * side + left
        luma[start : start + width] = row
    chroma = b"\x80" * (side // 2) * (side // 2)
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{side} H{side} F5:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + bytes(luma) + chroma + chroma)
    return path


@pytest.fixture(scope="module")
def accepted_receipt(live_server: LiveServer) -> dict[str, Any]:
    with httpx.Client(base_url=live_server.url, timeout=30) as api:
        an, binh = citizen(api), ward_official(api)
        d = submit(api, an)
        ok(act(api, binh, d["code"], "accept", d["version"]))
        receipt = ok(api.get(f"/api/v1/dossiers/{d['code']}/receipt", headers=binh.headers))
        png_bytes = api.get(f"/api/v1/dossiers/{d['code']}/receipt/qr.png", headers=binh.headers).content
        return {**receipt, "png": png_bytes}


def camera_browser(playwright: Playwright, video: Path) -> Browser:
    executable = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
    fake = [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    return playwright.chromium.launch(executable_path=executable, headless=True, args=[*CHROMIUM_ARGS, *fake])


@pytest.fixture
def camera(playwright: Playwright) -> Iterator[Any]:
    opened: list[Browser] = []

    def launch(video: Path) -> BrowserContext:
        browser = camera_browser(playwright, video)
        opened.append(browser)
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="vi-VN")
        context.set_default_timeout(15_000)
        context.grant_permissions(["camera"])
        return context

    yield launch
    for browser in opened:
        browser.close()


def log_in(context: BrowserContext, base_url: str, who: tuple[str, str]) -> Page:
    """Log in as the app does (refresh cookie), then let the app resume the session."""
    response = context.request.post(
        f"{base_url}/api/v1/auth/login",
        data={"phone": who[0], "password": who[1], "token_delivery": "cookie"},
    )
    assert response.ok, response.text()
    context.add_init_script("localStorage.setItem('cds-session', '1')")
    return context.new_page()


def open_desk(context: BrowserContext, base_url: str) -> Page:
    page = log_in(context, base_url, OFFICIAL)
    page.goto(base_url + "/quay")
    expect(page.get_by_text("Khoá xác minh: ")).to_be_visible()
    page.wait_for_load_state("networkidle")  # keys, the agency's queue and the decoder are on the phone
    return page


def test_the_desk_scans_a_real_receipt_and_verifies_it_offline(
    camera: Any, base_url: str, accepted_receipt: dict[str, Any], tmp_path: Path, live_server: LiveServer
) -> None:
    context: BrowserContext = camera(y4m_of_png(accepted_receipt["png"], tmp_path / "receipt.y4m"))
    page = open_desk(context, base_url)
    context.set_offline(True)
    page.get_by_role("button", name="Bật camera").click()
    verdict = page.locator("[data-verdict]")
    expect(verdict).to_have_attribute("data-verdict", "valid")
    expect(verdict).to_contain_text("Giấy tiếp nhận hợp lệ")
    expect(verdict).to_contain_text("ngoại tuyến")
    code = accepted_receipt["code"]
    dossier = page.locator(f'[data-dossier="{code}"]')
    expect(dossier).to_contain_text(code)
    expect(dossier).to_contain_text("Đăng ký khai sinh")  # from the queue cached while online
    expect(dossier).to_contain_text("Nguyễn Văn An")
    assert axe_violations(page) == []  # the desk screen with a result, WCAG 2 A/AA
    # A desk action offline waits in the outbox, then reaches the server when the network returns.
    page.get_by_role("button", name="Ghi nhận công dân đến quầy").click()
    expect(page.get_by_text("Sẽ gửi khi có mạng")).to_be_visible()
    context.set_offline(False)
    with httpx.Client(base_url=live_server.url, timeout=30) as api:
        binh = ward_official(api)
        deadline = time.monotonic() + 20
        while True:
            log = ok(api.get(f"/api/v1/dossiers/{code}/desk", headers=binh.headers))["items"]
            if log or time.monotonic() > deadline:
                break
            page.wait_for_timeout(200)
    assert [r["action"]["code"] for r in log] == ["record_attendance"]
    assert log[0]["receipt_scanned"] is True


def test_a_forged_qr_is_not_genuine(
    camera: Any, base_url: str, accepted_receipt: dict[str, Any], tmp_path: Path
) -> None:
    token = accepted_receipt["token"]
    forged_url = accepted_receipt["url"].replace(token, flip(token, len(token) // 2))
    context: BrowserContext = camera(y4m_of_png(qr_png(forged_url), tmp_path / "forged.y4m"))
    page = open_desk(context, base_url)
    context.set_offline(True)
    page.get_by_role("button", name="Bật camera").click()
    verdict = page.locator("[data-verdict]")
    expect(verdict).to_have_attribute("data-verdict", "invalid")
    expect(verdict).to_contain_text("không hợp lệ")
    expect(page.locator("[data-dossier]")).to_have_count(0)
    # The fallback: the code and lookup secret typed from the paper, checked against the dossier.
    context.set_offline(False)
    page.get_by_label("Nhập tay").fill(accepted_receipt["code"])
    page.get_by_label("Mã tra cứu trên giấy").fill(accepted_receipt["lookup_secret"].lower())
    page.get_by_role("button", name="Kiểm tra").click()
    expect(page.locator("[data-verdict]")).to_have_attribute("data-verdict", "manual")
    expect(page.locator("[data-verdict]")).to_contain_text("Mã tra cứu khớp với hồ sơ")
    expect(page.locator(f'[data-dossier="{accepted_receipt["code"]}"]')).to_contain_text("Nguyễn Văn An")


def test_the_citizens_receipt_opens_offline(
    browser: Browser, base_url: str, accepted_receipt: dict[str, Any]
) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="vi-VN")
    context.set_default_timeout(15_000)
    try:
        page = log_in(context, base_url, CITIZEN)
        code = accepted_receipt["code"]
        page.goto(f"{base_url}/ho-so/{code}")
        receipt = page.locator(f'[data-receipt="{code}"]')
        expect(receipt).to_contain_text(accepted_receipt["lookup_secret"])
        expect(receipt.get_by_role("img")).to_be_visible()
        expect(receipt).to_contain_text("độ sáng")
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        context.set_offline(True)
        page.reload()
        expect(page.locator(f'[data-receipt="{code}"]')).to_contain_text(accepted_receipt["lookup_secret"])
        with page.expect_download() as download:
            page.get_by_role("button", name="Lưu thành ảnh").click()
        saved = download.value.path()
        assert png.Reader(filename=str(saved)).read()[0] == 720
    finally:
        context.close()
