"""Versions of articles: kept on every admin save, compared, restored; and
no save silently overwrites someone else's."""

import re
import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Revision, Version

from news.models import Article, ArticleEvent
from news.roles import EDITORS
from tests.factories import ArticleFactory, ArticlePhotoFactory, UserFactory
from tests.forms import form_values

pytestmark = pytest.mark.django_db

TITLE = "Phường Bồ Đề trồng thêm cây xanh"
BODY = "<p>Sáng nay, phường trồng 200 cây sấu dọc đường Nguyễn Văn Cừ.</p>"


@pytest.fixture
def story():
    article = ArticleFactory(title=TITLE, body=BODY)
    ArticlePhotoFactory(article=article, caption="Người dân trồng cây.")
    return article


@pytest.fixture
def second_editor(db):
    user = UserFactory(username="bientap2", first_name="Lan", last_name="Trần Thị", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client = Client()
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def history_url(article):
    return reverse("admin:news_article_history", args=[article.pk])


def save(client, article, changes):
    """Open the article's form and save it with `changes` typed in."""
    page = client.get(change_url(article))
    response = client.post(change_url(article), form_values(page.content, "article_form", changes))
    assert response.status_code == 302, response.context["errors"]
    return response


def test_each_save_keeps_a_version_with_its_user_photos_and_captions(editor_client, editor, story):
    save(editor_client, story, {"title": "Phường Bồ Đề trồng thêm 200 cây xanh"})
    save(editor_client, story, {"photos-0-caption": "Người dân phường Bồ Đề trồng cây."})

    versions = Version.objects.get_for_object(story)
    # The article as it was before the first save with versions, then two saves.
    assert versions.count() == 3
    newest = versions.first()
    assert newest.revision.user == editor
    assert newest.field_dict["title"] == "Phường Bồ Đề trồng thêm 200 cây xanh"
    photos = newest.revision.version_set.exclude(pk=newest.pk)
    assert [photo.field_dict["caption"] for photo in photos] == [
        "Người dân phường Bồ Đề trồng cây."
    ]
    assert versions.last().field_dict["title"] == TITLE


def test_history_shows_a_title_and_a_body_word_change_readably(editor_client, story):
    save(editor_client, story, {"title": "Phường Bồ Đề trồng thêm nhiều cây xanh"})
    body = BODY.replace("200 cây sấu", "300 cây sấu")
    save(editor_client, story, {"body": body})

    history = editor_client.get(history_url(story))
    # The newest save against the one before: one word of the body.
    assertContains(history, '<del title="Bỏ">200</del>', html=True)
    assertContains(history, '<ins title="Thêm">300</ins>', html=True)
    # The first version against the newest, chosen on the page.
    oldest = Version.objects.get_for_object(story).last()
    choice = form_values(history.content, "compare_form", {"tu": str(oldest.pk)})
    compared = editor_client.get(history_url(story), choice)
    assertContains(compared, '<ins title="Thêm">nhiều</ins>', html=True)
    assertContains(compared, '<ins title="Thêm">300</ins>', html=True)
    assertContains(compared, "<th scope='row'>Tiêu đề</th>", html=True)
    # Each row says what its save changed, not every field every time.
    assertContains(history, "<td>Nội dung</td>", html=True)
    assertContains(history, "<td>Tiêu đề</td>", html=True)


def test_two_saves_in_one_minute_are_told_apart_in_the_history(editor_client, story):
    save(editor_client, story, {"title": "Phường Bồ Đề trồng thêm nhiều cây xanh"})
    save(editor_client, story, {"title": "Phường Bồ Đề trồng thêm 300 cây xanh"})
    newest, older = Version.objects.get_for_object(story)[:2]
    minute = timezone.now().replace(second=0, microsecond=0)
    Revision.objects.filter(pk=older.revision_id).update(date_created=minute.replace(second=5))
    Revision.objects.filter(pk=newest.revision_id).update(date_created=minute.replace(second=40))
    history = editor_client.get(history_url(story)).content.decode()
    times = re.findall(r"<th scope=\"row\">(\d\d:\d\d:\d\d \d\d/\d\d/\d{4})</th>", history)
    local = timezone.localtime(minute)
    assert times[:2] == [f"{local:%H:%M}:40 {local:%d/%m/%Y}", f"{local:%H:%M}:05 {local:%d/%m/%Y}"]


def test_saving_unchanged_lists_no_change(editor_client, story):
    save(editor_client, story, {})
    history = editor_client.get(history_url(story))
    assertContains(history, "Lưu, không đổi gì")
    assertNotContains(history, "<td>Nội dung</td>", html=True)


def test_restore_is_a_new_version_and_readers_see_it(
    editor_client, editor, story, client, django_capture_on_commit_callbacks
):
    reader = Client()
    assertContains(reader.get(story.get_absolute_url()), TITLE)  # in the cache now
    with django_capture_on_commit_callbacks(execute=True):
        save(editor_client, story, {"title": "Tiêu đề gõ nhầm"})
    assertContains(reader.get(story.get_absolute_url()), "Tiêu đề gõ nhầm")

    history = editor_client.get(history_url(story))
    link = re.search(r'href="([^"]+/restore/)"', history.content.decode()).group(1)
    confirm = editor_client.get(link)
    assertContains(confirm, '<del title="Bỏ">Tiêu đề gõ nhầm</del>', html=True)
    assert Article.objects.get().title == "Tiêu đề gõ nhầm"  # nothing restored on GET
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(link, form_values(confirm.content, "restore_form"))
    assert response.status_code == 302

    restored = Article.objects.get()
    assert restored.title == TITLE and restored.photos.count() == 1
    versions = Version.objects.get_for_object(story)
    assert versions.count() == 3
    assert versions.first().revision.user == editor
    assert versions.first().revision.comment.startswith("Khôi phục phiên bản của ")
    restored_event = ArticleEvent.objects.get()
    assert (restored_event.action, restored_event.user) == (ArticleEvent.Action.RESTORE, editor)
    for _ in ("first reader", "second reader"):
        page = reader.get(story.get_absolute_url())
        assertContains(page, TITLE)
        assertNotContains(page, "Tiêu đề gõ nhầm")


def test_restore_brings_back_a_removed_photo(editor_client, story):
    save(editor_client, story, {"photos-0-DELETE": "on"})
    assert not story.photos.exists()
    oldest = Version.objects.get_for_object(story).last()
    url = reverse("admin:news_article_restore", args=[story.pk, oldest.pk])
    editor_client.post(url)
    assert story.photos.get().caption == "Người dân trồng cây."


def test_moderator_cannot_read_history_or_restore(moderator_client, editor_client, story):
    save(editor_client, story, {"title": "Tiêu đề mới"})
    version = Version.objects.get_for_object(story).last()
    restore = reverse("admin:news_article_restore", args=[story.pk, version.pk])
    assert moderator_client.get(history_url(story)).status_code == 403
    assert moderator_client.get(restore).status_code == 403
    assert moderator_client.post(restore).status_code == 403
    assert Article.objects.get().title == "Tiêu đề mới"


def test_save_over_a_later_save_is_refused_and_keeps_what_was_typed(
    editor_client, second_editor, story
):
    tab_a = second_editor.get(change_url(story))
    tab_b = editor_client.get(change_url(story))
    a_typed = form_values(tab_a.content, "article_form", {"title": "Bồ Đề trồng 200 cây sấu"})
    assert second_editor.post(change_url(story), a_typed).status_code == 302

    lead = "Chiều nay, phường Bồ Đề trồng cây dọc bờ sông Hồng."
    b_typed = form_values(tab_b.content, "article_form", {"lead": lead})
    refused = editor_client.post(change_url(story), b_typed)

    assert refused.status_code == 200
    assertContains(refused, "Bài viết đã được Lan Trần Thị lưu lúc")
    assertContains(refused, f"tiêu đề: “{TITLE}” → “Bồ Đề trồng 200 cây sấu”")
    assertContains(refused, "Nội dung bạn gõ vẫn ở dưới đây")
    assertContains(refused, lead)  # B's lead, in its box
    stored = Article.objects.get()
    assert stored.title == "Bồ Đề trồng 200 cây sấu" and stored.lead != lead

    # B has read it and saves again, deliberately: both changes are kept.
    again = editor_client.post(change_url(story), form_values(refused.content, "article_form"))
    assert again.status_code == 302
    stored = Article.objects.get()
    assert (stored.title, stored.lead) == ("Bồ Đề trồng 200 cây sấu", lead)


def test_what_both_changed_keeps_what_the_editor_typed(editor_client, second_editor, story):
    tab_a = second_editor.get(change_url(story))
    tab_b = editor_client.get(change_url(story))
    a_typed = form_values(tab_a.content, "article_form", {"title": "Tiêu đề của A"})
    second_editor.post(change_url(story), a_typed)
    b_typed = form_values(tab_b.content, "article_form", {"title": "Tiêu đề của B"})
    refused = editor_client.post(change_url(story), b_typed)
    assertContains(refused, "“Tiêu đề của A”")
    editor_client.post(change_url(story), form_values(refused.content, "article_form"))
    assert Article.objects.get().title == "Tiêu đề của B"


def test_save_after_an_unchanged_save_goes_through(editor_client, second_editor, story):
    tab_a = second_editor.get(change_url(story))
    tab_b = editor_client.get(change_url(story))
    unchanged = form_values(tab_a.content, "article_form")
    assert second_editor.post(change_url(story), unchanged).status_code == 302
    lead = "Chiều nay, phường Bồ Đề trồng cây dọc bờ sông Hồng."
    response = editor_client.post(
        change_url(story), form_values(tab_b.content, "article_form", {"lead": lead})
    )
    assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_once_from_the_same_version_save_one(editor):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race this guards against needs PostgreSQL")
    story = ArticleFactory(title=TITLE, body=BODY)
    browsers = []
    for n in range(2):
        client = Client(raise_request_exception=False)
        client.force_login(editor)
        page = client.get(change_url(story))
        browsers.append((client, form_values(page.content, "article_form", {"lead": f"Sapo {n}"})))
    start = threading.Barrier(len(browsers))
    statuses = []

    def save_at_once(client, data):
        start.wait()
        try:
            statuses.append(client.post(change_url(story), data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=save_at_once, args=browser) for browser in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(statuses) == [200, 302]
