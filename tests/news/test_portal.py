"""The portal's identity (news.models.PortalIdentity): kept in the admin by
the editor-in-chief or a superuser, shown on every page, in the metadata and
the feeds, and seen by every reader once the save commits."""

import re
import threading
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains

from news import caching
from news.models import Article, PortalIdentity
from news.roles import EDITORS_IN_CHIEF
from tests.factories import ArticleFactory, PortalIdentityFactory, UserFactory, image_bytes
from tests.forms import form_values

pytestmark = pytest.mark.django_db

URL = reverse("admin:news_portalidentity_change")
LEGAL = (
    "Cơ quan chủ quản:",
    "Ủy ban nhân dân phường Long Biên",
    "Chịu trách nhiệm nội dung:",
    "Trần Văn Kiên — Phó Chủ tịch UBND phường",
    "Giấy phép:",
    "Giấy phép số 45/GP-TTĐT do Sở Văn hóa và Thể thao Hà Nội cấp ngày 12/9/2025",
    "Địa chỉ:",
    "Điện thoại:",
    "024 3872 0000",
    "toasoan@longbien.example.vn",
)


def reader_pages(article):
    return {
        "home": reverse("news:home"),
        "article": article.get_absolute_url(),
        "category": article.category.get_absolute_url(),
        "search": reverse("news:search") + "?q=cau",
        "missing": "/khong-co-trang-nay/",
    }


@pytest.fixture
def chief_client(editor_in_chief):
    client = Client()
    client.force_login(editor_in_chief)
    return client


@pytest.fixture
def no_clock_margin(monkeypatch):
    # One clock here: what is read just after a change may be kept at once.
    monkeypatch.setattr(caching, "CLOCK_MARGIN", 0)


def png(size=(256, 256), color=(20, 80, 160)):
    return SimpleUploadedFile("logo.png", image_bytes(size, color, "PNG"), "image/png")


def feed_title(client, url=None):
    # Our own feed, drawn by Django.
    rss = ElementTree.fromstring(client.get(url or reverse("news:feed")).content)  # noqa: S314
    return rss.findtext("channel/title")


# What a new portal and a filled-in one show ---------------------------------------


def test_a_new_portal_names_nobody_and_shows_no_legal_footer(client):
    article = ArticleFactory(title="Khai trương nhà văn hóa tổ dân phố", source="TTĐT")
    for name, url in reader_pages(article).items():
        response = client.get(url)
        html = response.content.decode()
        assert "Trang thông tin điện tử" in html, name
        assert "Long Biên" not in html and "HNP" not in html, name
        assert "Cơ quan chủ quản" not in html, name
    for url in (reverse("news:home"), reverse("news:search")):
        html = client.get(url).content.decode()
        assert '<meta name="description" content="Trang thông tin điện tử">' in html, url
    assert feed_title(client) == "Trang thông tin điện tử"


@pytest.mark.parametrize("page", ["home", "article", "category", "search", "missing"])
def test_the_legal_footer_and_the_name_are_on_every_page(client, portal, page):
    article = ArticleFactory()
    response = client.get(reader_pages(article)[page])
    footer = re.search(r'<footer class="site-footer">.*?</footer>', response.content.decode(), re.S)
    for text in LEGAL:
        assert text in footer.group(0), text
    assertContains(
        response,
        '<span class="brand__name">Tin tức Long Biên</span>',
        html=True,
        status_code=response.status_code,
    )
    assertContains(
        response, "Thông tin phường Long Biên, thành phố Hà Nội", status_code=response.status_code
    )
    assertContains(
        response,
        '<a href="mailto:toasoan@longbien.example.vn">toasoan@longbien.example.vn</a>',
        html=True,
        status_code=response.status_code,
    )
    assertContains(
        response,
        '<a href="tel:02438720000">024 3872 0000</a>',
        html=True,
        status_code=response.status_code,
    )


def test_empty_lines_of_the_footer_are_left_out(client):
    PortalIdentityFactory(licence="", phone="", email="")
    html = client.get(reverse("news:home")).content.decode()
    assert "Cơ quan chủ quản:" in html
    assert "Giấy phép:" not in html and "Điện thoại:" not in html and "mailto:" not in html


def test_the_title_the_short_name_and_the_description_are_the_portals(client, portal):
    html = client.get(reverse("news:home")).content.decode()
    assert "<title>Tin tức Long Biên</title>" in html
    assert '<span class="brand__mark" aria-hidden="true">LB</span>' in html
    assert (
        '<meta name="description" content="Tin tức, sự kiện và hoạt động của phường Long Biên, '
        'Hà Nội.">' in html
    )


# Changing it: every page, at once after the save ----------------------------------


def identity_form(client, changes, files=None):
    page = client.get(URL)
    assert page.status_code == 200
    data = form_values(page.content, "portalidentity_form", changes)
    return client.post(URL, {**data, **(files or {})})


