"""Journey 1, the reader: from the home page to an article, read it, and
comment through the form with its captcha, on a phone and on a desktop."""

import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.conftest import (
    PHONE,
    VIEWPORTS,
    captcha_answer,
    wait_for_own_captcha,
    wait_until_loaded,
)
from tests.factories import ArticleFactory, ArticlePhotoFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Phường Gia Thụy lắp thêm đèn chiếu sáng ngõ xóm"
LEAD = "Sáng 24/11, phường Gia Thụy hoàn thành lắp 40 đèn chiếu sáng tại các ngõ nhỏ."
CAPTION = "Chủ tịch UBND phường Gia Thụy kiểm tra đèn mới lắp tại ngõ 12 phố Ngọc Lâm."
ALT = "Cán bộ phường đứng dưới cột đèn mới trong ngõ"


@pytest.fixture
def article(settings):
    # An article from 2020 whose comments are still open: 07:38 UTC is 14:38 in Hà Nội.
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    article = ArticleFactory(
        title=TITLE,
        source="HNP",
        lead=LEAD,
        category=CategoryFactory(name="Đô thị", slug="do-thi"),
        author=AuthorFactory(name="Đông Hải"),
        published_at=datetime(2020, 11, 24, 7, 38, tzinfo=UTC),
    )
    ArticlePhotoFactory(article=article, caption=CAPTION, alt_text=ALT)
    return article


def fill_comment(form):
    form.get_by_label("Họ tên").fill("Vũ Thị Mai")
    form.get_by_label("Số điện thoại").fill("0912 345 678")
    form.get_by_label("Tiêu đề").fill("Cảm ơn phường")
    form.get_by_label("Nội dung").fill("Ngõ đã sáng hơn nhiều.\nMong phường lắp thêm ở ngõ 20.")


@VIEWPORTS
def test_reader_reads_an_article_and_sends_a_comment(live_server, page_factory, article, viewport):
    page = page_factory(viewport)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page).to_have_url(live_server.url + article.get_absolute_url())

    expect(page.get_by_role("heading", level=1)).to_have_text(f"{TITLE} (14:38 24/11/2020)")
    expect(page.locator(".article__lead")).to_have_text(f"HNP - {LEAD}")
    photo = page.locator("figure.article__photo")
    expect(photo.locator("figcaption")).to_have_text(CAPTION)
    wait_until_loaded(photo.get_by_role("img", name=ALT))
    expect(page.locator(".article__author")).to_have_text("Đông Hải")

    form = page.get_by_role("form", name="Viết bình luận")
    fill_comment(form)
    # The reader asks for another picture than the one they were given: it
    # has come by now (comments.js fetches it once they start writing).
    wait_for_own_captcha(page)
    image = form.locator(".captcha__image")
    old_src = image.get_attribute("src")
    form.get_by_role("link", name="Lấy lại mã bảo mật").click()
    expect(image).not_to_have_attribute("src", old_src)
    wait_until_loaded(image)
    expect(form.locator("[data-captcha-status]")).to_contain_text("mã xác nhận mới")
    expect(form.get_by_label("Họ tên")).to_have_value("Vũ Thị Mai")  # no reload

    form.get_by_label("Mã xác nhận").fill(captcha_answer(page))
    form.get_by_role("button", name="Gửi bình luận").click()
    expect(page).to_have_url(re.compile(r"#binh-luan$"))
    comments = page.get_by_role("region", name="Bình luận")
    expect(comments.get_by_role("status")).to_have_text(
        "Cảm ơn bạn! Bình luận đã được gửi và đang chờ ban biên tập duyệt."
    )
    # Not public until a moderator approves it.
    expect(comments).to_contain_text("Chưa có bình luận nào.")
    comment = Comment.objects.get()
    assert (comment.title, comment.phone, comment.status) == (
        "Cảm ơn phường",
        "+84912345678",
        Comment.Status.PENDING,
    )
    assert page.console_errors == []


