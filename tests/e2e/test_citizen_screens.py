"""Every citizen screen, in Vietnamese and English, at 320 px: axe-core finds no WCAG 2 A/AA
violation and nothing scrolls sideways."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Browser, expect

from tests.dossiers.helpers import act, ok, submit, ward_official
from tests.e2e.citizen import (
    BIRTH,
    sign_up,
)
from tests.e2e.test_pwa import axe_violations

pytestmark = pytest.mark.browser


def test_every_screen_has_no_wcag_a_or_aa_violation_and_fits_320_px(
    browser: Browser, base_url: str, api: httpx.Client
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        me, _ = sign_up(page, base_url)
        dossier = submit(api, me)
        code = dossier["code"]
        desk = ward_official(api)
        version = ok(act(api, desk, code, "accept", dossier["version"]))["version"]
        version = ok(act(api, desk, code, "claim", version))["version"]
        ok(act(api, desk, code, "request_supplement", version, missing_items=["Bản sao Giấy chứng sinh"]))

        screens = {
            "/": "Dịch vụ công trực tuyến",
            "/thu-tuc?q=khai+sinh": "Tra cứu thủ tục",
            "/thu-tuc/HT-KS": BIRTH,
            "/thu-tuc/HT-KS/nop": f"Nộp hồ sơ: {BIRTH}",
            "/ho-so": "Hồ sơ của tôi",
            f"/ho-so/{code}": BIRTH,
            f"/ho-so/{code}/bo-sung": f"Bổ sung hồ sơ {code}",
            f"/ho-so/{code}/bien-nhan": "Giấy tiếp nhận hồ sơ",
            "/dang-cho": "Đang chờ gửi",
            "/thong-bao": "Thông báo",
            "/cai-dat": "Cài đặt",
        }
        for path, heading in screens.items():
            page.goto(base_url + path)
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
            page.wait_for_selector("main [role=status]", state="detached")
            if path.endswith("/nop"):
                page.get_by_role("button", name="Nộp hồ sơ").click()  # the errors must be accessible too
                expect(page.locator(".field-error").first).to_be_visible()
            assert axe_violations(page) == [], path
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, path

        # In English too, and the anonymous screens.
        page.goto(base_url + "/cai-dat")
        page.get_by_label("English").check()
        expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
        assert axe_violations(page) == []
        page.get_by_role("button", name="Log out").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Online public services")
        for path, heading in {"/dang-nhap": "Log in", "/dang-ky": "Create an account"}.items():
            page.goto(base_url + path)
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
            assert axe_violations(page) == [], path
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    finally:
        context.close()
