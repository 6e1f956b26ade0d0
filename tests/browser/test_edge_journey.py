"""The reader's journey through the shipped Varnish (deploy/varnish.vcl): the
second reader of an article gets the page from the cache, the same for
everybody, and still comments, with JavaScript and without."""

import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from news import caching
from tests.browser.conftest import PHONE, captcha_answer
from tests.factories import ArticleFactory
from tests.varnish import Varnish

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Phường Ngọc Thụy sửa đường đê"
AWAITING = "Cảm ơn bạn! Bình luận đã được gửi và đang chờ ban biên tập duyệt."
TYPED = {
    "Họ tên": "Đỗ Văn Hùng",
    "Số điện thoại": "0987 654 321",
    "Tiêu đề": "Đường đê đẹp hơn",
    "Nội dung": "Mặt đường đã phẳng.\nMong có thêm đèn.",
}


@pytest.fixture
def varnish(live_server, settings):
    """A varnishd of the test's own in front of the live server, purged by it
    after each commit; stopped when the test ends."""
    varnish = Varnish(urlsplit(live_server.url).port)
    settings.FRONT_CACHE_URLS = [varnish.url]
    with varnish:
        yield varnish


@pytest.fixture
def article(settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    article = ArticleFactory(title=TITLE)
    # A page drawn within the clock margin of a change is answered but not kept.
    time.sleep(caching.CLOCK_MARGIN + 0.1)
    return article


def second_reader(page_factory, varnish, article, **options):
    """The first reader opens the article, which fills the cache; the second
    reader, in a browser of their own, gets it from the cache."""
    url = varnish.url + article.get_absolute_url()
    first = page_factory().goto(url)
    assert (first.status, first.headers["x-cache"]) == (200, "MISS")
    page = page_factory(PHONE, **options)
    response = page.goto(url)
    assert (response.status, response.headers["x-cache"]) == (200, "HIT")
    assert response.body() == first.body()
    return page


def fill(form):
    for label, value in TYPED.items():
        form.get_by_label(label).fill(value)


def expect_awaiting_moderation(page):
    expect(page).to_have_url(re.compile(r"#binh-luan$"))
    comments = page.get_by_role("region", name="Bình luận")
    expect(comments.get_by_role("status")).to_have_text(AWAITING)
    comment = Comment.objects.get()
    assert (comment.title, comment.status) == (TYPED["Tiêu đề"], Comment.Status.PENDING)


def test_the_second_reader_comments_on_the_page_from_the_cache(page_factory, varnish, article):
    page = second_reader(page_factory, varnish, article)
    form = page.get_by_role("form", name="Viết bình luận")
    fill(form)
    form.get_by_label("Mã xác nhận").fill(captcha_answer(page))
    form.get_by_role("button", name="Gửi bình luận").click()
    expect_awaiting_moderation(page)
    assert page.console_errors == []


def test_the_second_reader_comments_on_the_page_from_the_cache_without_javascript(
    page_factory, varnish, article
):
    page = second_reader(page_factory, varnish, article, java_script_enabled=False)
    form = page.get_by_role("form", name="Viết bình luận")
    fill(form)
    form.get_by_role("button", name="Gửi bình luận").click()

    # The form again, this reader's own: all that was typed, and a captcha.
    form = page.get_by_role("form", name="Viết bình luận")
    for label, value in TYPED.items():
        expect(form.get_by_label(label)).to_have_value(value)
    expect(form.locator(".captcha__image")).to_have_attribute(
        "src", re.compile(r"^/ma-xac-nhan/[0-9a-f]{40}\.png$")
    )
    assert not Comment.objects.exists()
    form.get_by_label("Mã xác nhận").fill(captcha_answer(page))
    form.get_by_role("button", name="Gửi bình luận").click()
    expect_awaiting_moderation(page)
