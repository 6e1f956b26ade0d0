"""Public pages through HTTP caching (news/caching.py): every anonymous
reader gets the same bytes with headers a shared cache may keep, what a page
shows is named in its tags, and a change purges them once it commits."""

import re
import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from comments.moderation import approve
from news import caching
from news.models import Article
from news.views import ArticleView
from tests.comments.helpers import captcha_in, comment_data, form_parts, post_url
from tests.factories import ArticleFactory, ArticlePhotoFactory, CategoryFactory, CommentFactory

PUBLIC_URLS = ("home", "category", "tag", "article", "search", "feed", "sitemap")


def url_of(name, article):
    return {
        "home": reverse("news:home"),
        "category": article.category.get_absolute_url(),
        "tag": reverse("news:tag", kwargs={"slug": "giao-thong"}),
        "article": article.get_absolute_url(),
        "search": reverse("news:search") + "?q=cau",
        "feed": reverse("news:feed"),
        "sitemap": reverse("news:sitemap"),
    }[name]


def tags_of(response):
    return set(response.get("xkey", "").split())


@pytest.fixture
def article(db):
    article = ArticleFactory(title="Sửa cầu Long Biên")
    ArticlePhotoFactory(article=article)
    article.tags.create(name="Giao thông")
    return article


@pytest.mark.parametrize("name", PUBLIC_URLS)
def test_public_pages_are_the_same_bytes_for_every_reader_and_a_shared_cache_may_keep_them(
    article, name
):
    url = url_of(name, article)
    first, second = Client().get(url), Client(enforce_csrf_checks=True).get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    control = first["Cache-Control"]
    assert "public" in control and "max-age=0" in control and "s-maxage=600" in control
    assert "stale-while-revalidate=30" in control and "stale-if-error=86400" in control
    assert first["ETag"].startswith('W/"') and first["ETag"] == second["ETag"]
    assert not first.cookies and "Set-Cookie" not in first
    assert "Cookie" not in first.get("Vary", "") and "Accept-Language" not in first.get("Vary", "")
    assert tags_of(first)


