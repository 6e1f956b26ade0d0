import pytest
from django.contrib.auth.models import Group

from news.roles import EDITORS
from tests.browser.conftest import DESKTOP
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor_page(live_server, page_factory):
    from news.roles import ensure_roles

    ensure_roles()  # transactional tests start from an emptied database
    user = UserFactory(username="bientap", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    page = page_factory(DESKTOP)
    page.goto(live_server.url + "/quan-tri/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.click("input[type=submit]")
    return page


def test_ckeditor_5_loads_with_a_vietnamese_toolbar(live_server, editor_page):
    page = editor_page
    page.goto(live_server.url + "/quan-tri/news/article/add/")
    page.wait_for_selector(".ck-editor__editable", timeout=15000)
    labels = page.locator(".ck-toolbar button .ck-tooltip, .ck-toolbar [data-cke-tooltip-text]")
    tooltips = page.locator(".ck-toolbar [data-cke-tooltip-text]").evaluate_all(
        "els => els.map(e => e.getAttribute('data-cke-tooltip-text'))"
    )
    assert labels.count() > 0
    assert any(t.startswith("Đậm") for t in tooltips), tooltips
    assert page.console_errors == []
