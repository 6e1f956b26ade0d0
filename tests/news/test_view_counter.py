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

    def reader():
        client = Client(raise_request_exception=False)
        start.wait()
        try:
            for _ in range(READS_EACH):
                # The page, then its read beacon, as a reader's browser.
                if read(client, article).status_code != 200:
                    failures.append("status")
        finally:
            connection.close()

    threads = [threading.Thread(target=reader) for _ in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert Article.objects.get(pk=article.pk).view_count == READERS * READS_EACH
