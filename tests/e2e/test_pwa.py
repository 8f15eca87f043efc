"""The citizen PWA in a phone-sized Chromium, against the real backend and its seeded catalogue."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import AXE

pytestmark = pytest.mark.browser

SEARCH_LABEL = "Tên thủ tục hoặc từ khoá"
BIRTH = "Đăng ký khai sinh"


def search(page: Page, words: str) -> None:
    page.get_by_label(SEARCH_LABEL).fill(words)
    expect(page.get_by_role("link", name=BIRTH, exact=True)).to_be_visible()


def wait_until_controlled(page: Page) -> None:
    """The worker is installed and active; after a reload it controls the page."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def test_a_citizen_finds_a_procedure_and_reads_its_detail(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.get_by_role("link", name="Tra cứu thủ tục").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tra cứu thủ tục")
    search(page, "khai sinh")
    assert "q=khai+sinh" in page.url or "q=khai%20sinh" in page.url

    page.get_by_role("link", name=BIRTH, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BIRTH)
    expect(page.get_by_role("heading", name="Giấy tờ cần nộp")).to_be_visible()
    expect(page.locator(".documents li").first).to_be_visible()
    expect(page.locator(".facts")).to_contain_text("Toàn trình (Mức độ 4)")
    expect(page.locator(".facts")).to_contain_text("ngày làm việc")

    # English on request: the lang attribute and the words follow.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Birth registration")
    expect(page.locator(".facts")).to_contain_text("(Level 4)")


def test_an_unknown_procedure_shows_the_servers_problem_detail(page: Page, base_url: str) -> None:
    page.goto(base_url + "/thu-tuc/KHONG-CO")
    expect(page.get_by_role("alert")).to_contain_text("Có lỗi xảy ra")


def test_the_service_worker_controls_the_page_and_the_manifest_is_installable(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "/")
    wait_until_controlled(page)
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("/sw.js")

    href = page.locator('link[rel="manifest"]').get_attribute("href")
    assert href
    response = page.request.get(base_url + href)
    assert response.ok
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest: dict[str, Any] = json.loads(response.text())
    assert manifest["name"] == "Công dân số"
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        image = page.request.get(base_url + icon["src"])
        assert image.ok, icon["src"]
        assert image.headers["content-type"] == "image/png", icon["src"]
        assert image.body()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_shell_and_a_searched_catalogue_work_offline(
    context: BrowserContext, page: Page, base_url: str
) -> None:
    page.goto(base_url + "/thu-tuc?q=khai+sinh")
    wait_until_controlled(page)
    # This search went through the worker: the list is now in its cache.
    expect(page.get_by_role("link", name=BIRTH, exact=True)).to_be_visible()

    context.set_offline(True)
    try:
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_have_text("Tra cứu thủ tục")
        expect(page.get_by_role("link", name=BIRTH, exact=True)).to_be_visible()
        # Another screen's code is precached too: navigating offline still renders it.
        page.get_by_role("link", name="Công dân số").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Dịch vụ công trực tuyến")
    finally:
        context.set_offline(False)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        """() => axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        })"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


def test_catalogue_and_detail_have_no_wcag_a_or_aa_violations(page: Page, base_url: str) -> None:
    page.goto(base_url + "/thu-tuc")
    search(page, "khai sinh")
    assert axe_violations(page) == []

    page.get_by_role("link", name=BIRTH, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BIRTH)
    assert axe_violations(page) == []
