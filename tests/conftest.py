import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from news import search
from news.roles import EDITORS, EDITORS_IN_CHIEF, MODERATORS, REPORTERS
from tests.factories import ArticleFactory, PortalIdentityFactory, UserFactory


@pytest.fixture
def editor(db):
    user = UserFactory(username="bientap", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def editor_in_chief(db):
    user = UserFactory(username="tongbientap", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_IN_CHIEF))
    return user


@pytest.fixture
def moderator(db):
    user = UserFactory(username="kiemduyet", is_staff=True)
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


@pytest.fixture
def reporter(db):
    user = UserFactory(username="phongvien-mot", first_name="Minh Thu", is_staff=True)
    user.groups.add(Group.objects.get(name=REPORTERS))
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(
        username="quantri", is_staff=True, is_superuser=True, email="quantri@example.vn"
    )


@pytest.fixture
def portal(db):
    """The portal's identity as its newsroom filled it in (a new one has
    plain defaults: "Trang thông tin điện tử")."""
    return PortalIdentityFactory()


@pytest.fixture
def moderator_client(moderator):
    # A browser of its own: tests may use it next to `client` or `editor_client`.
    client = Client()
    client.force_login(moderator)
    return client


@pytest.fixture
def article(db):
    """An article readers comment on; modules that need another define their own."""
    return ArticleFactory(title="Phường Bồ Đề trồng thêm cây xanh")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def clear_cache():
    """Empty the cache between tests (pages, rate-limit counters, "Đọc nhiều
    nhất"). In a shared Redis only this test run's keys (its KEY_PREFIX) go."""
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
    # What the search module keeps in the process from PostgreSQL's
    # statistics of its index.
    search.read_statistics_again()


@pytest.fixture(autouse=True)
def _empty_cache():
    clear_cache()
    yield
    clear_cache()