def test_the_second_reader_of_an_article_comments_from_the_cached_page(
    live_server, page_factory, article
):
    url = live_server.url + article.get_absolute_url()
    page_factory().goto(url)  # the first reader: the page is now in the cache
    page = page_factory(PHONE)
    # The second reader is on a slow mobile network: their captcha arrives a
    # second after they start writing, while the shared page's neutral
    # picture is still on screen.
    page.add_init_script(
        """const fetchNow = window.fetch;
        window.fetch = (...request) => fetchNow(...request).then(
            response => new Promise(done => setTimeout(() => done(response), 1000)));"""
    )
    page.goto(url)
    form = page.get_by_role("form", name="Viết bình luận")
    fill_comment(form)
    form.get_by_label("Mã xác nhận").fill(captcha_answer(page))
    form.get_by_role("button", name="Gửi bình luận").click()
    expect(page).to_have_url(re.compile(r"#binh-luan$"))
    expect(page.get_by_role("region", name="Bình luận").get_by_role("status")).to_have_text(
        "Cảm ơn bạn! Bình luận đã được gửi và đang chờ ban biên tập duyệt."
    )
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_the_refresh_link_pressed_before_the_captcha_came_says_when_it_comes(
    live_server, page_factory, article
):
    """On a slow network the reader presses "Lấy lại mã bảo mật" at once, while
    the captcha their arrival at the form asked for is still on its way: that
    picture is the new one, and a screen reader hears so when it comes."""
    page = page_factory(PHONE)
    page.add_init_script(
        """const fetchNow = window.fetch;
        window.fetch = (...request) => fetchNow(...request).then(
            response => new Promise(done => setTimeout(() => done(response), 1000)));"""
    )
    page.goto(live_server.url + article.get_absolute_url())
    form = page.get_by_role("form", name="Viết bình luận")
    parts = []
    page.on("request", lambda request: "/ma/" in request.url and parts.append(request.url))
    form.get_by_role("link", name="Lấy lại mã bảo mật").click()
    expect(form.locator("[data-captcha-status]")).to_contain_text("mã xác nhận mới")
    key = wait_for_own_captcha(page)
    expect(form.locator('input[name="captcha_0"]')).to_have_value(key)
    assert len(parts) == 1  # one picture, not two
    assert page.url == live_server.url + article.get_absolute_url()  # no reload


def test_wrong_captcha_shows_an_error_and_keeps_what_the_reader_typed(
    live_server, page_factory, article
):
    page = page_factory(PHONE)
    page.goto(live_server.url + article.get_absolute_url())
    form = page.get_by_role("form", name="Viết bình luận")
    fill_comment(form)
    # Wrong letters for the reader's own picture, once it has come: sent
    # before it, the form has no captcha yet and asks for the letters instead.
    wait_for_own_captcha(page)
    form.get_by_label("Mã xác nhận").fill("SAICHU")
    form.get_by_role("button", name="Gửi bình luận").click()

    errors = page.get_by_role("alert")
    expect(errors).to_contain_text("Bình luận chưa được gửi")
    expect(errors).to_contain_text("Mã xác nhận không đúng hoặc đã hết hạn")
    expect(errors).to_be_focused()  # read out first by screen readers
    expect(form.get_by_label("Họ tên")).to_have_value("Vũ Thị Mai")
    expect(form.get_by_label("Số điện thoại")).to_have_value("0912 345 678")
    expect(form.get_by_label("Tiêu đề")).to_have_value("Cảm ơn phường")
    expect(form.get_by_label("Nội dung")).to_have_value(
        "Ngõ đã sáng hơn nhiều.\nMong phường lắp thêm ở ngõ 20."
    )
    expect(form.get_by_label("Mã xác nhận")).to_have_value("")  # a new image, a new answer
    expect(form.get_by_label("Mã xác nhận")).to_have_attribute("aria-invalid", "true")
    assert not Comment.objects.exists()

    form.get_by_label("Mã xác nhận").fill(captcha_answer(page))
    form.get_by_role("button", name="Gửi bình luận").click()
    expect(page.get_by_role("region", name="Bình luận").get_by_role("status")).to_contain_text(
        "đang chờ ban biên tập duyệt"
    )
    assert Comment.objects.get().name == "Vũ Thị Mai"
    assert page.console_errors == []


def test_captcha_refresh_link_works_from_the_keyboard(live_server, page_factory, article):
    page = page_factory(PHONE)
    page.goto(live_server.url + article.get_absolute_url())
    key = page.locator('input[name="captcha_0"]')
    page.get_by_role("link", name="Lấy lại mã bảo mật").focus()
    # Reaching the link is reaching the form: the reader's own captcha comes.
    # Enter then asks for another; the key they had must change.
    old_key = wait_for_own_captcha(page)
    expect(key).to_have_value(old_key)
    page.keyboard.press("Enter")
    expect(key).not_to_have_value(old_key)


def test_captcha_refresh_link_reloads_the_page_without_javascript(
    live_server, page_factory, article
):
    page = page_factory(PHONE, java_script_enabled=False)
    page.goto(live_server.url + article.get_absolute_url())
    key = page.locator('input[name="captcha_0"]')
    old_key = key.input_value()
    page.get_by_role("link", name="Lấy lại mã bảo mật").click()
    expect(key).not_to_have_value(old_key)


def test_reader_reaches_an_article_through_the_category_menu_on_a_phone(
    live_server, page_factory, article
):
    page = page_factory(PHONE)
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Chuyên mục").get_by_role("link", name="Đô thị").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đô thị")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page).to_have_url(live_server.url + article.get_absolute_url())
