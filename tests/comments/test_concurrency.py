import threading

import pytest
from django.db import connection
from django.test import Client

from comments.models import Comment
from tests.comments.helpers import comment_data, new_captcha, post_url
from tests.factories import ArticleFactory

CLICKS = 8


def post_at_once(article, posts):
    """Send `posts` to `article` from as many browsers, released together;
    return their status codes."""
    start = threading.Barrier(len(posts))
    statuses = []

    def post(data):
        client = Client(raise_request_exception=False)
        start.wait()
        try:
            statuses.append(client.post(post_url(article), data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(data,)) for data in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return statuses


@pytest.mark.django_db(transaction=True)
def test_simultaneous_identical_posts_store_one_comment(settings):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race this guards against needs PostgreSQL")
    settings.COMMENTS_RATE = "100/10m"
    article = ArticleFactory()
    statuses = post_at_once(article, [comment_data(new_captcha()) for _ in range(CLICKS)])
    assert statuses == [302] * CLICKS
    assert Comment.objects.filter(article=article).count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_solved_captcha_stores_one_comment_however_many_posts_use_it_at_once(settings):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race this guards against needs PostgreSQL")
    settings.COMMENTS_RATE = "100/10m"
    article = ArticleFactory()
    captcha = new_captcha()
    # Different comments (a spammer's), one solved captcha.
    posts = [comment_data(captcha, title=f"Quảng cáo số {n}") for n in range(CLICKS)]
    statuses = post_at_once(article, posts)
    assert sorted(statuses) == [200] * (CLICKS - 1) + [302]
    assert Comment.objects.filter(article=article).count() == 1