def test_a_browser_with_the_page_gets_304(article):
    first = Client().get(article.get_absolute_url())
    again = Client().get(article.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_pages_name_what_they_show(article):
    other = ArticleFactory(title="Bài khác", category=CategoryFactory())
    home = Client().get(reverse("news:home"))
    assert {"home", "menu", f"a{article.pk}", f"a{other.pk}"} <= tags_of(home)
    page = Client().get(article.get_absolute_url())
    # Its own tag, and the related list's articles.
    assert {f"a{article.pk}", f"a{other.pk}", "menu"} <= tags_of(page)
    category = Client().get(article.category.get_absolute_url())
    assert {f"c{article.category_id}", f"a{article.pk}"} <= tags_of(category)
    assert f"a{other.pk}" not in tags_of(category)
    tag = Client().get(reverse("news:tag", kwargs={"slug": "giao-thong"}))
    assert f"t{article.tags.get().pk}" in tags_of(tag)


def test_a_body_that_looks_like_a_form_field_changes_nothing_for_other_readers(db):
    article = ArticleFactory(
        body='<p>name="csrfmiddlewaretoken" value="QQQQ" name="captcha_0" value="'
        + "a" * 40
        + '"</p>'
    )
    pages = [Client().get(article.get_absolute_url()).content for _ in range(2)]
    assert pages[0] == pages[1]
    reader = Client(enforce_csrf_checks=True)
    html = reader.get(article.get_absolute_url()).content.decode()
    data = comment_data(**form_parts(reader, html))
    assert reader.post(post_url(article), data).status_code == 302


def form_parts_of(reader, html):
    parts = form_parts(reader, html)
    return parts["captcha_0"], parts["captcha_1"]


def test_the_newsroom_and_readers_with_a_message_get_private_pages(article, editor_client):
    response = editor_client.get(article.get_absolute_url())
    assert "private" in response["Cache-Control"] and "xkey" not in response
    posted = Client()
    page = posted.get(article.get_absolute_url()).content.decode()
    posted.post(post_url(article), comment_data(form_parts_of(posted, page)))
    with_message = posted.get(article.get_absolute_url())
    assert "đang chờ ban biên tập duyệt" in with_message.content.decode()
    assert "private" in with_message["Cache-Control"] and "xkey" not in with_message


def test_a_page_that_drew_a_csrf_token_is_never_public(article):
    reader = Client()
    reader.get(post_url(article))  # the form's own page, with a token
    response = reader.get(post_url(article))
    assert "private" in response["Cache-Control"] and "xkey" not in response


def test_form_parts_and_the_read_beacon_are_never_cached(article):
    parts = Client().get(reverse("comments:form_parts", kwargs={"slug": article.slug}))
    assert "no-store" in parts["Cache-Control"] and "private" in parts["Cache-Control"]
    beacon = Client().post(reverse("news:read", args=[article.pk]))
    assert "no-store" in beacon["Cache-Control"]


def test_a_scheduled_article_shortens_the_life_of_every_public_page(article):
    ArticleFactory(published_at=timezone.now() + timedelta(minutes=2))
    control = Client().get(reverse("news:home"))["Cache-Control"]
    seconds = int(re.search(r"s-maxage=(\d+)", control).group(1))
    assert 100 < seconds <= 120


def test_a_scheduled_article_appears_on_time_without_anybody_saving(db, client):
    # What was kept says until when it is right, by the app servers' clock,
    # in the shared cache as in each process's memory (caching.recall).
    ArticleFactory(title="Bài đã đăng")
    ArticleFactory(title="Bài hẹn giờ", published_at=timezone.now() + timedelta(minutes=2))
    assert "Bài hẹn giờ" not in client.get(reverse("news:home")).content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        assert "Bài hẹn giờ" in client.get(reverse("news:home")).content.decode()


# Purges after commit ----------------------------------------------------------


@pytest.fixture
def purged(monkeypatch, settings):
    """The purge batches sent to a front cache, as (url, tags) pairs."""
    settings.FRONT_CACHE_URLS = ["http://127.0.0.1:9"]
    sent = []
    monkeypatch.setattr(caching, "_purge_one", lambda url, tags: sent.append((url, set(tags))))
    return sent


@pytest.mark.django_db(transaction=True)
def test_an_edit_is_purged_once_after_commit_and_never_before(purged):
    article = ArticleFactory()
    purged.clear()
    with transaction.atomic():
        article.title = "Tiêu đề mới"
        article.save()
        ArticlePhotoFactory(article=article)
        assert purged == []  # nothing told before the commit
    assert len(purged) == 1
    assert {f"a{article.pk}", "home", f"c{article.category_id}", "feeds"} <= purged[0][1]


@pytest.mark.django_db(transaction=True)
def test_a_change_rolled_back_purges_nothing_then(purged):
    article = ArticleFactory()
    purged.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        article.save()
        raise RuntimeError
    assert purged == []


@pytest.mark.django_db(transaction=True)
def test_moving_an_article_purges_its_old_and_new_category_and_its_new_neighbours(purged):
    old, new = CategoryFactory(), CategoryFactory()
    neighbour = ArticleFactory(published_at=timezone.now() - timedelta(days=1))
    article = ArticleFactory(category=old, status=Article.Status.DRAFT)
    purged.clear()
    article.category = new
    article.status = Article.Status.PUBLISHED
    article.save()
    # The neighbour's page now lists this article among the newer ones.
    assert {f"c{old.pk}", f"c{new.pk}", f"a{neighbour.pk}"} <= purged[0][1]


@pytest.mark.django_db(transaction=True)
def test_a_moderated_comment_purges_its_article_and_the_lists_counting_it(purged, moderator):
    article = ArticleFactory()
    CommentFactory(article=article)
    purged.clear()
    approve(Comment.objects.all(), moderator)
    assert {f"a{article.pk}", "home", f"c{article.category_id}"} <= purged[0][1]


@pytest.mark.django_db(transaction=True)
def test_a_new_pending_comment_purges_nothing(purged):
    article = ArticleFactory()
    purged.clear()
    CommentFactory(article=article)
    assert purged == []


@pytest.mark.django_db(transaction=True)
def test_a_front_cache_that_does_not_answer_never_fails_the_save(settings, caplog):
    settings.FRONT_CACHE_URLS = ["http://127.0.0.1:9"]  # nobody listens there
    settings.FRONT_CACHE_TIMEOUT = 0.5
    article = ArticleFactory()
    article.title = "Lưu được"
    article.save()
    assert Article.objects.get(pk=article.pk).title == "Lưu được"
    assert "Could not purge front cache http://127.0.0.1:9" in caplog.text


# Seen at once, never before: committed changes, Django serving alone ---------


@pytest.fixture
def no_clock_margin(monkeypatch):
    """Parts drawn within a second of a change are not kept (app servers'
    clocks may differ that much), which would hide a stale part in a test
    that makes its articles just before: here, on one clock, none is needed."""
    monkeypatch.setattr(caching, "CLOCK_MARGIN", 0)


@pytest.mark.django_db(transaction=True)
def test_an_unpublished_article_is_gone_at_once_from_its_page_the_lists_and_most_read(
    no_clock_margin,
):
    article = ArticleFactory(title="Bài sẽ gỡ")
    reader = Client()
    assert reader.get(article.get_absolute_url()).status_code == 200
    assert "Bài sẽ gỡ" in reader.get(reverse("news:home")).content.decode()
    with transaction.atomic():
        article.status = Article.Status.DRAFT
        article.save()
    assert Client().get(article.get_absolute_url()).status_code == 404
    assert "Bài sẽ gỡ" not in Client().get(reverse("news:home")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_an_approved_comment_is_seen_at_once_after_commit(no_clock_margin, moderator):
    article = ArticleFactory()
    CommentFactory(article=article, title="Ý kiến chờ duyệt")
    assert "Ý kiến chờ duyệt" not in Client().get(article.get_absolute_url()).content.decode()
    approve(Comment.objects.all(), moderator)
    assert "Ý kiến chờ duyệt" in Client().get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_reader_during_the_editors_save_leaves_no_stale_page_behind():
    """A reader asks for the article while the editor's transaction that
    unpublishes it is still open: they are answered from the old rows, which
    is right at that moment, but no cache may keep that answer, and every
    reader after the commit gets a 404."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite locks the whole database for the editor's write")
    article = ArticleFactory(title="Bài đang sửa")
    url = article.get_absolute_url()
    Client().get(url)  # its parts are in the cache
    saved, answered = threading.Event(), threading.Event()
    during = {}

    def editor():
        with transaction.atomic():
            Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
            caching.purge(*caching.pages_showing(article))
            saved.set()
            answered.wait(10)
        connection.close()

    def reader():
        saved.wait(10)
        response = Client().get(url)
        during["status"], during["control"] = response.status_code, response["Cache-Control"]
        answered.set()
        connection.close()

    threads = [threading.Thread(target=editor), threading.Thread(target=reader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(15)
    assert during["status"] == 200  # the old rows, still the truth at that moment
    assert Client().get(url).status_code == 404
    assert "Bài đang sửa" not in Client().get(reverse("news:home")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_page_drawn_while_its_tags_changed_is_answered_but_not_public(monkeypatch):
    article = ArticleFactory()
    render = ArticleView.render_to_response

    def render_then_commit(self, context, **kwargs):
        response = render(self, context, **kwargs)
        response.render()
        Article.objects.get(pk=article.pk).save()  # an editor's save commits meanwhile
        return response

    monkeypatch.setattr(ArticleView, "render_to_response", render_then_commit)
    response = Client().get(article.get_absolute_url())
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "xkey" not in response


# The second reader comments from the shared page -------------------------------


def test_the_second_reader_types_what_the_picture_shows_and_the_comment_is_taken(article):
    Client().get(article.get_absolute_url())  # the first reader
    reader = Client(enforce_csrf_checks=True)
    html = reader.get(article.get_absolute_url()).content.decode()
    parts = form_parts(reader, html)
    response = reader.post(post_url(article), comment_data(**parts), follow=True)
    assert "đang chờ ban biên tập duyệt" in response.content.decode()
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_two_readers_of_the_same_page_get_their_own_captcha(article):
    html = Client().get(article.get_absolute_url()).content.decode()
    readers = [Client(enforce_csrf_checks=True) for _ in range(2)]
    keys = [captcha_in(html, reader) for reader in readers]
    assert keys[0][0] != keys[1][0]


@pytest.mark.django_db(transaction=True)
def test_deleting_an_article_purges_its_page_and_every_list_it_was_in(purged):
    article = ArticleFactory()
    keyword = article.tags.create(name="Ngập úng")
    pk = article.pk
    purged.clear()
    article.delete()
    assert {f"a{pk}", f"t{keyword.pk}", f"c{article.category_id}", "home"} <= set().union(
        *(tags for _, tags in purged)
    )


@pytest.mark.django_db(transaction=True)
def test_a_deleted_article_leaves_its_keyword_page_at_once_without_a_front_cache(
    no_clock_margin,
):
    article = ArticleFactory(title="Bài sẽ xóa")
    article.tags.create(name="Ngập úng")
    url = reverse("news:tag", kwargs={"slug": "ngap-ung"})
    assert "Bài sẽ xóa" in Client().get(url).content.decode()  # its parts now kept
    article.delete()
    assert "Bài sẽ xóa" not in Client().get(url).content.decode()


def test_made_up_query_parameters_add_nothing_to_the_cache_or_the_links(db, settings, monkeypatch):
    settings.NEWS_PAGE_SIZE = 2
    for _ in range(3):
        ArticleFactory()
    Client().get(reverse("news:home") + "?trang=1")
    stored = []
    original = caching.cache.set
    monkeypatch.setattr(
        caching.cache, "set", lambda key, *a, **k: (stored.append(key), original(key, *a, **k))
    )
    for junk in ("utm_source=zalo", "fbclid=abc", "x=1"):
        page = Client().get(reverse("news:home") + f"?{junk}&trang=1").content.decode()
        assert 'href="?trang=2"' in page
    assert [key for key in stored if "fragment" in key] == []
