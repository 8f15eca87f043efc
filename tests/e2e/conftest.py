"""Playwright (sync API) against the real backend serving the real PWA build, in Debian's Chromium.

The live server builds nothing: ``make test`` builds ``pwa/dist`` first and sets
``CONGDANSO_REQUIRE_PWA=1``, so a missing build or browser fails there; run by hand without
them, these tests skip and say why.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, ViewportSize, sync_playwright

from backend.settings import PROJECT_ROOT
from tests.support import LiveServer

DIST = PROJECT_ROOT / "pwa" / "dist"
AXE = PROJECT_ROOT / "pwa" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE: ViewportSize = {"width": 360, "height": 740}


def _missing() -> str | None:
    if not (DIST / "index.html").is_file():
        return "pwa/dist is missing: build the PWA first (`make pwa`, which `make test` runs)"
    if not AXE.is_file():
        return "pwa/node_modules is missing: run `cd pwa && npm ci`"
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        return "Chromium is missing: apt-get install -y chromium (`make test` installs it)"
    return None


@pytest.fixture(scope="module")
def playwright(live_server: LiveServer) -> Iterator[Playwright]:
    """Module-scoped, and after the live server: Playwright's sync API keeps an event loop
    running on this thread, and seeding (``asyncio.run``) cannot start while it does. So the
    browser lives for this package's module only, and the server is seeded before it starts."""
    reason = _missing()
    if reason:
        if os.environ.get("CONGDANSO_REQUIRE_PWA") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
    browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh profile per test (own service worker, caches, storage), phone-sized."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="vi-VN")
    context.set_default_timeout(15_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def base_url(live_server: LiveServer) -> str:
    return live_server.url
