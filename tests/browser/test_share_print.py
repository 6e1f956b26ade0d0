"""The share bar and the printed article, in a real browser: copying the
link, the page without JavaScript, the print stylesheet, and the article's
JSON-LD under the site's content security policy."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    axe_violations,
    fits_the_screen,
    settle,
    track_requests,
    wait_for_the_server_to_finish,
)
from tests.factories import ArticleFactory, ArticlePhotoFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Phường Thạch Bàn trồng thêm 200 cây xanh ven đê"


@pytest.fixture
def article():
    article = ArticleFactory(
        title=TITLE,
        lead="Sáng 24/11, phường Thạch Bàn ra quân trồng cây xanh dọc tuyến đê tả ngạn.",
        body="<p>Đoàn viên thanh niên cùng người dân trồng cây.</p>"
        '<p>Chi tiết tại <a href="https://example.vn/cay-xanh">cổng thông tin</a>.</p>',
        category=CategoryFactory(name="Đô thị", slug="do-thi"),
        author=AuthorFactory(name="Đông Hải"),
    )
    ArticlePhotoFactory(article=article)
    return article


def open_article(page, live_server, article):
    page.goto(live_server.url + article.get_absolute_url())
    return live_server.url + article.get_absolute_url()


def test_json_ld_and_share_script_work_under_the_content_security_policy(live_server, browser):
    # A title that tries to end the JSON-LD block and run a script of its own.
    article = ArticleFactory(title="Tin nóng </script><script>alert(1)</script>")
    # A context of its own, also listening for warnings and dialogs, under the CSP.
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    # Not one of page_factory's: the page's read beacon is waited for here,
    # so that it is not still writing when the test's data is emptied.
    track_requests(context)
    try:
        page = context.new_page()
        problems = []
        page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))
        response = page.goto(live_server.url + article.get_absolute_url())
        assert "script-src 'self'" in response.headers["content-security-policy"]
        data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == "Tin nóng </script><script>alert(1)</script>"
        # share.js ran: the copy button is shown.
        expect(page.get_by_role("button", name="Sao chép liên kết")).to_be_visible()
        assert problems == []
    finally:
        settle(context)
        context.close()
        wait_for_the_server_to_finish()


def test_copy_link_puts_the_address_on_the_clipboard_and_says_so(
    live_server, page_factory, article
):
    page = page_factory(DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    url = open_article(page, live_server, article)
    share = page.locator(".share")
    expect(share.get_by_label("Liên kết bài viết:")).to_be_hidden()
    share.get_by_role("button", name="Sao chép liên kết").click()
    expect(share.locator("[role=status]")).to_have_text("Đã sao chép liên kết bài viết.")
    assert page.evaluate("navigator.clipboard.readText()") == url
    assert page.console_errors == []


def test_without_javascript_the_address_is_shown_to_select(live_server, page_factory, article):
    page = page_factory(DESKTOP, java_script_enabled=False)
    url = open_article(page, live_server, article)
    share = page.locator(".share")
    expect(share.get_by_role("button")).to_have_count(0)
    field = share.get_by_label("Liên kết bài viết:")
    expect(field).to_be_visible()
    expect(field).to_have_value(url)
    for name in ("Facebook", "Zalo"):
        link = share.get_by_role("link", name=f"Chia sẻ lên {name} (mở trong thẻ mới)")
        expect(link).to_be_visible()
        expect(link).to_have_attribute("target", "_blank")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_share_bar_fits_the_screen_and_passes_axe(live_server, page_factory, article, viewport):
    page = page_factory(viewport)
    open_article(page, live_server, article)
    expect(page.get_by_role("button", name="In bài")).to_be_visible()
    assert fits_the_screen(page)
    assert axe_violations(page, context=".share") == []
    assert page.console_errors == []


def test_print_button_prints(live_server, page_factory, article):
    page = page_factory(DESKTOP)
    open_article(page, live_server, article)
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="In bài").click()
    assert page.evaluate("window.printed") is True


def test_printed_article_is_the_article_alone_in_black_on_white(live_server, page_factory, article):
    page = page_factory(DESKTOP)
    url = open_article(page, live_server, article)
    page.emulate_media(media="print")
    for hidden in (
        ".site-nav",
        ".header-search",
        ".site-footer",
        ".share",
        ".article-related",
        "#binh-luan",
        ".comment-form",
    ):
        expect(page.locator(hidden)).to_be_hidden()
    for shown in (".brand__name", ".article__title", ".article__lead", ".article__photo img"):
        expect(page.locator(shown)).to_be_visible()
    expect(page.locator(".article__author")).to_have_text("Đông Hải")
    expect(page.locator(".print-only")).to_have_text(f"Bài viết tại: {url}")
    # Full width, black text, no coloured backgrounds.
    article_width = page.locator(".article").bounding_box()["width"]
    assert article_width >= page.evaluate("document.documentElement.clientWidth") - 1
    colours = page.evaluate(
        """() => [...document.querySelectorAll('.article *')]
            .filter(el => el.getClientRects().length)
            .map(el => getComputedStyle(el))
            .map(s => [s.color, s.backgroundColor])"""
    )
    assert {colour for colour, _ in colours} == {"rgb(0, 0, 0)"}
    assert {background for _, background in colours} == {"rgba(0, 0, 0, 0)"}
    # Links in the body carry their address on paper.
    link_after = page.evaluate(
        "getComputedStyle(document.querySelector('.article__body a'), '::after').content"
    )
    assert link_after == '" (https://example.vn/cay-xanh)"'
