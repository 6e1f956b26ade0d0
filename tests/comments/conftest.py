import pytest
from django.test import Client

from tests.factories import ArticleFactory, UserFactory


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
