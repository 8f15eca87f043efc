"""Session expiry in the PWA: a half-filled form survives it, and never reaches someone else."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.dossiers.helpers import ok
from tests.e2e.citizen import (
    DOSSIER_URL,
    PASSWORD,
    fill_birth_form,
    my_dossiers,
    sign_up,
)
from tests.support import Session, unique_phone

pytestmark = pytest.mark.browser


def end_session_elsewhere(other_tab: Page, base_url: str, me: Session) -> None:
    """The session is revoked (log-out elsewhere) and this tab's token is rejected: another tab
    announces a token the server refuses, the way tabs share tokens."""
    assert other_tab.request.post(base_url + "/api/v1/auth/logout").status == 204
    other_tab.goto(base_url + "/")
    other_tab.evaluate(
        """(user) => { const c = new BroadcastChannel('cds-session');
            const tokens = { accessToken: 'revoked', expiresAt: Date.now() + 3600e3, user };
            c.postMessage({ type: 'tokens', tokens });
            c.close(); }""",
        me.user,
    )


def test_when_the_session_ends_the_half_filled_form_stays(
    browser_context_pair: tuple[Page, Page], base_url: str, api: httpx.Client
) -> None:
    page, other_tab = browser_context_pair
    me, phone = sign_up(page, base_url)
    page.goto(base_url + "/thu-tuc/HT-KS/nop")
    fill_birth_form(page, child="Phạm Giữ Nguyên")

    end_session_elsewhere(other_tab, base_url, me)
    # The dialog may already be open (the draft's background save met the 401 first); the modal
    # makes the page inert, so the press is dispatched rather than clicked.
    page.get_by_role("button", name="Nộp hồ sơ").dispatch_event("click")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Phiên đăng nhập đã hết hạn")
    dialog.get_by_label("Số điện thoại").fill(phone)
    dialog.get_by_label("Mật khẩu").fill(PASSWORD)
    dialog.get_by_role("button", name="Đăng nhập").click()

    expect(page).to_have_url(DOSSIER_URL)
    items = my_dossiers(api, me)
    assert len(items) == 1
    detail = ok(api.get(f"/api/v1/dossiers/{items[0]['code']}", headers=me.headers))
    assert detail["form_data"]["child_full_name"] == "Phạm Giữ Nguyên"


def test_someone_else_logging_in_over_an_ended_session_does_not_get_the_form(
    browser_context_pair: tuple[Page, Page], base_url: str, api: httpx.Client
) -> None:
    """A shared phone: the session ends over a half-filled form and another person logs in."""
    page, other_tab = browser_context_pair
    me, _ = sign_up(page, base_url)
    someone = unique_phone()
    body = {"phone": someone, "password": PASSWORD, "full_name": "Đỗ Văn Khác"}
    assert api.post("/api/v1/auth/register", json=body).status_code == 201
    page.goto(base_url + "/thu-tuc/HT-KS/nop")
    fill_birth_form(page, child="Phạm Riêng Tư")

    end_session_elsewhere(other_tab, base_url, me)
    # The draft's background save meets the 401 and the dialog opens over the form.
    page.locator("#f-place_of_birth").fill("Trạm y tế phường")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Phiên đăng nhập đã hết hạn")
    dialog.get_by_label("Số điện thoại").fill(someone)
    dialog.get_by_label("Mật khẩu").fill(PASSWORD)
    dialog.get_by_role("button", name="Đăng nhập").click()

    # The other person gets their own (new) form, never the first one's data.
    expect(page.locator("#f-applicant_full_name")).to_have_value("Đỗ Văn Khác")
    expect(page.locator("#f-child_full_name")).to_have_value("")


@pytest.fixture
def browser_context_pair(context: BrowserContext) -> tuple[Page, Page]:
    return context.new_page(), context.new_page()
