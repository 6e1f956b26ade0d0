"""Public pages from the cache: fast for anonymous readers, never stale
after an edit, and still personal where they must be (CSRF, captcha)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from comments.moderation import approve
from news import counters, pagecache
from news.models import Article
from tests.comments.helpers import captcha_in, comment_data, post_url
from tests.factories import ArticleFactory, ArticlePhotoFactory, CommentFactory

pytestmark = pytest.mark.django_db

KEY = re.compile(r'name="captcha_0" value="([0-9a-f]{40})"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def queries_for(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


@pytest.fixture
def buffered(settings):
    counters.flush()
    settings.NEWS_VIEW_FLUSH_SECONDS = 3600
    yield
    counters.flush()


@pytest.mark.parametrize("page", ["home", "category", "article", "tag"])
def test_a_second_reader_gets_the_page_without_the_database(client, buffered, page):
    article = ArticleFactory()
    ArticlePhotoFactory(article=article)
    article.tags.create(name="Giao thông")
    url = {
        "home": reverse("news:home"),
        "category": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "tag": reverse("news:tag", kwargs={"slug": "giao-thong"}),
    }[page]
    first, cold = queries_for(client, url)
    second, warm = queries_for(Client(), url)
    assert cold > 0 and warm == 0
    assert second.status_code == 200
    assert article.title in second.content.decode()


def test_a_search_repeated_by_another_reader_comes_from_the_cache(client, buffered):
    ArticleFactory(title="Ngập úng phố Ngọc Lâm")
    url = reverse("news:search") + "?q=ngap+ung&trang=1"
    first, cold = queries_for(client, url)
    second, warm = queries_for(Client(), url)
    assert cold > 0 and warm == 0
    assert "<mark>Ngập</mark> <mark>úng</mark>" in second.content.decode()
    ArticleFactory(title="Hết ngập úng")
    assert "Hết" in Client().get(url).content.decode()


def test_cached_article_pages_still_count_every_read(client, buffered):
    article = ArticleFactory()
    for _ in range(5):
        Client().get(article.get_absolute_url())
    counters.flush()
    assert Article.objects.get(pk=article.pk).view_count == 5


def test_every_reader_gets_an_own_captcha_and_a_valid_form(article_with_cache):
    article = article_with_cache
    pages = [Client(enforce_csrf_checks=True) for _ in range(3)]
    htmls = [reader.get(article.get_absolute_url()).content.decode() for reader in pages]
    keys = {KEY.search(html).group(1) for html in htmls}
    assert len(keys) == 3
    assert all("%%" not in html for html in htmls)
    # The last reader got the page from the cache; posting from it works.
    reader, html = pages[-1], htmls[-1]
    data = comment_data(captcha_in(html), csrfmiddlewaretoken=TOKEN.search(html).group(1))
    response = reader.post(post_url(article), data)
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING


@pytest.fixture
def article_with_cache(client):
    article = ArticleFactory(title="Sửa cầu Long Biên")
    client.get(article.get_absolute_url())  # now in the cache
    return article


def test_an_edit_is_seen_at_once(client, article_with_cache):
    article = article_with_cache
    article.title = "Sửa xong cầu Long Biên"
    article.save()
    assert "Sửa xong cầu Long Biên" in client.get(article.get_absolute_url()).content.decode()


def test_a_new_article_is_on_the_home_page_at_once(client):
    ArticleFactory(title="Bài đầu")
    client.get(reverse("news:home"))
    ArticleFactory(title="Bài vừa đăng")
    assert "Bài vừa đăng" in client.get(reverse("news:home")).content.decode()


def test_an_approved_comment_is_seen_at_once(client, article_with_cache, moderator):
    article = article_with_cache
    CommentFactory(article=article, title="Ý kiến chờ duyệt")
    assert "Ý kiến chờ duyệt" not in client.get(article.get_absolute_url()).content.decode()
    approve(Comment.objects.all(), moderator)
    assert "Ý kiến chờ duyệt" in client.get(article.get_absolute_url()).content.decode()


def test_the_generation_ends_when_the_next_scheduled_article_goes_public():
    assert pagecache._until_next_publication() is None
    ArticleFactory(published_at=timezone.now() + timedelta(minutes=2))
    assert 100 < pagecache._until_next_publication() <= 121


def test_a_scheduled_article_appears_on_time(client, settings):
    if not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        pytest.skip("Redis expires keys by its own clock, which the test cannot move")
    ArticleFactory(title="Bài đã đăng")
    ArticleFactory(title="Bài hẹn giờ", published_at=timezone.now() + timedelta(minutes=2))
    assert "Bài hẹn giờ" not in client.get(reverse("news:home")).content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        assert "Bài hẹn giờ" in client.get(reverse("news:home")).content.decode()


def test_the_message_after_posting_is_shown_on_a_cached_page(client, article_with_cache):
    article = article_with_cache
    response = client.post(post_url(article), comment_data(), follow=True)
    assert "đang chờ ban biên tập duyệt" in response.content.decode()


def test_the_newsroom_never_gets_a_cached_page(client, editor_client, buffered):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    _, queries = queries_for(editor_client, article.get_absolute_url())
    assert queries > 0


def test_other_query_strings_bypass_the_cache(client, buffered, settings):
    settings.NEWS_FRAGMENT_CACHE_SECONDS = 0  # the page cache alone
    ArticleFactory()
    client.get(reverse("news:home"))
    _, queries = queries_for(Client(), reverse("news:home") + "?utm_source=zalo")
    assert queries > 0


def test_a_browser_with_the_page_gets_304_and_the_read_counts(client, buffered):
    article = ArticleFactory()
    first = client.get(article.get_absolute_url())
    assert "no-cache" in first["Cache-Control"] and "private" in first["Cache-Control"]
    again = client.get(article.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    counters.flush()
    assert Article.objects.get(pk=article.pk).view_count == 2
    article.save()
    changed = client.get(article.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200


def test_cached_pages_are_still_served_while_the_database_is_down(client, buffered, monkeypatch):
    article = ArticleFactory()
    client.get(article.get_absolute_url())

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", unreachable)
    reader = Client().get(article.get_absolute_url())
    assert reader.status_code == 200
    assert article.title in reader.content.decode()
    never_cached = Client().get(reverse("news:home"))
    assert never_cached.status_code == 503


def test_only_pages_that_are_cached_are_looked_up(client, monkeypatch):
    looked_up = []
    original = pagecache.cache.get_many

    def get_many(keys, *args, **kwargs):
        looked_up.append(keys)
        return original(keys, *args, **kwargs)

    monkeypatch.setattr(pagecache.cache, "get_many", get_many)
    assert client.get(reverse("news:robots")).status_code == 200
    assert client.get(reverse("news:feed")).status_code == 200
    assert looked_up == []
    client.get(reverse("news:home"))
    assert pagecache.GENERATION_KEY in looked_up[0]


def test_a_head_request_gets_the_cached_page_headers_and_is_not_a_read(client, buffered):
    article = ArticleFactory()
    first = client.get(article.get_absolute_url())
    _, queries = queries_for(Client(), article.get_absolute_url())  # a second read
    assert queries == 0
    for _ in range(2):
        head = Client().head(article.get_absolute_url())
        assert head.status_code == 200
        assert head["ETag"] == first["ETag"]
    counters.flush()
    assert Article.objects.get(pk=article.pk).view_count == 2


def test_the_cache_can_be_switched_off(client, settings, buffered):
    settings.NEWS_PAGE_CACHE_SECONDS = 0
    settings.NEWS_FRAGMENT_CACHE_SECONDS = 0
    ArticleFactory()
    client.get(reverse("news:home"))
    _, queries = queries_for(Client(), reverse("news:home"))
    assert queries > 0


def test_later_pages_of_a_list_are_cached_but_a_repeated_parameter_is_not(
    client, buffered, settings
):
    settings.NEWS_FRAGMENT_CACHE_SECONDS = 0  # the page cache alone
    for n in range(3):
        ArticleFactory(title=f"Tin thứ {n}")
    client.get(reverse("news:home") + "?trang=1")
    _, warm = queries_for(Client(), reverse("news:home") + "?trang=1")
    assert warm == 0
    client.get(reverse("news:home") + "?trang=1&trang=1")
    _, repeated = queries_for(Client(), reverse("news:home") + "?trang=1&trang=1")
    assert repeated > 0


def test_without_the_page_cache_fragments_spare_the_database(client, settings, buffered):
    settings.NEWS_PAGE_CACHE_SECONDS = 0
    article = ArticleFactory()
    ArticlePhotoFactory(article=article)
    for url in (reverse("news:home"), article.get_absolute_url()):
        client.get(url)
        response, queries = queries_for(Client(), url)
        assert response.status_code == 200
        assert queries == 0


def test_a_cached_article_still_goes_away_when_unpublished(client, settings):
    settings.NEWS_PAGE_CACHE_SECONDS = 0
    article = ArticleFactory()
    assert client.get(article.get_absolute_url()).status_code == 200
    article.status = Article.Status.DRAFT
    article.save()
    assert Client().get(article.get_absolute_url()).status_code == 404


def test_a_cached_blank_form_still_gets_each_readers_token_and_captcha(client, settings):
    settings.NEWS_PAGE_CACHE_SECONDS = 0
    article = ArticleFactory()
    htmls = [Client().get(article.get_absolute_url()).content.decode() for _ in range(3)]
    assert len({KEY.search(html).group(1) for html in htmls}) == 3
    assert len({TOKEN.search(html).group(1) for html in htmls}) == 3
    assert all("%%" not in html for html in htmls)


def test_the_second_reader_types_what_the_picture_shows_and_the_comment_is_taken(
    article_with_cache,
):
    article = article_with_cache
    reader = Client(enforce_csrf_checks=True)
    html = reader.get(article.get_absolute_url()).content.decode()
    # The page came from the cache, with this reader's own key and token.
    assert "%%" not in html
    data = comment_data(captcha_in(html), csrfmiddlewaretoken=TOKEN.search(html).group(1))
    response = reader.post(post_url(article), data, follow=True)
    assert "đang chờ ban biên tập duyệt" in response.content.decode()
    assert Comment.objects.get().status == Comment.Status.PENDING
