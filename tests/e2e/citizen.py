"""Steps a citizen takes in the PWA, shared by the browser tests."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from playwright.sync_api import Page, expect

from tests.attachments.samples import pdf
from tests.dossiers.helpers import WARD, ok
from tests.support import Session, unique_phone

PASSWORD = "mat-khau-an-toan"
CHILD = "Nguyễn Minh Khang"


def sign_up(page: Page, base_url: str, name: str = "Trần Thị Mai") -> tuple[Session, str]:
    """Register through the API the way the app does (refresh token in the HttpOnly cookie of this
    browser profile), then let the app resume that session as it would after a reload."""
    phone = unique_phone()
    page.goto(base_url + "/")
    # Let the worker take control first (it claims the page on activation): from then on it does
    # the refreshing, which a page navigating away mid-refresh cannot break (see sw/session.ts).
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    response = page.request.post(
        base_url + "/api/v1/auth/register",
        data={"phone": phone, "password": PASSWORD, "full_name": name, "token_delivery": "cookie"},
    )
    assert response.status == 201, response.text()
    body: dict[str, Any] = response.json()
    assert body["refresh_token"] is None  # the token is in the cookie, out of JavaScript's reach
    page.evaluate("localStorage.setItem('cds-session', '1')")
    return Session(body["access_token"], None, body["user"]), phone


def wait_until_controlled(page: Page) -> None:
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def fill_birth_form(page: Page, child: str = CHILD) -> None:
    page.locator("#f-agency").select_option(WARD)
    page.locator("#f-child_full_name").fill(child)
    page.locator("#f-child_date_of_birth").fill("01/11/2026")
    page.locator("#f-child_sex").select_option("male")
    page.locator("#f-place_of_birth").fill("Bệnh viện Đa khoa tỉnh Hải Dương")
    page.locator("#f-mother_full_name").fill("Trần Thị Mai")
    page.locator("#f-applicant_cccd").fill("030095001234")
    page.locator("#f-applicant_relationship").select_option("mother")


def open_birth_form(page: Page, base_url: str, child: str) -> None:
    """The birth-registration form, filled, on a page the service worker controls (offline-ready)."""
    page.goto(base_url + "/thu-tuc/HT-KS/nop")
    wait_until_controlled(page)
    fill_birth_form(page, child=child)


def attach_pdf(page: Page, input_id: str = "#attach-files", name: str = "giay-chung-sinh.pdf") -> None:
    page.locator(input_id).set_input_files({"name": name, "mimeType": "application/pdf", "buffer": pdf()})
    expect(page.get_by_text(name)).to_be_visible()


def stored_count(page: Page, store: str) -> int:
    """How many records an IndexedDB store of the app holds (outbox, reads, drafts)."""
    size: int = page.evaluate(
        """(store) => new Promise((resolve, reject) => {
            const open = indexedDB.open('congdanso');
            open.onsuccess = () => {
                const count = open.result.transaction(store).objectStore(store).count();
                count.onsuccess = () => { resolve(count.result); open.result.close(); };
                count.onerror = () => reject(count.error);
            };
            open.onerror = () => reject(open.error);
        })""",
        store,
    )
    return size


def outbox_size(page: Page) -> int:
    return stored_count(page, "outbox")


def new_key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


BIRTH = "Đăng ký khai sinh"
DOSSIER_URL = re.compile(r"/ho-so/HD-\d{4}-\d{6}$")


def poll(read: Callable[[], list[Any]], seconds: float = 15) -> list[Any]:
    """Ask again until the answer is not empty (the app saves drafts to the server a moment later)."""
    deadline = time.monotonic() + seconds
    while not (found := read()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert found, "nothing arrived in time"
    return found


def my_dossiers(api: httpx.Client, who: Session) -> list[dict[str, object]]:
    items: list[dict[str, object]] = ok(api.get("/api/v1/dossiers", headers=who.headers))["items"]
    return items