@pytest.mark.django_db(transaction=True)
def test_a_new_name_and_footer_show_on_every_cached_page_and_the_feeds_after_the_save(
    no_clock_margin,
):
    ensure = Group.objects.get_or_create(name=EDITORS_IN_CHIEF)[0]
    PortalIdentityFactory()
    article = ArticleFactory()
    chief = UserFactory(username="tbt", is_staff=True)
    chief.groups.add(ensure)
    chief_client = Client()
    chief_client.force_login(chief)
    pages = reader_pages(article)
    for url in pages.values():  # the first reader: every part of every page is kept
        Client().get(url)
    assert "Tin tức Long Biên" in Client().get(pages["home"]).content.decode()
    assert feed_title(Client()) == "Tin tức Long Biên"

    answer = identity_form(
        chief_client,
        {
            "name": "Cổng thông tin phường Bồ Đề",
            "short_name": "BĐ",
            "governing_body": "Ủy ban nhân dân phường Bồ Đề",
        },
    )
    assert answer.status_code == 302
    assertContains(chief_client.get(answer["Location"]), "Đã lưu thông tin trang")

    for name, url in pages.items():
        response = Client().get(url)
        html = response.content.decode()
        assert "Cổng thông tin phường Bồ Đề" in html, name
        assert "Tin tức Long Biên" not in html, name
        assert "Ủy ban nhân dân phường Bồ Đề" in html, name
        assert '<span class="brand__mark" aria-hidden="true">BĐ</span>' in html, name
    head = Client().get(article.get_absolute_url()).content.decode()
    assert '<meta property="og:site_name" content="Cổng thông tin phường Bồ Đề">' in head
    assert (
        '"publisher": {"@type": "NewsMediaOrganization", "name": "Cổng thông tin phường Bồ Đề"'
        in head
    )
    assert feed_title(Client()) == "Cổng thông tin phường Bồ Đề"
    category = article.category
    assert feed_title(Client(), reverse("news:category_feed", args=[category.slug])) == (
        f"Cổng thông tin phường Bồ Đề — {category.name}"
    )


@pytest.mark.django_db(transaction=True)
def test_saving_it_purges_every_page_and_the_feeds_once_after_commit(monkeypatch, settings):
    settings.FRONT_CACHE_URLS = ["http://127.0.0.1:9"]
    sent = []
    monkeypatch.setattr(caching, "_purge_one", lambda url, tags: sent.append(set(tags)))
    portal = PortalIdentityFactory()
    sent.clear()
    with transaction.atomic():
        portal.name = "Tin tức phường Phúc Lợi"
        portal.save()
        assert sent == []  # nothing told before the commit
    assert sent == [{"menu", "feeds"}]


