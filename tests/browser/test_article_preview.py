"""The editor previews an article as typed, in a new tab, without saving it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from news.models import Article
from tests.browser.conftest import DESKTOP, log_in
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Phường Bồ Đề trồng thêm cây xanh"
TYPED = "Phường Bồ Đề trồng 200 cây sấu dọc đê"


def test_editor_previews_the_typed_title_in_a_new_tab_without_saving(
    live_server, page_factory, editor
):
    article = ArticleFactory(title=TITLE)
    page = page_factory(DESKTOP)
    log_in(page, live_server, editor)
    page.goto(live_server.url + reverse("admin:news_article_change", args=[article.pk]))
    page.get_by_label("Tiêu đề:").fill(TYPED)

    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Xem trước").click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.get_by_role("heading", level=1)).to_contain_text(TYPED)
    expect(
        preview.get_by_role("status").filter(has_text="Bản xem trước — chưa lưu")
    ).to_be_visible()

    expect(page.get_by_label("Tiêu đề:")).to_have_value(TYPED)  # the form stays as typed
    assert Article.objects.get(pk=article.pk).title == TITLE
    assert page.console_errors == []
