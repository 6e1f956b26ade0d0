import threading

import pytest
from django.db import connection
from django.test import Client

from news.models import Article
from tests.factories import ArticleFactory
from tests.reading import read

READERS = 8
READS_EACH = 5


@pytest.mark.django_db(transaction=True)
def test_concurrent_readers_lose_no_views():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race this guards against needs PostgreSQL")
    article = ArticleFactory()
    start = threading.Barrier(READERS)
    failures = []

    def reader(number):
        client = Client(raise_request_exception=False)
        start.wait()
        try:
            for n in range(READS_EACH):
                # The page, then its read beacon, as a reader's browser; each
                # read from an address of its own, so each one counts.
                address = f"198.51.100.{number * READS_EACH + n + 1}"
                if read(client, article, address).status_code != 200:
                    failures.append("status")
        finally:
            connection.close()

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert Article.objects.get(pk=article.pk).view_count == READERS * READS_EACH
