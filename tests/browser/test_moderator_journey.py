"""Journey 2, the moderator: from the admin's index to the queue, approve a
reader's comment with the bulk action, and the reader sees it appear."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.conftest import DESKTOP, PHONE, log_in
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article():
    return ArticleFactory(title="Phường Ngọc Thụy mở thêm điểm sinh hoạt cộng đồng")


@pytest.fixture
def waiting(article):
    return [
        CommentFactory(article=article, name="Trần Văn Bình", title="Mong có thêm sân chơi"),
        CommentFactory(article=article, name="Lê Thị Hoa", title="Giờ mở cửa buổi tối"),
    ]


def test_moderator_approves_a_comment_and_the_reader_sees_it(
    live_server, page_factory, moderator, article, waiting
):
    reader = page_factory(PHONE)
    reader.goto(live_server.url + article.get_absolute_url())
    expect(reader.locator("#binh-luan")).to_contain_text("Chưa có bình luận nào.")

    page = page_factory(DESKTOP)
    log_in(page, live_server, moderator)
    page.get_by_role("link", name="Bình luận chờ duyệt: 2").click()
    queue = page.locator("#result_list")
    expect(queue.get_by_role("row")).to_have_count(3)  # the header and two comments
    queue.get_by_role("row").filter(has_text="Mong có thêm sân chơi").get_by_role(
        "checkbox"
    ).check()
    page.get_by_label("Thao tác:").select_option(label="Duyệt (đăng) các bình luận đã chọn")
    page.get_by_role("button", name="Thực hiện").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã duyệt 1 bình luận.")
    expect(queue.get_by_role("row")).to_have_count(2)  # the other one still waits
    expect(queue).to_contain_text("Giờ mở cửa buổi tối")

    reader.reload()
    comments = reader.locator(".comment-list")
    expect(comments.get_by_role("heading", name="Mong có thêm sân chơi")).to_be_visible()
    expect(comments).to_contain_text("Trần Văn Bình")
    expect(comments).not_to_contain_text("Giờ mở cửa buổi tối")
    expect(comments).not_to_contain_text("912345678")  # phone numbers stay private
    approved = Comment.objects.get(title="Mong có thêm sân chơi")
    assert (approved.status, approved.moderated_by) == (Comment.Status.APPROVED, moderator)
    assert page.console_errors == [] and reader.console_errors == []


def test_moderator_cannot_open_the_article_change_form(
    live_server, page_factory, moderator, article
):
    page = page_factory(DESKTOP)
    log_in(page, live_server, moderator)
    expect(page.get_by_role("link", name="Bài viết", exact=True)).to_have_count(0)
    response = page.goto(live_server.url + reverse("admin:news_article_change", args=[article.pk]))
    assert response.status == 403
    expect(page.locator("body")).not_to_contain_text(article.lead)
