"""The two newsroom roles and where each one stops."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from comments.models import Comment, ModerationRecord
from news.roles import EDITORS, MODERATORS
from tests.factories import ArticleFactory, CommentFactory
from tests.forms import form_values


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_roles_exist_after_migrate(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS, MODERATORS}


def test_moderators_may_view_and_change_comments_and_read_the_log_but_never_delete(db):
    assert codenames(MODERATORS) == {
        ("comments", "view_comment"),
        ("comments", "change_comment"),
        ("comments", "view_moderationrecord"),
        ("comments", "add_reply"),
        ("comments", "change_reply"),
        ("comments", "view_reply"),
        ("comments", "view_office"),
        ("comments", "view_blockedphrase"),
    }


def test_editors_read_comments_and_the_log_and_empty_the_trash_but_do_not_moderate(db):
    comments = {codename for app, codename in codenames(EDITORS) if app == "comments"}
    assert comments == {
        "view_comment",
        "delete_comment",
        "view_moderationrecord",
        "add_reply",
        "change_reply",
        "view_reply",
        *(
            f"{action}_{model}"
            for action in ("add", "change", "delete", "view")
            for model in ("office", "blockedphrase")
        ),
    }
    assert ("news", "change_article") in codenames(EDITORS)


def test_moderator_opens_the_comment_queue(moderator_client):
    url = reverse("admin:comments_comment_changelist")
    assert moderator_client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url_name",
    ["admin:news_article_changelist", "admin:news_article_add", "admin:news_category_add"],
)
def test_moderator_cannot_open_article_pages_of_the_admin(moderator_client, url_name):
    assert moderator_client.get(reverse(url_name)).status_code == 403


def test_moderator_cannot_edit_articles(moderator_client, editor_client):
    article = ArticleFactory(title="Tiêu đề gốc")
    url = reverse("admin:news_article_change", args=[article.pk])
    assert editor_client.get(url).status_code == 200  # the same page works for an editor
    assert moderator_client.get(url).status_code == 403
    response = moderator_client.post(url, {"title": "Bị sửa", "status": "draft"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Tiêu đề gốc"


def test_moderator_does_not_see_news_in_the_admin_index(moderator_client):
    response = moderator_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert reverse("admin:news_article_changelist").encode() not in response.content
    assert reverse("admin:comments_comment_changelist").encode() in response.content


def test_editors_read_the_queue_and_a_comment_but_get_no_moderation_action(editor_client):
    comment = CommentFactory(title="Góp ý về vỉa hè")
    queue = editor_client.get(reverse("admin:comments_comment_changelist"))
    assert queue.status_code == 200
    assertContains(queue, "Góp ý về vỉa hè")
    assertNotContains(queue, 'value="approve"')
    assertContains(queue, 'value="empty_trash"')
    change = editor_client.get(reverse("admin:comments_comment_change", args=[comment.pk]))
    assert change.status_code == 200
    # They may answer the comment (tests/comments/test_replies.py), not decide on it.
    assertNotContains(change, 'name="status"')
    assertContains(change, 'name="reply-0-text"')


def test_editor_cannot_approve_comments(editor_client):
    comment = CommentFactory()
    response = editor_client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "index": "0", "_selected_action": [comment.pk]},
    )
    assert response.status_code in (200, 302)  # not an action of theirs: nothing done
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_editor_cannot_change_a_comment_through_its_form(editor_client):
    comment = CommentFactory()
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    page = editor_client.get(url).content
    # The status forced into the page's own form is ignored: it is not theirs.
    data = form_values(page, "comment_form", {"status": "approved"})
    assert editor_client.post(url, data).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert not ModerationRecord.objects.exists()


def test_editor_can_close_comments_in_the_article_form(editor_client):
    from tests.news.test_admin import article_form

    article = ArticleFactory()
    url = reverse("admin:news_article_change", args=[article.pk])
    assert b'name="allow_comments"' in editor_client.get(url).content
    data = article_form(
        article.category,
        article.author,
        **{"photos-TOTAL_FORMS": "0", "slug": article.slug},
    )
    data.pop("allow_comments", None)  # an unticked checkbox is not sent
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.allow_comments is False
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Bài viết đã đóng bình luận." in page
    assert 'id="viet-binh-luan"' not in page
