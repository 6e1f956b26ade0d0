"""The bulk "approve" action never publishes a comment the screening held
back (comments.spam) without a confirmation page naming it."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from comments.models import Comment, ModerationRecord
from news.models import Article
from tests.factories import ArticleFactory, CommentFactory

CHANGELIST = "admin:comments_comment_changelist"
CONFIRMATION = "admin/comments/comment/approve_held.html"
ALL = "Duyệt tất cả, kể cả các bình luận bị giữ lại"
OTHERS = "Chỉ duyệt các bình luận không bị giữ lại"


class _ConfirmationForm(HTMLParser):
    """The hidden fields (repeated names kept) and the buttons of the form
    holding the buttons, as a browser reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._button = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append({"hidden": [], "buttons": {}, "method": attrs.get("method", "")})
        elif tag == "input" and attrs.get("type") == "hidden" and self.forms:
            self.forms[-1]["hidden"].append((attrs["name"], attrs.get("value", "")))
        elif tag == "button" and attrs.get("name") and self.forms:
            self._button = (attrs["name"], attrs.get("value", ""), [])

    def handle_data(self, data):
        if self._button is not None:
            self._button[2].append(data)

    def handle_endtag(self, tag):
        if tag == "button" and self._button is not None:
            name, value, text = self._button
            self.forms[-1]["buttons"]["".join(text).strip()] = (name, value)
            self._button = None


def press(client, page, label):
    """Click the button `label` of the confirmation `page`: its form posts
    every hidden field and the button to the page's own address."""
    reader = _ConfirmationForm()
    reader.feed(page.content.decode())
    (form,) = [form for form in reader.forms if label in form["buttons"]]
    assert form["method"] == "post"
    data = {}
    for name, value in form["hidden"]:
        data.setdefault(name, []).append(value)
    name, value = form["buttons"][label]
    data[name] = [value]
    return client.post(page.wsgi_request.get_full_path(), data)


def approve(client, comments, query="", **extra):
    """Choose `comments` in the queue and run "Duyệt" on them."""
    return client.post(
        reverse(CHANGELIST) + query,
        {"action": "approve", "index": "0", "_selected_action": [c.pk for c in comments], **extra},
    )


def statuses(comments):
    return [Comment.objects.get(pk=c.pk).status for c in comments]


@pytest.fixture
def page_of_comments(db):
    """Ten pending comments, the fifth a loan advert the screening held back."""
    comments = CommentFactory.create_batch(10)
    advert = comments[4]
    advert.name = "Dịch vụ tài chính"
    advert.title = "Vay tiền nhanh"
    advert.content = "Vay tiền trong ngày, lãi thấp. Zalo 0999 123 456"
    advert.held_for = ["Có số điện thoại", "Từ bị chặn: vay tiền"]
    advert.save()
    return comments


def test_bulk_approving_a_page_with_a_held_loan_advert_names_it_and_approves_nothing(
    moderator_client, page_of_comments
):
    response = approve(moderator_client, page_of_comments)
    assert response.status_code == 200
    assertTemplateUsed(response, CONFIRMATION)
    for shown in (
        "Dịch vụ tài chính",
        "Vay tiền nhanh",
        "Có số điện thoại · Từ bị chặn: vay tiền",
        "Vay tiền trong ngày, lãi thấp. Zalo 0999 123 456",
        page_of_comments[4].article.title,
        ALL,
        OTHERS,
        "Ngoài ra có 9 bình luận đã chọn không bị giữ lại.",
    ):
        assertContains(response, shown)
    # Only the held comment is named; the others are not listed one by one.
    assertNotContains(response, page_of_comments[0].title)
    back = f'<a href="{reverse(CHANGELIST)}" class="cancel-link">Quay lại</a>'
    assertContains(response, back, html=True)
    assertContains(response, 'name="csrfmiddlewaretoken"')
    assertNotContains(response, "<script>")
    assert set(statuses(page_of_comments)) == {Comment.Status.PENDING}
    assert not ModerationRecord.objects.exists()


def test_confirming_approves_the_held_comments_with_the_others(
    moderator_client, moderator, page_of_comments
):
    page = approve(moderator_client, page_of_comments)
    response = press(moderator_client, page, ALL)
    assert response.status_code == 302
    assert set(statuses(page_of_comments)) == {Comment.Status.APPROVED}
    assert Comment.objects.get(pk=page_of_comments[4].pk).moderated_by == moderator
    assertContains(moderator_client.get(response["Location"]), "Đã duyệt 10 bình luận.")


