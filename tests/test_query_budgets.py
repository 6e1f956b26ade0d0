"""The number of queries of each page, pinned: a change that adds an N+1
fails here. Pages are measured cold (empty cache) and with enough data that
a per-row query would show: several categories, articles with photos, tags
and comments. A page a front cache serves never reaches Django (tests/news/test_caching.py)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from comments.models import Comment
from news import caching
from news.models import Tag
from tests.conftest import clear_cache
from tests.factories import ArticleFactory, ArticlePhotoFactory, CategoryFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.NEWS_VIEW_FLUSH_SECONDS = 3600  # reads are written in batches, as in production
    tag = Tag.objects.create(name="Giao thông")
    articles = []
    for n in range(4):
        category = CategoryFactory()
        for _ in range(4):
            article = ArticleFactory(category=category, title=f"Cầu Long Biên {n}")
            ArticlePhotoFactory(article=article)
            ArticlePhotoFactory(article=article)
            article.tags.add(tag, Tag.objects.create(name=f"Từ khóa {article.pk}"))
            CommentFactory.create_batch(2, article=article, status=Comment.Status.APPROVED)
            CommentFactory(article=article)
            articles.append(article)
    return articles


def budget(client, url, expected, django_assert_num_queries):
    clear_cache()
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # Each page: the category menu and, the cache being empty, the
        # portal's identity and the next scheduled article (how long a
        # shared cache may keep the page). Lists:
        # a count, the articles with their comment counts, their photos.
        # Home: three more for the category blocks. Home and article: "Đọc
        # nhiều nhất" (one query while nothing has been read). Article: the
        # article, photos, tags, newer and older articles, approved
        # comments; no captcha is stored. Search: its own capped count and
        # the results with their categories (it shows no photos).
        ("home", 10),
        ("home_page_2", 6),
        ("category", 7),
        ("tag", 7),
        ("article", 10),
        ("search", 6),
    ],
)
def test_public_page_budgets(client, site, page, expected, django_assert_num_queries):
    article = site[0]
    url = {
        "home": reverse("news:home"),
        "home_page_2": reverse("news:home") + "?trang=2",
        "category": article.category.get_absolute_url(),
        "tag": reverse("news:tag", kwargs={"slug": "giao-thong"}),
        "article": article.get_absolute_url(),
        "search": reverse("news:search") + "?q=cau+long+bien",
    }[page]
    if page == "search" and connection.vendor == "postgresql":
        # Which words are common (PostgreSQL's statistics of the index),
        # read once per process every news.search.COMMON_WORDS_SECONDS.
        expected += 1
    budget(client, url, expected, django_assert_num_queries)


def test_moderation_queue_budget(client, site, moderator, django_assert_num_queries):
    client.force_login(moderator)
    # One count per status (the trash is one) and which of the busiest
    # articles are public, the only titles a moderator may read; the portal's
    # name, the cache being empty.
    budget(client, reverse("admin:comments_comment_changelist"), 15, django_assert_num_queries)


def test_keyboard_queue_budget(client, site, moderator, django_assert_num_queries):
    client.force_login(moderator)
    # One count per status, the waiting comments with their articles and
    # replies, their senders' other comments (by phone, by address), and
    # the offices a reply may be signed for; the portal's name.
    budget(client, reverse("admin:comments_comment_queue"), 14, django_assert_num_queries)


def test_admin_index_budget(client, site, moderator, django_assert_num_queries):
    client.force_login(moderator)
    budget(client, reverse("admin:index"), 7, django_assert_num_queries)  # with the portal's name


@pytest.mark.parametrize(
    ("page", "process", "expected"),
    [
        ("home", "same", 2),
        ("article", "same", 2),
        ("home", "another", 7),
        ("article", "another", 9),
    ],
)
def test_cache_round_trips_of_a_page_drawn_from_fragments(
    client, site, settings, monkeypatch, page, process, expected
):
    """A page Django draws again (no front cache, or one just purged) from
    warm fragments asks the cache once for the versions of each set of tags
    it draws from and once, at the end, whether any of its tags changed
    while it was drawn: each round trip is about 0.1 ms. The fragments and
    kept values ("Đọc nhiều nhất", the list's count, when the next
    scheduled article is due) come from the process's memory; another
    process, which has not drawn them, asks for each once."""
    url = {"home": reverse("news:home"), "article": site[0].get_absolute_url()}[page]
    client.get(url)
    if process == "another":
        caching._remembered.clear()
    calls, depth = [], []
    for name in ("get", "get_many", "set", "add", "set_many", "delete"):
        original = getattr(cache, name)

        def spy(*args, _original=original, _name=name, **kwargs):
            # Process memory's get_many calls get: count the outer call only.
            if not depth:
                calls.append((_name, str(args[0])[:60]))
            depth.append(_name)
            try:
                return _original(*args, **kwargs)
            finally:
                depth.pop()

        monkeypatch.setattr(cache, name, spy)
    assert client.get(url).status_code == 200
    assert len(calls) == expected, calls