@pytest.mark.django_db(transaction=True)
def test_a_reader_during_the_save_gets_the_old_name_and_leaves_no_stale_page_behind():
    """A reader asks for pages while the editor-in-chief's transaction that
    renames the portal is still open: they get the old name, the truth at
    that moment, and no cache keeps it; every reader after the commit gets
    the new one."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite locks the whole database for the editor's write")
    portal = PortalIdentityFactory()
    article = ArticleFactory()
    urls = (reverse("news:home"), article.get_absolute_url())
    for url in urls:
        Client().get(url)  # every part of the pages, and the portal, kept
    saved, answered = threading.Event(), threading.Event()
    during = {}

    def chief():
        with transaction.atomic():
            portal.name = "Tin tức phường Phúc Lợi"
            portal.save()
            saved.set()
            answered.wait(10)
        connection.close()

    def reader():
        saved.wait(10)
        response = Client().get(urls[0])
        during["html"] = response.content.decode()
        answered.set()
        connection.close()

    threads = [threading.Thread(target=chief), threading.Thread(target=reader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(15)
    assert "Tin tức Long Biên" in during["html"]
    for url in urls:
        html = Client().get(url).content.decode()
        assert "Tin tức phường Phúc Lợi" in html and "Tin tức Long Biên" not in html, url
    assert feed_title(Client()) == "Tin tức phường Phúc Lợi"


def test_home_and_article_pages_all_carry_the_tag_it_purges(client, portal):
    article = ArticleFactory()
    for name, url in reader_pages(article).items():
        response = client.get(url)
        if response.status_code == 200:
            assert "menu" in response["xkey"].split(), name


# The logo ----------------------------------------------------------------------------


def test_an_uploaded_logo_is_in_the_header_the_icon_and_the_publisher(
    chief_client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        answer = identity_form(chief_client, {"name": "Tin tức Long Biên"}, {"logo": png()})
    assert answer.status_code == 302
    portal = PortalIdentity.objects.get()
    # Stored, so that reading the row never opens the picture.
    assert PortalIdentity.objects.values_list("logo_width", "logo_height").get() == (256, 256)
    assert re.fullmatch(r"portal/[0-9a-f]{32}\.png", portal.logo.name)  # a new name each time
    article = ArticleFactory()
    reader = Client()
    home = reader.get(reverse("news:home")).content.decode()
    src = re.search(r'<img class="brand__logo" src="([^"]+)"', home).group(1)
    assert src == portal.logo.url
    assert f'<link rel="icon" href="{portal.logo.url}">' in home
    assert '<span class="brand__mark"' not in home
    with Image.open(tmp_path / portal.logo.name) as stored:  # what the <img> loads
        assert stored.size == (256, 256)
    page = reader.get(article.get_absolute_url()).content.decode()
    logo_url = f"http://testserver{portal.logo.url}"
    assert f'<meta property="og:image" content="{logo_url}">' in page
    assert (
        f'"logo": {{"@type": "ImageObject", "url": "{logo_url}", "width": 256, "height": 256}}'
        in page
    )


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("logo.png", b"<html>not a picture</html>", "image/png"),
            "Tệp này không phải ảnh hợp lệ",
        ),
        (png((64, 64)), "Biểu trưng quá nhỏ (64×64 điểm ảnh)"),
        (png((600, 200)), "Biểu trưng cần gần vuông (ảnh này 600×200 điểm ảnh)"),
        (
            SimpleUploadedFile("logo.gif", image_bytes((300, 300), (20, 80, 160), "GIF")),
            "Biểu trưng cần là ảnh PNG hoặc JPEG",
        ),
    ],
)
def test_a_bad_logo_is_refused_in_vietnamese_and_what_was_typed_stays(
    chief_client, settings, tmp_path, upload, message
):
    settings.MEDIA_ROOT = tmp_path
    answer = identity_form(chief_client, {"name": "Tên mới đã gõ"}, {"logo": upload})
    assertContains(answer, message)
    assertContains(answer, 'value="Tên mới đã gõ"')
    assert not PortalIdentity.objects.filter(name="Tên mới đã gõ").exists()
    assert not list(tmp_path.rglob("*.*"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "gọi cho tôi", "Số điện thoại chỉ gồm chữ số"),
        ("email", "toasoan@", "Địa chỉ thư điện tử chưa đúng"),
        ("name", "", "Trường này là bắt buộc."),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_keeps_the_form(
    chief_client, field, value, message
):
    answer = identity_form(chief_client, {field: value, "address": "Số 2 phố Đã Gõ"})
    assert answer.status_code == 200
    assertContains(answer, message)
    assertContains(answer, 'value="Số 2 phố Đã Gõ"')
    assert not PortalIdentity.objects.filter(address="Số 2 phố Đã Gõ").exists()


# The source code of leads ------------------------------------------------------------


def test_a_new_article_starts_with_the_portals_source_and_old_ones_keep_theirs(
    chief_client, portal, django_capture_on_commit_callbacks
):
    old = ArticleFactory(source="HNP")
    with django_capture_on_commit_callbacks(execute=True):
        portal.source = "TTBĐ"
        portal.save()
    page = chief_client.get(reverse("admin:news_article_add")).content.decode()
    assert re.search(r'<input[^>]+name="source"[^>]+value="TTBĐ"', page)
    assert Article(title="Bài mới").source == "TTBĐ"
    assert Article.objects.get(pk=old.pk).source == "HNP"


# Who may change it -------------------------------------------------------------------


def test_the_editor_in_chief_keeps_every_power_of_an_editor():
    chief = UserFactory(username="tbt-quyen", is_staff=True)
    chief.groups.add(Group.objects.get(name=EDITORS_IN_CHIEF))
    editor_perms = set(Group.objects.get(name="Biên tập viên").permissions.all())
    chief_perms = set(Group.objects.get(name=EDITORS_IN_CHIEF).permissions.all())
    assert editor_perms < chief_perms
    assert {p.codename for p in chief_perms - editor_perms} == {
        "view_portalidentity",
        "change_portalidentity",
    }
    assert chief.has_perm("news.publish_article")


def test_the_editor_in_chief_and_a_superuser_open_it_from_the_admin_index(chief_client, superuser):
    assertContains(chief_client.get(reverse("admin:index")), URL)
    admin = Client()
    admin.force_login(superuser)
    assertContains(admin.get(URL), "Cơ quan chủ quản")


@pytest.mark.parametrize("role", ["editor", "reporter", "moderator"])
def test_other_roles_get_403_and_change_nothing(request, client, role):
    PortalIdentityFactory()
    client.force_login(request.getfixturevalue(role))
    assertNotContains(client.get(reverse("admin:index")), URL)
    assert client.get(URL).status_code == 403
    answer = client.post(URL, {"name": "Trang bị chiếm", "short_name": "X", "source": "X"})
    assert answer.status_code == 403
    assert PortalIdentity.objects.get().name == "Tin tức Long Biên"


def test_a_refused_visit_writes_nothing(editor_client):
    assert editor_client.get(URL).status_code == 403
    assert not PortalIdentity.objects.exists()


def test_no_one_adds_a_second_one_or_deletes_it(superuser, portal):
    admin = Client()
    admin.force_login(superuser)
    assert admin.get(reverse("admin:news_portalidentity_add")).status_code == 403
    assert admin.get(reverse("admin:news_portalidentity_delete", args=[1])).status_code == 403


def test_readers_are_sent_to_log_in(client):
    answer = client.get(URL)
    assert answer.status_code == 302 and "/quan-tri/login/" in answer["Location"]
