"""The comment form in a real browser, on a phone-sized screen: layout, the
captcha refresh script, keyboard use and accessibility (axe-core)."""

import pytest
from captcha.models import CaptchaStore

from comments.models import Comment
from tests.browser.conftest import PHONE, axe_violations
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article():
    return ArticleFactory(title="Phường Gia Thụy lắp thêm đèn chiếu sáng ngõ xóm")


def open_form(live_server, page_factory, article):
    page = page_factory(PHONE)
    page.goto(live_server.url + article.get_absolute_url() + "#viet-binh-luan")
    return page


def solve(page):
    key = page.locator('input[name="captcha_0"]').input_value()
    return CaptchaStore.objects.get(hashkey=key).response


def test_reader_comments_from_a_phone(live_server, page_factory, article):
    page = open_form(live_server, page_factory, article)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for selector in (
        "#id_name",
        "#id_phone",
        "#id_title",
        "#id_captcha_1",
        ".comment-form button[type=submit]",
    ):
        box = page.locator(selector).bounding_box()
        assert box["height"] >= 44, selector
        font_size = page.locator(selector).evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert font_size >= 16, selector
    trap = page.locator("#id_website").bounding_box()
    assert trap["x"] + trap["width"] <= 0  # the honeypot is off screen
    page.get_by_label("Họ tên").fill("Vũ Thị Mai")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Tiêu đề").fill("Cảm ơn phường")
    page.get_by_label("Nội dung").fill("Ngõ đã sáng hơn nhiều.")
    page.get_by_label("Mã xác nhận").fill(solve(page))
    page.get_by_role("button", name="Gửi bình luận").click()
    page.wait_for_url("**#binh-luan")
    assert "đang chờ ban biên tập duyệt" in page.locator("#binh-luan").inner_text()
    assert Comment.objects.get().phone == "+84912345678"
    assert page.console_errors == []


def test_captcha_refresh_swaps_the_image_without_reloading(live_server, page_factory, article):
    page = open_form(live_server, page_factory, article)
    page.get_by_label("Họ tên").fill("Giữ nguyên")
    old_key = page.locator('input[name="captcha_0"]').input_value()
    old_src = page.locator(".captcha__image").get_attribute("src")
    page.get_by_role("link", name="Lấy lại mã bảo mật").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "old => document.querySelector('input[name=captcha_0]').value !== old", arg=old_key
    )
    assert page.locator(".captcha__image").get_attribute("src") != old_src
    assert page.get_by_label("Họ tên").input_value() == "Giữ nguyên"  # no reload
    page.wait_for_function("document.querySelector('[data-captcha-status]').textContent !== ''")
    assert "mã xác nhận mới" in page.locator("[data-captcha-status]").text_content()
    assert page.locator(".captcha__image").evaluate("i => i.complete && i.naturalWidth > 0")
    page.get_by_label("Mã xác nhận").fill(solve(page))
    page.get_by_label("Tiêu đề").fill("Sau khi đổi mã")
    page.get_by_label("Nội dung").fill("Mã mới dùng được.")
    page.get_by_role("button", name="Gửi bình luận").click()
    page.wait_for_url("**#binh-luan")
    assert Comment.objects.get().title == "Sau khi đổi mã"
    assert page.console_errors == []


def test_refresh_link_reloads_the_page_without_javascript(live_server, browser, article):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + article.get_absolute_url())
        old_key = page.locator('input[name="captcha_0"]').input_value()
        page.get_by_role("link", name="Lấy lại mã bảo mật").click()
        page.wait_for_load_state()
        assert page.locator('input[name="captcha_0"]').input_value() != old_key
    finally:
        context.close()


def test_form_with_errors_passes_axe_and_moves_focus_to_them(live_server, page_factory, article):
    page = open_form(live_server, page_factory, article)
    assert axe_violations(page) == []
    page.get_by_label("Số điện thoại").fill("12345")
    page.get_by_role("button", name="Gửi bình luận").click()
    page.wait_for_selector("#loi-binh-luan")
    page.wait_for_function("document.activeElement.id === 'loi-binh-luan'", timeout=3000)
    page.wait_for_timeout(300)  # and it stays there once the page has settled
    assert page.evaluate("document.activeElement.id") == "loi-binh-luan"
    assert page.get_by_label("Họ tên").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Số điện thoại").input_value() == "12345"
    assert axe_violations(page) == []
    assert page.console_errors == []