def test_approving_only_the_others_leaves_the_held_comments_waiting(
    moderator_client, page_of_comments
):
    page = approve(moderator_client, page_of_comments)
    response = press(moderator_client, page, OTHERS)
    assert response.status_code == 302
    advert = page_of_comments[4]
    assert Comment.objects.get(pk=advert.pk).status == Comment.Status.PENDING
    others = [c for c in page_of_comments if c != advert]
    assert set(statuses(others)) == {Comment.Status.APPROVED}
    assertContains(
        moderator_client.get(response["Location"]),
        "Đã duyệt 9 bình luận; 1 bình luận bị giữ lại vẫn chờ duyệt.",
    )


def test_without_held_comments_approval_is_immediate(moderator_client):
    comments = CommentFactory.create_batch(3)
    response = approve(moderator_client, comments)
    assert response.status_code == 302
    assert set(statuses(comments)) == {Comment.Status.APPROVED}
    assertContains(moderator_client.get(response["Location"]), "Đã duyệt 3 bình luận.")


def test_a_held_comment_already_approved_needs_no_confirmation(moderator_client):
    shown = CommentFactory(status=Comment.Status.APPROVED, held_for=["Có liên kết"])
    waiting = CommentFactory()
    response = approve(moderator_client, [shown, waiting], query="?trang_thai=tat-ca")
    assert response.status_code == 302
    assert statuses([shown, waiting]) == [Comment.Status.APPROVED, Comment.Status.APPROVED]


def test_a_comment_held_back_after_the_page_was_shown_is_not_approved_unnamed(
    moderator_client, page_of_comments
):
    # "Select all" in the queue: the confirmation re-posts the whole queue.
    page = approve(moderator_client, page_of_comments[:1], select_across="1")
    assertContains(page, "Vay tiền nhanh")
    late = CommentFactory(title="Mua bán sim số đẹp", held_for=["Có số điện thoại"])
    response = press(moderator_client, page, ALL)
    assert response.status_code == 200
    assertContains(response, "Mua bán sim số đẹp")
    assert Comment.objects.get(pk=late.pk).status == Comment.Status.PENDING
    assert Comment.objects.approved().count() == 0
    response = press(moderator_client, response, ALL)
    assert response.status_code == 302
    assert Comment.objects.pending().count() == 0


def test_the_confirmation_keeps_the_queue_filter_and_goes_back_to_it(moderator_client):
    held = CommentFactory(held_for=["Có liên kết"], status=Comment.Status.REJECTED)
    query = "?trang_thai=rejected"
    page = approve(moderator_client, [held], query=query)
    assertContains(page, f'href="{reverse(CHANGELIST)}{query}"')
    response = press(moderator_client, page, ALL)
    assert response.status_code == 302
    assert statuses([held]) == [Comment.Status.APPROVED]


def test_a_moderators_confirmation_never_shows_an_unpublished_articles_title(
    moderator_client,
):
    public = ArticleFactory(title="Bài đã đăng về cây xanh")
    draft = ArticleFactory(title="Tiêu đề bài nháp bí mật", slug="bai-nhap-bi-mat")
    on_draft = CommentFactory(article=draft, title="Hỏi về bài nháp", held_for=["Có liên kết"])
    on_public = CommentFactory(article=public, title="Hỏi về bài", held_for=["Có liên kết"])
    draft.status = Article.Status.DRAFT
    draft.save()
    page = approve(moderator_client, [on_draft, on_public])
    assertTemplateUsed(page, CONFIRMATION)
    assertContains(page, "Hỏi về bài nháp")
    assertContains(page, "(bài chưa đăng hoặc đã gỡ)")
    assertNotContains(page, "Tiêu đề bài nháp bí mật")
    assertNotContains(page, "bai-nhap-bi-mat")
    assertContains(page, "Bài đã đăng về cây xanh")


def test_the_confirmation_shows_reader_text_escaped(moderator_client):
    held = CommentFactory(
        name="<b>Tên</b>", title="<script>alert(1)</script>", held_for=["Có liên kết"]
    )
    page = approve(moderator_client, [held])
    assertContains(page, "&lt;script&gt;alert(1)&lt;/script&gt;")
    assertContains(page, "&lt;b&gt;Tên&lt;/b&gt;")
    assertNotContains(page, "<script>alert(1)</script>")
