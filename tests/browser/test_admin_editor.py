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


def test_editor_uploads_an_image_into_the_body(live_server, editor_page, tmp_path):
    from tests.factories import image_bytes

    picture = tmp_path / "cau-long-bien.png"
    picture.write_bytes(image_bytes(fmt="PNG"))
    page = editor_page
    page.goto(live_server.url + "/quan-tri/news/article/add/")
    page.wait_for_selector(".ck-editor__editable", timeout=15000)
    page.locator(".ck-toolbar input[type=file]").first.set_input_files(str(picture))
    image = page.locator(".ck-editor__editable figure.image img")
    image.wait_for(timeout=15000)
    page.wait_for_function(
        "() => { const i = document.querySelector('.ck-editor__editable figure.image img');"
        " return i && i.getAttribute('src').startsWith('/media/uploads/'); }",
        timeout=15000,
    )
    assert image.get_attribute("src").endswith(".png")
    assert page.console_errors == []
