"""The "Xem trước" button of the article form (news.admin_preview): what the
form holds now, drawn as readers would see it, with nothing stored."""

import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from news.models import Article, ArticleSlug
from tests.factories import (
    ArticleFactory,
    ArticlePhotoFactory,
    AuthorFactory,
    CategoryFactory,
    UserFactory,
)
from tests.forms import form_values

pytestmark = pytest.mark.django_db

TITLE = "Phường Bồ Đề trồng thêm cây xanh"
TYPED = "Phường Bồ Đề trồng 200 cây sấu dọc đê"
BANNER = "Bản xem trước — chưa lưu"
CACHE_WRITES = ("set", "add", "set_many", "delete", "delete_many", "incr", "touch", "clear")


@pytest.fixture
def story():
    article = ArticleFactory(
        title=TITLE, body="<p>Sáng nay, phường trồng cây dọc đường Nguyễn Văn Cừ.</p>"
    )
    ArticlePhotoFactory(article=article, caption="Người dân trồng cây.")
    return article


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def preview_button(html):
    """The address the "Xem trước" button posts the form to, in a new tab."""
    html = html.decode()
    button = re.search(r'<input type="submit" value="Xem trước"[^>]*>', html)
    assert button, "no preview button"
    assert 'formtarget="_blank"' in button.group()
    return re.search(r'formaction="([^"]+)"', button.group()).group(1)


def preview(client, url, changes=None):
    """Open the form at `url`, type `changes`, and press "Xem trước"."""
    page = client.get(url)
    return client.post(
        preview_button(page.content), form_values(page.content, "article_form", changes)
    )


def stored(article):
    """What a preview must leave alone: the row, its versions and old slugs."""
    row = Article.objects.filter(pk=article.pk).values().get()
    return row, Version.objects.count(), list(ArticleSlug.objects.values_list("slug", flat=True))


def test_preview_shows_the_typed_article_as_readers_would(editor_client, story):
    response = preview(
        editor_client,
        change_url(story),
        {
            "title": TYPED,
            "lead": "Hơn 200 cây sấu được trồng trong sáng Chủ nhật.",
            "body": "<p>Mỗi hộ dân nhận chăm sóc <strong>một cây</strong>.</p>",
            "photos-0-caption": "Đoàn viên thanh niên trồng cây sấu.",
        },
    )
    assert response.status_code == 200
    assertContains(response, BANNER)
    assertContains(response, f'<h1 class="article__title">{TYPED}', status_code=200)
    assertContains(
        response,
        '<p class="article__lead"><strong class="article__source">HNP</strong> - '
        "Hơn 200 cây sấu được trồng trong sáng Chủ nhật.</p>",
        html=True,
    )
    assertContains(
        response,
        '<div class="article__body">'
        "<p>Mỗi hộ dân nhận chăm sóc <strong>một cây</strong>.</p></div>",
        html=True,
    )
    assertContains(response, "Đoàn viên thanh niên trồng cây sấu.")
    assertContains(response, f"<title>{TYPED} — ", status_code=200)
    # No comment form to post: a preview takes no comments.
    assertNotContains(response, 'id="binh-luan"')
    assertContains(response, "bản xem trước không nhận bình luận")


def test_preview_stores_nothing(editor_client, story):
    before = stored(story)
    response = preview(editor_client, change_url(story), {"title": TYPED, "slug": "cay-sau"})
    assertContains(response, TYPED)
    assert stored(story) == before
    assert Article.objects.get(pk=story.pk).title == TITLE


def test_preview_neither_reads_nor_writes_the_cache(editor_client, story):
    reader = Client()
    assertContains(reader.get(story.get_absolute_url()), TITLE)  # the reader's page is cached
    with mock.patch.multiple(cache, **{name: mock.DEFAULT for name in CACHE_WRITES}) as writes:
        response = preview(editor_client, change_url(story), {"title": TYPED})
    assertContains(response, TYPED)  # not the cached part of the saved article
    assert not [name for name, write in writes.items() if write.called]
    assertContains(reader.get(story.get_absolute_url()), TITLE)


def test_preview_of_a_new_article_creates_none(editor_client):
    category = CategoryFactory(name="Đô thị")
    author = AuthorFactory(name="Đông Hải")
    versions = Version.objects.count()
    response = preview(
        editor_client,
        reverse("admin:news_article_add"),
        {
            "title": TYPED,
            "category": str(category.pk),
            "author": str(author.pk),
            "lead": "Hơn 200 cây sấu được trồng.",
            "body": "<p>Mỗi hộ dân nhận chăm sóc một cây.</p>",
        },
    )
    assertContains(response, BANNER)
    assertContains(response, TYPED)
    assertContains(response, "Đông Hải")
    assert not Article.objects.exists()
    assert Version.objects.count() == versions


def test_preview_sanitizes_the_body_as_a_save_would(editor_client, story):
    response = preview(
        editor_client,
        change_url(story),
        {"body": '<p>Trồng cây<script>alert("x")</script></p><img src=x onerror="alert(1)">'},
    )
    assertContains(response, "Trồng cây")
    assertNotContains(response, 'alert("x")')
    assertNotContains(response, "onerror")


def test_preview_is_never_cached_nor_indexed(editor_client, story):
    response = preview(editor_client, change_url(story), {"title": TYPED})
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    assert response["X-Robots-Tag"] == "noindex"
    assert "xkey" not in response


def test_preview_ignores_a_save_made_meanwhile(editor_client, editor, story):
    other = UserFactory(username="bientap2", is_staff=True)
    other.groups.set(editor.groups.all())
    other_browser = Client()
    other_browser.force_login(other)
    page = editor_client.get(change_url(story))
    theirs = form_values(other_browser.get(change_url(story)).content, "article_form")
    theirs["lead"] = "Chiều nay, phường Bồ Đề trồng cây dọc bờ sông Hồng."
    assert other_browser.post(change_url(story), theirs).status_code == 302

    typed = form_values(page.content, "article_form", {"title": TYPED})
    response = editor_client.post(preview_button(page.content), typed)
    assertContains(response, BANNER)
    assertContains(response, TYPED)
    # Saving the same form is refused: it would overwrite the other save.
    assertContains(editor_client.post(change_url(story), typed), "errornote")


def test_moderators_cannot_preview(editor_client, moderator_client, story):
    page = editor_client.get(change_url(story))
    data = form_values(page.content, "article_form", {"title": TYPED})
    assert moderator_client.post(preview_button(page.content), data).status_code == 403
    add = reverse("admin:news_article_preview")
    assert moderator_client.post(add, data).status_code == 403


def test_preview_takes_posts_only(editor_client, story):
    page = editor_client.get(change_url(story))
    assert editor_client.get(preview_button(page.content)).status_code == 405


def test_preview_checks_the_csrf_token(editor, story):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    page = browser.get(change_url(story))
    data = form_values(page.content, "article_form", {"csrfmiddlewaretoken": "sai"})
    assert browser.post(preview_button(page.content), data).status_code == 403


def test_invalid_form_shows_the_errors_in_vietnamese(editor_client, story):
    response = preview(editor_client, change_url(story), {"title": "", "category": "999999"})
    assert response.status_code == 200
    assertContains(response, "Chưa xem trước được")
    assertContains(response, "Tiêu đề")
    assertContains(response, "Trường này là bắt buộc.")
    assertContains(response, "Hãy chọn một lựa chọn hợp lệ.")
    assert Article.objects.get(pk=story.pk).title == TITLE
