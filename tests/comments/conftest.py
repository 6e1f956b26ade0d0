import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from tests.factories import ArticleFactory, UserFactory


def clear_rate_limit_counters():
    """The counters live in the shared default cache. In Redis only this test
    run's keys (its KEY_PREFIX) are deleted; the database cache table belongs
    to the test database."""
    config = settings.CACHES["default"]
    if config["BACKEND"].endswith("RedisCache"):
        prefix = config.get("KEY_PREFIX", "")
        assert prefix.startswith("longbien-test-"), "Redis cache without the test prefix"
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_rate_limits(db):
    clear_rate_limit_counters()
    yield
    clear_rate_limit_counters()


@pytest.fixture
def article(db):
    return ArticleFactory(title="Phường Bồ Đề trồng thêm cây xanh")


@pytest.fixture
def moderator_client(moderator):
    # A browser of its own: tests may use it next to `client` or `editor_client`.
    client = Client()
    client.force_login(moderator)
    return client


@pytest.fixture
def superuser(db):
    return UserFactory(
        username="quantri", is_staff=True, is_superuser=True, email="quantri@example.vn"
    )
