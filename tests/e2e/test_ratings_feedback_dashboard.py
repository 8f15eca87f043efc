"""Issue 7 in the browser: a leader's dashboard (charts, drill-down, CSV export), the rating form
in the dossier view, an anonymous report with its tracking code, the public statistics page,
each checked with axe (WCAG 2 A/AA). The server is seeded with the demo dossiers and ratings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from backend.settings import Settings
from tests.e2e.test_pwa import axe_violations
from tests.support import LiveServer, seed


@pytest.fixture(scope="module")
def live_server(settings: Settings) -> Iterator[LiveServer]:
    seed(settings, demo_dossiers=True)
    server = LiveServer(settings).start()
    try:
        yield server
    finally:
        server.stop()


def accessible(page: Page) -> None:
    """No WCAG 2 A/AA violation, and nothing wider than the phone (360 px)."""
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def log_in(page: Page, base_url: str, phone: str, password: str, next_path: str) -> None:
    page.goto(f"{base_url}/dang-nhap?next={next_path}")
    page.get_by_label("Số điện thoại").fill(phone)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_a_leader_sees_charts_drills_down_and_exports_csv(page: Page, base_url: str, tmp_path: Path) -> None:
    log_in(page, base_url, "0900000021", "lanhdao-demo-1", "/lanh-dao")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chỉ số phục vụ người dân (QĐ 766)")
    charts = page.locator("svg[role='img'][data-chart]")
    expect(charts).to_have_count(3)
    expect(page.locator("svg[data-chart='online'] circle").first).to_be_visible()  # this month's point
    expect(page.locator("svg[data-chart='satisfaction'] title")).to_have_text("Tỷ lệ hài lòng theo tháng")
    satisfaction = page.locator(".kpi-card", has_text="Mức độ hài lòng")
    expect(satisfaction).to_contain_text("50%")
    expect(satisfaction).to_contain_text("Chưa đạt")
    expect(page.locator(".kpi-card", has_text="cấp xã")).to_contain_text("100%")
    accessible(page)

    with page.expect_download() as info:
        page.get_by_role("button", name="CSV đơn vị").click()
    saved = tmp_path / "report.csv"
    info.value.save_as(saved)
    text = saved.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Mã cơ quan")
    assert "HD.TPHD," in text
    assert info.value.suggested_filename.endswith(".csv")

    page.get_by_role("link", name="Ủy ban nhân dân thành phố Hải Dương").click()
    expect(page).to_have_url(f"{base_url}/lanh-dao?agency=HD.TPHD&from={page.url.split('from=')[1]}")
    page.get_by_role("link", name="Trần Thị Bình").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ của Trần Thị Bình")
    expect(page.locator(".cards li")).to_have_count(7)  # every demo dossier she claimed
    accessible(page)


def test_the_applicant_changes_their_rating_in_the_dossier_view(page: Page, base_url: str) -> None:
    log_in(page, base_url, "0900000001", "congdan-demo-1", "/ho-so")
    page.get_by_role("link", name="Đăng ký khai sinh").first.wait_for()
    completed = page.locator(".cards li", has_text="Đã trả kết quả").get_by_role("link")
    completed.click()
    form = page.locator("section.rating")
    expect(form.get_by_role("heading", name="Đánh giá mức độ hài lòng")).to_be_visible()
    expect(form.get_by_label("Rất hài lòng")).to_be_checked()  # the seeded rating
    form.get_by_label("Hài lòng", exact=True).check()
    form.get_by_label("Hướng dẫn rõ ràng, dễ hiểu").select_option("3")
    form.get_by_role("button", name="Cập nhật đánh giá").click()
    expect(form.get_by_role("status")).to_have_text("Cảm ơn bạn đã đánh giá.")
    accessible(page)


def test_an_anonymous_report_gets_a_tracking_code_and_can_be_looked_up(page: Page, base_url: str) -> None:
    page.goto(base_url + "/phan-anh")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi phản ánh, kiến nghị")
    accessible(page)
    page.get_by_label("Lĩnh vực").select_option("harassment")
    page.get_by_label("Cơ quan được phản ánh (mã, ví dụ HD.TPHD.TRANHUNGDAO)").fill("HD.TPHD.TRANHUNGDAO")
    page.get_by_label("Tiêu đề").fill("Bị gợi ý nộp thêm tiền")
    page.get_by_label("Nội dung (ít nhất 20 ký tự)").fill(
        "Cán bộ một cửa nói phải nộp thêm tiền mới làm nhanh được."
    )
    page.get_by_role("button", name="Gửi phản ánh").click()
    code = page.get_by_test_id("tracking-code").inner_text()
    secret = page.get_by_test_id("tracking-secret").inner_text()
    assert code.startswith("PA-")
    assert len(secret) == 16

    page.get_by_role("link", name="Tra cứu phản ánh đã gửi").click()
    page.get_by_label("Mã theo dõi (PA-…)").fill(code.lower())
    page.get_by_label("Mã bí mật").fill(secret)
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_text("Đã tiếp nhận")).to_be_visible()
    expect(page.get_by_text("Bị gợi ý nộp thêm tiền")).to_be_visible()
    accessible(page)


def test_the_public_statistics_page_has_charts_and_no_personal_data(page: Page, base_url: str) -> None:
    page.goto(base_url + "/thong-ke")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thống kê công khai")
    expect(page.locator("svg[role='img'][data-chart]")).to_have_count(2)
    expect(page.get_by_text("Phản ánh, kiến nghị")).to_be_visible()
    body = page.locator("main").inner_text()
    for private in ("Nguyễn Văn An", "Trần Thị Bình", "HD-20"):
        assert private not in body
    accessible(page)


def test_a_leaders_answer_whose_reply_was_lost_is_sent_again_safely(page: Page, base_url: str) -> None:
    """The first answer reaches the server but its reply is lost (bad network); pressing again
    replays the same Idempotency-Key, so the person sees the answer saved, not a conflict."""
    log_in(page, base_url, "0900000021", "lanhdao-demo-1", "/phan-anh/danh-sach")
    page.locator("main a[href^='/phan-anh/PA-']").first.click()
    expect(page.get_by_text("Đã tiếp nhận")).to_be_visible()
    page.get_by_label("Nội dung trả lời").fill("Đã làm việc với cán bộ; phường sẽ trả lời bằng văn bản.")

    keys: list[str | None] = []

    def lose_the_first_reply(route: Route) -> None:
        keys.append(route.request.headers.get("idempotency-key"))
        if len(keys) == 1:
            applied = route.fetch()  # the server applies the answer...
            assert applied.status == 200, applied.text()
            route.abort("connectionreset")  # ...and the reply never reaches the phone
        else:
            route.continue_()

    page.route("**/api/v1/feedback/*/actions", lose_the_first_reply)
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.locator("main [role=alert]")).to_be_visible()
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.get_by_text("Đã trả lời").first).to_be_visible()
    assert len(keys) == 2
    assert keys[0]
    assert keys[0] == keys[1]
