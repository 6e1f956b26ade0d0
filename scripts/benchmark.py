"""Print speed and query figures for the reader pages.

    .venv/bin/python scripts/benchmark.py [--requests 200]
    DATABASE_URL=postgres://... .venv/bin/python scripts/benchmark.py

Builds a throw-away test database (SQLite, or PostgreSQL when DATABASE_URL is
set), loads the demo content plus extra articles, then for each page prints
the number of SQL queries, the median and 95th-percentile time of an
in-process request and the peak Python memory one request allocates. Finally
it sends one article's read beacon (the POST its page makes, news.views.read)
from several threads at once and checks that no read was lost. Targets live
here, as printed figures, not in timed tests.
"""

import argparse
import os
import statistics
import sys
import threading
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "longbien.settings.test")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Pages are drawn in full every time: the fragment cache would otherwise
# answer most of each page after the first request (bench/run.py measures
# it, and Varnish in front, under gunicorn).
os.environ.setdefault("NEWS_FRAGMENT_CACHE_SECONDS", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)

TARGET_MEDIAN_MS = 50  # per page, in process, on the demo data


def measure(client, url, requests):
    client.get(url)  # warm caches, templates and connections
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    # Counted now: each request clears the log, and `queries` reads it lazily.
    query_count = len(queries)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    client.get(url)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    times.sort()
    return query_count, statistics.median(times), times[int(len(times) * 0.95) - 1], peak


def concurrent_reads(article, threads, reads):
    """Send the article's read beacon `reads` times from each of `threads`
    threads at once; returns how many reads the article gained."""
    from django.urls import reverse

    from news.models import Article

    url = reverse("news:read", args=[article.pk])
    before = Article.objects.get(pk=article.pk).view_count
    barrier = threading.Barrier(threads)

    def reader(number):
        client = Client(raise_request_exception=False)
        barrier.wait()
        for n in range(reads):
            # Each beacon from an address of its own: one address counts
            # once per article within NEWS_READ_WINDOW_SECONDS.
            client.post(url, REMOTE_ADDR=f"10.{number}.{n // 256}.{n % 256}")
        connection.close()

    workers = [threading.Thread(target=reader, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return Article.objects.get(pk=article.pk).view_count - before


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--extra-articles", type=int, default=200)
    options = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from news.models import Article
        from tests.factories import ArticleFactory, ArticlePhotoFactory

        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        first = Article.objects.published().last()
        for _ in range(options.extra_articles):
            ArticleFactory(category=first.category, published_at=first.published_at)
        for _ in range(5):
            ArticlePhotoFactory(article=first)
        article = Article.objects.published().first()
        client = Client()
        pages = {
            "home": "/",
            "home, page 2": "/?trang=2",
            "category": first.category.get_absolute_url(),
            "article": article.get_absolute_url(),
            "article, 6 photos": first.get_absolute_url(),
        }
        print(
            f"database: {connection.vendor}, {Article.objects.count()} articles, "
            f"{options.requests} requests per page"
        )
        print(f"{'page':<20}{'queries':>8}{'median ms':>11}{'p95 ms':>9}{'peak KiB':>10}")
        worst = 0.0
        for name, url in pages.items():
            queries, median, p95, peak = measure(client, url, options.requests)
            worst = max(worst, median)
            print(f"{name:<20}{queries:>8}{median:>11.1f}{p95:>9.1f}{peak / 1024:>10.0f}")
        verdict = "met" if worst <= TARGET_MEDIAN_MS else "MISSED"
        print(f"target: median under {TARGET_MEDIAN_MS} ms on every page: {verdict}")
        if connection.vendor != "sqlite":
            counted = concurrent_reads(article, threads=8, reads=25)
            print(f"view counter: 8 threads x 25 read beacons -> {counted} counted (expected 200)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
