"""The moderation queue in the Django admin."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from comments.models import Comment, ModerationRecord
from news.models import Article
from tests.factories import ArticleFactory, CommentFactory
from tests.forms import form_values

CHANGELIST = "admin:comments_comment_changelist"


def changelist(client, **params):
    return client.get(reverse(CHANGELIST), params)


def listed_titles(response):
    return re.findall(
        r'<th class="field-title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_queue_opens_on_pending_comments_oldest_first(moderator_client):
    now = timezone.now()
    CommentFactory(title="Mới", submitted_at=now - timedelta(minutes=1))
    CommentFactory(title="Cũ", submitted_at=now - timedelta(hours=3))
    CommentFactory(title="Đã duyệt", status=Comment.Status.APPROVED)
    CommentFactory(title="Là spam", status=Comment.Status.SPAM)
    response = changelist(moderator_client)
    assert response.status_code == 200
    assert listed_titles(response) == ["Cũ", "Mới"]


def test_status_filter_shows_each_status_and_all(moderator_client):
    CommentFactory(title="Chờ")
    CommentFactory(title="Đã duyệt", status=Comment.Status.APPROVED)
    CommentFactory(title="Bị từ chối", status=Comment.Status.REJECTED)
    assert listed_titles(changelist(moderator_client, trang_thai="approved")) == ["Đã duyệt"]
    assert listed_titles(changelist(moderator_client, trang_thai="rejected")) == ["Bị từ chối"]
    assert len(listed_titles(changelist(moderator_client, trang_thai="tat-ca"))) == 3
    response = changelist(moderator_client)
    assertContains(response, "?trang_thai=tat-ca")
    # Each choice carries its count, so moderators see at once how many wait.
    assertContains(response, "Chờ duyệt (1)")
    assertContains(response, "Tất cả (3)")
    assertNotContains(response, "Show counts")


def test_queue_shows_article_name_title_excerpt_and_time(moderator_client):
    article = ArticleFactory(title="Bài về cây xanh")
    CommentFactory(
        article=article,
        name="Phạm Thu",
        title="Góp ý",
        content="Rất hay. " * 40,
        submitted_at=timezone.make_aware(timezone.datetime(2026, 3, 2, 9, 5)),
    )
    response = changelist(moderator_client)
    assertContains(response, f'href="{article.get_absolute_url()}"')
    assertContains(response, "Bài về cây xanh")
    assertContains(response, "Phạm Thu")
    assertContains(response, "Góp ý")
    assertContains(response, "Rất hay. Rất hay.")
    assertNotContains(response, "Rất hay. " * 40)
    for column in ("article_if_public", "name", "title", "excerpt", "submitted_at"):
        assertContains(response, f'class="field-{column}')
    assertContains(response, "09:05 02/03/2026")


def test_queue_shows_reader_markup_as_text(moderator_client):
    CommentFactory(name="<b>Tên</b>", title="<script>alert(1)</script>", content="<i>nội dung</i>")
    response = changelist(moderator_client)
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
    assertContains(response, "&lt;b&gt;Tên&lt;/b&gt;")
    assertContains(response, "&lt;i&gt;nội dung&lt;/i&gt;")
    assertNotContains(response, "<script>alert(1)</script>")


def test_hundreds_of_pending_comments_are_approved_in_one_action(moderator_client, moderator):
    article = ArticleFactory()
    CommentFactory.create_batch(250, article=article)
    response = changelist(moderator_client)
    assertContains(response, "250")
    first_page = Comment.objects.pending().order_by("submitted_at", "pk")[:50]
    response = moderator_client.post(
        reverse(CHANGELIST),
        {
            "action": "approve",
            "select_across": "1",
            "index": "0",
            "_selected_action": [c.pk for c in first_page],
        },
    )
    assert response.status_code == 302
    assert Comment.objects.approved().count() == 250
    assert not Comment.objects.filter(moderated_by__isnull=True).exists()
    assert not Comment.objects.filter(moderated_at__isnull=True).exists()
    page = moderator_client.get(response["Location"])
    assertContains(page, "Đã duyệt 250 bình luận.")
    assert listed_titles(page) == []


def test_the_queue_shows_fifty_comments_a_page_oldest_first(moderator_client):
    article = ArticleFactory()
    now = timezone.now()
    for n in range(60):
        CommentFactory(
            article=article, title=f"Ý kiến {n:02}", submitted_at=now - timedelta(minutes=60 - n)
        )
    first = listed_titles(changelist(moderator_client))
    assert first == [f"Ý kiến {n:02}" for n in range(50)]
    second = listed_titles(changelist(moderator_client, p="2"))
    assert second == [f"Ý kiến {n:02}" for n in range(50, 60)]


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve", Comment.Status.APPROVED, "Đã duyệt 2 bình luận."),
        ("reject", Comment.Status.REJECTED, "Đã từ chối 2 bình luận."),
        ("mark_spam", Comment.Status.SPAM, "Đã đánh dấu spam 2 bình luận."),
    ],
)
def test_bulk_actions_on_selected_comments(moderator_client, moderator, action, status, message):
    chosen = CommentFactory.create_batch(2)
    other = CommentFactory()
    response = moderator_client.post(
        reverse(CHANGELIST),
        {"action": action, "index": "0", "_selected_action": [c.pk for c in chosen]},
        follow=True,
    )
    assertContains(response, message)
    for comment in chosen:
        comment.refresh_from_db()
        assert comment.status == status
        assert comment.moderated_by == moderator
    other.refresh_from_db()
    assert other.status == Comment.Status.PENDING


@pytest.mark.parametrize(
    "term", ["Nguyễn Thị Lan", "0987 654 321", "+84987654321", "Xin hỏi", "cống thoát nước"]
)
def test_search_by_name_phone_title_and_content(moderator_client, term):
    CommentFactory(
        name="Nguyễn Thị Lan",
        phone="+84987654321",
        title="Xin hỏi về lịch thu gom",
        content="Cống thoát nước ở ngõ 12 bị tắc.",
    )
    CommentFactory(name="Người khác", phone="+84911111111", title="Khác", content="Không liên quan")
    titles = listed_titles(changelist(moderator_client, q=term))
    assert titles == ["Xin hỏi về lịch thu gom"]


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("vay tien", ["Vay tiền nhanh"]),
        ("VAY TIỀN", ["Vay tiền nhanh"]),
        ("bo tri den", ["Đề nghị bố trí đèn"]),
        ("đèn ngõ", ["Đề nghị bố trí đèn"]),
        ("nguyen van", ["Vay tiền nhanh"]),
        ("tien den", []),  # every word must be found in one comment
        ("!!!", []),
    ],
)
def test_search_needs_no_diacritics(moderator_client, term, found):
    CommentFactory(name="Nguyễn Văn Hùng", title="Vay tiền nhanh", content="Lãi thấp, gọi ngay.")
    CommentFactory(
        name="Trần Thị Mai", title="Đề nghị bố trí đèn", content="Ngõ 12 tối quá, đèn ngõ hỏng."
    )
    assert listed_titles(changelist(moderator_client, q=term)) == found


def test_filter_by_article(moderator_client):
    one, two = ArticleFactory(), ArticleFactory()
    CommentFactory(article=one, title="Của bài một")
    CommentFactory(article=two, title="Của bài hai")
    assert listed_titles(changelist(moderator_client, bai_viet=one.pk)) == ["Của bài một"]
    assert listed_titles(changelist(moderator_client, bai_viet="x")) == []


def test_article_filter_lists_the_busiest_articles_only(moderator_client):
    busy = ArticleFactory(title="Bài nhiều bình luận")
    CommentFactory.create_batch(3, article=busy)
    CommentFactory.create_batch(20)  # twenty other articles, one comment each
    response = changelist(moderator_client)
    sidebar = response.content.decode().split('id="changelist-filter"')[1]
    assert sidebar.count("bai_viet=") == 15
    assertContains(response, "Bài nhiều bình luận (3)")


def test_admin_index_shows_how_many_comments_wait(moderator_client):
    CommentFactory.create_batch(3)
    CommentFactory(status=Comment.Status.APPROVED)
    response = moderator_client.get(reverse("admin:index"))
    assertContains(response, "Bình luận chờ duyệt: <strong>3</strong>")
    assertContains(response, f'href="{reverse(CHANGELIST)}"')


def test_admin_index_says_when_nothing_waits(moderator_client):
    assertContains(
        moderator_client.get(reverse("admin:index")), "Không có bình luận nào chờ duyệt."
    )


def test_admin_index_does_not_show_the_queue_to_editors(editor_client):
    CommentFactory.create_batch(2)
    response = editor_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assertNotContains(response, "chờ duyệt")


def test_moderator_changes_only_the_status_in_the_change_form(moderator_client, moderator):
    comment = CommentFactory(name="Tên gốc", title="Tiêu đề gốc", content="Nội dung gốc")
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    page = moderator_client.get(url)
    assert page.status_code == 200
    assertContains(page, 'name="status"')
    for field in ("name", "title", "content", "phone", "ip_address", "user_agent"):
        assertNotContains(page, f'name="{field}"')
    # The page's own form, with fields it does not show forced into the post.
    data = form_values(
        page.content,
        "comment_form",
        {
            "status": "approved",
            "name": "Tên sửa",
            "title": "Tiêu đề sửa",
            "content": "Nội dung sửa",
            "phone": "+84900000000",
        },
    )
    response = moderator_client.post(url, data)
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator
    assert comment.moderated_at is not None
    assert (comment.name, comment.title, comment.content) == (
        "Tên gốc",
        "Tiêu đề gốc",
        "Nội dung gốc",
    )
    assert comment.phone == "+84912345678"


def test_change_form_shows_private_details_to_moderators(moderator_client):
    comment = CommentFactory(
        phone="+84987654321", ip_address="203.0.113.5", user_agent="Firefox/130"
    )
    page = moderator_client.get(reverse("admin:comments_comment_change", args=[comment.pk]))
    for detail in ("+84987654321", "203.0.113.5", "Firefox/130"):
        assertContains(page, detail)


def test_nobody_adds_comments_in_the_admin(moderator_client, admin_client):
    url = reverse("admin:comments_comment_add")
    assert moderator_client.get(url).status_code == 403
    assert admin_client.get(url).status_code == 403
    assertNotContains(changelist(admin_client), url)


def test_changelist_queries_do_not_grow_with_the_queue(moderator_client):
    CommentFactory.create_batch(5)
    changelist(moderator_client)
    with CaptureQueriesContext(connection) as few:
        changelist(moderator_client)
    CommentFactory.create_batch(60)
    with CaptureQueriesContext(connection) as many:
        changelist(moderator_client)
    assert len(many) == len(few)


# What a moderator may not see: the newsroom's unpublished articles


@pytest.fixture
def unpublished(db):
    """A comment on an article taken down after it was sent."""
    article = ArticleFactory(title="Tiêu đề bài nháp bí mật", slug="bai-nhap-bi-mat")
    comment = CommentFactory(article=article, title="Hỏi về bài")
    article.status = Article.Status.DRAFT
    article.save()
    return comment


def test_moderators_never_see_the_title_or_address_of_an_unpublished_article(
    moderator_client, unpublished
):
    article = unpublished.article
    pages = [
        changelist(moderator_client),
        changelist(moderator_client, bai_viet=article.pk),
        moderator_client.get(reverse("admin:comments_comment_change", args=[unpublished.pk])),
    ]
    for page in pages:
        assert page.status_code == 200
        assertNotContains(page, "Tiêu đề bài nháp bí mật")
        assertNotContains(page, "bai-nhap-bi-mat")
    assertContains(pages[0], "(bài chưa đăng hoặc đã gỡ)")
    assertContains(pages[2], "(bài chưa đăng hoặc đã gỡ)")
    # Its page answers 404 to them, as to readers.
    assert moderator_client.get(article.get_absolute_url()).status_code == 404


def test_view_on_site_only_for_an_approved_comment_on_a_public_article(
    moderator_client, unpublished
):
    page = moderator_client.get(reverse("admin:comments_comment_change", args=[unpublished.pk]))
    assertNotContains(page, "viewsitelink")
    shown = CommentFactory(status=Comment.Status.APPROVED)
    page = moderator_client.get(reverse("admin:comments_comment_change", args=[shown.pk]))
    assertContains(page, "viewsitelink")


def test_the_moderation_log_shows_each_bulk_action_and_cannot_be_changed(
    moderator_client, moderator
):
    chosen = CommentFactory.create_batch(3)
    moderator_client.post(
        reverse(CHANGELIST),
        {"action": "mark_spam", "index": "0", "_selected_action": [c.pk for c in chosen]},
    )
    log = moderator_client.get(reverse("admin:comments_moderationrecord_changelist"))
    assert log.status_code == 200
    assertContains(log, "kiemduyet")
    assertContains(log, "Chờ duyệt")
    assertContains(log, "Spam")
    for comment in chosen:
        assertContains(log, f">#{comment.pk}</a>")
    record = ModerationRecord.objects.get()
    change = reverse("admin:comments_moderationrecord_change", args=[record.pk])
    delete = reverse("admin:comments_moderationrecord_delete", args=[record.pk])
    assert moderator_client.post(change, {"to_status": "approved"}).status_code == 403
    assert moderator_client.post(delete, {"post": "yes"}).status_code == 403
    assert ModerationRecord.objects.get().to_status == Comment.Status.SPAM


# The trash: nothing a moderator does is lost; only an editor empties it


def act(client, action, comments):
    """A bulk action from the queue showing every status ("Tất cả")."""
    return client.post(
        reverse(CHANGELIST) + "?trang_thai=tat-ca",
        {"action": action, "index": "0", "_selected_action": [c.pk for c in comments]},
        follow=True,
    )


def test_emptying_a_selection_without_trashed_comments_deletes_nothing_and_says_so(
    editor_client,
):
    pending = CommentFactory(status=Comment.Status.PENDING)
    response = act(editor_client, "empty_trash", [pending])
    assertContains(response, "Không có bình luận nào trong thùng rác trong số đã chọn")
    assert Comment.objects.filter(pk=pending.pk).exists()
    assert not ModerationRecord.objects.exists()


def test_moderators_move_comments_to_the_trash_and_back_never_delete_them(
    moderator_client, moderator
):
    comment = CommentFactory(status=Comment.Status.APPROVED)
    queue = moderator_client.get(reverse(CHANGELIST))
    assertNotContains(queue, 'value="delete_selected"')
    assertNotContains(queue, 'value="empty_trash"')
    assertContains(act(moderator_client, "trash", [comment]), "Đã chuyển vào thùng rác 1")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.TRASH
    assertContains(changelist(moderator_client, trang_thai="trash"), comment.title)
    act(moderator_client, "restore", [comment])
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    delete = reverse("admin:comments_comment_delete", args=[comment.pk])
    assert moderator_client.post(delete, {"post": "yes"}).status_code == 403
    assert Comment.objects.filter(pk=comment.pk).exists()
    moves = list(
        ModerationRecord.objects.order_by("at", "pk").values_list("from_status", "to_status")
    )
    assert moves == [("approved", "trash"), ("trash", "pending")]


def test_only_an_editor_empties_the_trash_and_only_the_trash(editor_client, editor):
    trashed = CommentFactory(status=Comment.Status.TRASH)
    kept = CommentFactory(status=Comment.Status.PENDING)
    # First a page naming what would go; nothing is deleted yet.
    confirm = act(editor_client, "empty_trash", [trashed, kept])
    assertContains(confirm, "xóa hẳn, không khôi phục được")
    assertContains(confirm, trashed.title)
    assertNotContains(confirm, kept.title)
    assertContains(confirm, "1 bình luận đã chọn không ở thùng rác và được giữ nguyên")
    assert Comment.objects.filter(pk=trashed.pk).exists()
    # The editor presses "Xóa hẳn 1 bình luận" on that page.
    data = form_values(confirm.content, "empty-trash-form", {"xac_nhan_xoa_han": "yes"})
    response = editor_client.post(reverse(CHANGELIST) + "?trang_thai=tat-ca", data, follow=True)
    assertContains(response, "Đã xóa hẳn 1 bình luận trong thùng rác")
    assert not Comment.objects.filter(pk=trashed.pk).exists()
    assert Comment.objects.filter(pk=kept.pk).exists()
    record = ModerationRecord.objects.get()
    assert (record.moderator, record.from_status, record.to_status, record.comment_ids) == (
        editor,
        "trash",
        "deleted",
        [trashed.pk],
    )
    # Not from the comment's own page either, unless it is in the trash.
    delete = reverse("admin:comments_comment_delete", args=[kept.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
