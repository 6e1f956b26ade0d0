import pytest
from django.contrib.auth.models import Group

from news.roles import EDITORS, MODERATORS
from tests.factories import UserFactory


@pytest.fixture
def editor(db):
    user = UserFactory(username="bientap", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def moderator(db):
    user = UserFactory(username="kiemduyet", is_staff=True)
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
