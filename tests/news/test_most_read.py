"""Reads tallied in memory and written in batches; "Đọc nhiều nhất" from
the per-day counts."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from news import counters
from news.models import Article, DailyViews
from tests.factories import ArticleFactory
from tests.reading import read

pytestmark = pytest.mark.django_db


@pytest.fixture
def buffered(settings):
    """Reads wait in memory until flushed, as in production."""
    counters.flush()
    settings.NEWS_VIEW_FLUSH_SECONDS = 3600
    settings.NEWS_VIEW_FLUSH_SIZE = 1000
    yield settings
    counters.flush()


def views_of(article):
    return Article.objects.get(pk=article.pk).view_count


def test_reads_wait_in_memory_until_flushed(client, buffered):
    article = ArticleFactory()
    for n in range(3):
        assert read(client, article, f"203.0.113.{n + 1}").status_code == 200
    assert views_of(article) == 0
    assert counters.pending() == 3
    counters.flush()
    assert views_of(article) == 3
    assert DailyViews.objects.get(article=article, day=timezone.localdate()).views == 3
    assert counters.pending() == 0


def test_reads_are_written_when_enough_wait(client, buffered):
    buffered.NEWS_VIEW_FLUSH_SIZE = 4
    article = ArticleFactory()
    for n in range(4):
        read(client, article, f"203.0.113.{n + 1}")
    assert views_of(article) == 4
    assert counters.pending() == 0


def test_every_read_is_written_at_once_when_the_interval_is_zero(client, settings):
    settings.NEWS_VIEW_FLUSH_SECONDS = 0
    article = ArticleFactory()
    read(client, article)
    assert views_of(article) == 1


def test_a_second_flush_adds_to_the_day(buffered):
    article = ArticleFactory()
    counters.record_view(article.pk)
    counters.flush()
    counters.record_view(article.pk)
    counters.record_view(article.pk)
    counters.flush()
    assert DailyViews.objects.get(article=article).views == 3
    assert views_of(article) == 3


def test_days_are_hanoi_days(buffered):
    article = ArticleFactory()
    # 23:30 in Hà Nội is 16:30 UTC the same day; 00:30 the next day is 17:30 UTC.
    with time_machine.travel(datetime(2026, 11, 24, 16, 30, tzinfo=UTC), tick=False):
        counters.record_view(article.pk)
    with time_machine.travel(datetime(2026, 11, 24, 17, 30, tzinfo=UTC), tick=False):
        counters.record_view(article.pk)
        counters.record_view(article.pk)
    counters.flush()
    days = dict(DailyViews.objects.values_list("day", "views"))
    assert days == {date(2026, 11, 24): 1, date(2026, 11, 25): 2}


def test_reads_of_a_deleted_article_are_dropped_quietly(buffered):
    kept, deleted = ArticleFactory(), ArticleFactory()
    counters.record_view(kept.pk)
    counters.record_view(deleted.pk)
    deleted.delete()
    counters.flush()
    assert views_of(kept) == 1
    assert counters.pending() == 0


def test_a_database_error_keeps_the_reads_for_the_next_flush(buffered, monkeypatch):
    article = ArticleFactory()
    counters.record_view(article.pk)
    counters.record_view(article.pk)
    with monkeypatch.context() as patch:
        patch.setattr(DailyViews._meta, "db_table", "no_such_table")
        counters.flush()
    assert views_of(article) == 0  # the whole batch was rolled back ...
    assert counters.pending() == 2  # ... and kept
    counters.flush()
    assert views_of(article) == 2


def _read(article, views, days_ago=0):
    DailyViews.objects.create(
        article=article, day=timezone.localdate() - timedelta(days=days_ago), views=views
    )


def test_most_read_counts_the_last_seven_days_of_public_articles():
    popular = ArticleFactory(title="Cầu Long Biên sơn lại")
    steady = ArticleFactory(title="Lịch cắt điện tuần này")
    old_hit = ArticleFactory(title="Tin cũ từng đọc nhiều")
    draft = ArticleFactory(title="Bản nháp", status=Article.Status.DRAFT)
    _read(popular, 300)
    _read(steady, 100, days_ago=1)
    _read(steady, 150, days_ago=6)
    _read(old_hit, 5000, days_ago=7)  # outside the seven days
    _read(draft, 9999)
    result = Article.objects.most_read(days=7, count=5)
    assert [(a.title, a.recent_views) for a in result] == [
        ("Cầu Long Biên sơn lại", 300),
        ("Lịch cắt điện tuần này", 250),
    ]


def test_most_read_box_on_home_and_article_pages(client):
    top = ArticleFactory(title="Phố đi bộ ven hồ mở cửa")
    _read(top, 1234)
    for url in (reverse("news:home"), ArticleFactory().get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Đọc nhiều nhất" in html
        assert "Phố đi bộ ven hồ mở cửa" in html
        # Written as Vietnamese writes numbers.
        assert "1.234 lượt xem trong 7 ngày" in html


def test_no_box_before_anyone_has_read_anything(client):
    ArticleFactory()
    assert "Đọc nhiều nhất" not in client.get(reverse("news:home")).content.decode()


def test_most_read_costs_two_queries_whatever_the_number_of_articles(
    django_assert_num_queries,
):
    for n in range(20):
        _read(ArticleFactory(), n + 1)
    with django_assert_num_queries(2):
        assert len(Article.objects.most_read(days=7, count=5)) == 5
