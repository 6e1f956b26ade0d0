"""A reader counts once per article within NEWS_READ_WINDOW_SECONDS, and the
address that recognises them is never stored."""

import time

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

from news.models import Article
from tests.factories import ArticleFactory
from tests.reading import READ_URL, read

pytestmark = pytest.mark.django_db


def views_of(article):
    return Article.objects.get(pk=article.pk).view_count


def beacon_url(client, article):
    return READ_URL.findall(client.get(article.get_absolute_url()).content.decode())[0]


def test_a_reader_reloading_an_article_counts_once(client):
    article = ArticleFactory()
    for _ in range(20):
        assert read(client, article, "203.0.113.7").status_code == 200
    assert views_of(article) == 1


def test_posting_the_beacon_in_a_loop_adds_one_read(client):
    article = ArticleFactory()
    url = beacon_url(client, article)
    answers = {client.post(url, REMOTE_ADDR="203.0.113.8").status_code for _ in range(400)}
    assert answers == {204}  # nothing tells the client whether it counted
    assert views_of(article) == 1


def test_the_same_reader_counts_on_each_article_and_other_readers_count_too(client):
    first, second = ArticleFactory(), ArticleFactory()
    read(client, first, "203.0.113.9")
    read(client, second, "203.0.113.9")
    read(client, first, "203.0.113.10")
    assert (views_of(first), views_of(second)) == (2, 1)


def test_ipv6_addresses_of_one_64_are_one_reader(client):
    article = ArticleFactory()
    for suffix in ("1", "2", "dead:beef:1:2", "ffff:ffff:ffff:ffff"):
        read(
            client,
            article,
            f"2001:db8:aa:bb:{suffix}" if ":" in suffix else f"2001:db8:aa:bb::{suffix}",
        )
    assert views_of(article) == 1
    read(client, article, "2001:db8:aa:bc::1")  # the next /64: another subscriber
    assert views_of(article) == 2


def test_a_reader_counts_again_once_the_window_has_passed(client, settings):
    settings.NEWS_READ_WINDOW_SECONDS = 1
    article = ArticleFactory()
    read(client, article, "203.0.113.11")
    read(client, article, "203.0.113.11")
    assert views_of(article) == 1
    time.sleep(1.2)  # real time: Redis expires keys on its own clock
    read(client, article, "203.0.113.11")
    assert views_of(article) == 2


def test_with_no_window_every_beacon_counts(client, settings):
    settings.NEWS_READ_WINDOW_SECONDS = 0
    article = ArticleFactory()
    for _ in range(3):
        read(client, article, "203.0.113.12")
    assert views_of(article) == 3


def test_the_reader_s_address_is_not_stored_in_the_database_cache(client, settings):
    # Production without Redis keeps the cache in a database table.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "longbien_test_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    article = ArticleFactory()
    read(client, article, "203.0.113.77")
    read(client, article, "203.0.113.77")
    assert views_of(article) == 1  # the window held, through the table
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value FROM longbien_test_cache")
        rows = cursor.fetchall()
    assert any(":news:read:" in key for key, _ in rows)
    assert "203.0.113.77" not in repr(rows)
    assert not any("203.0.113.77" in repr(row) for row in Article.objects.values())
    caches["default"].clear()


def test_a_cache_outage_counts_the_read_rather_than_losing_it(client, settings, caplog):
    article = ArticleFactory()
    url = beacon_url(client, article)  # the page came from the front cache
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    assert client.post(url, REMOTE_ADDR="203.0.113.13").status_code == 204
    assert views_of(article) == 1
    assert "Read window unavailable" in caplog.text
