import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from comments.models import Comment
from news import demo_data
from news.models import Article, ArticlePhoto, Author, Category, PortalIdentity, Tag
from news.roles import EDITORS, EDITORS_IN_CHIEF

pytestmark = pytest.mark.django_db


def test_demo_content_makes_a_living_site(client):
    call_command("load_demo", verbosity=0)
    assert Category.objects.count() >= 4
    assert Author.objects.count() >= 3
    public = Article.objects.published()
    assert public.count() >= 12
    assert Article.objects.count() > public.count()  # a draft and a scheduled article too
    assert all(article.photos.exists() for article in public)
    assert not ArticlePhoto.objects.filter(caption="").exists()
    assert not ArticlePhoto.objects.filter(alt_text="").exists()
    home = client.get("/")
    assert home.status_code == 200
    newest = public.first()
    assert newest.title in home.content.decode()
    page = client.get(newest.get_absolute_url()).content.decode()
    assert f'<strong class="article__source">{newest.source}</strong> - ' in page
    assert newest.photos.first().large.url in page
    assert "Đọc nhiều nhất" in home.content.decode()
    tag = Tag.objects.get(name="Giao thông")
    assert tag.articles.count() == 2
    assert "Đẩy nhanh tiến độ tuyến đường" in client.get(tag.get_absolute_url()).content.decode()


def test_demo_leads_name_the_day_they_are_published():
    call_command("load_demo", verbosity=0)
    dated = 0
    for article in Article.objects.all():
        local = timezone.localtime(article.published_at)
        match = re.match(r"^(\w+ )?(\d{1,2})/(\d{1,2})\b", article.lead)
        if match:
            dated += 1
            assert (int(match[2]), int(match[3])) == (local.day, local.month), article.lead
    assert dated >= 10


def test_running_the_demo_twice_changes_nothing():
    call_command("load_demo", verbosity=0)
    counts = (Category.objects.count(), Author.objects.count(), Article.objects.count())
    photos = ArticlePhoto.objects.count()
    call_command("load_demo", verbosity=0)
    assert (Category.objects.count(), Author.objects.count(), Article.objects.count()) == counts
    assert ArticlePhoto.objects.count() == photos


def test_demo_does_not_overwrite_what_editors_changed():
    call_command("load_demo", verbosity=0)
    article = Article.objects.published().first()
    article.lead = "Sapo do biên tập viên sửa."
    article.save()
    call_command("load_demo", verbosity=0)
    article.refresh_from_db()
    assert article.lead == "Sapo do biên tập viên sửa."


def test_demo_editor_login_is_created_and_printed(capsys, client):
    call_command("load_demo", "--with-editor")
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if " bientap /" in line)
    password = line.split("bientap / ")[1].split()[0]
    user = get_user_model().objects.get(username="bientap")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name=EDITORS).exists()
    assert client.login(username="bientap", password=password)
    assert client.get("/quan-tri/news/article/add/").status_code == 200


def test_demo_editor_finds_the_demo_reporters_article_waiting_for_review(capsys, client):
    call_command("load_demo", "--with-editor")
    call_command("load_demo", "--with-editor")  # a second run sends nothing twice
    out = capsys.readouterr().out
    password = out.split("bientap / ")[-1].split()[0]
    assert client.login(username="bientap", password=password)
    index = client.get("/quan-tri/").content.decode()
    assert "Bài chờ duyệt: <strong>1</strong>" in index
    waiting = Article.objects.get(status=Article.Status.SUBMITTED)
    assert waiting.created_by.username == "phongvien"
    assert waiting.events.get().action == "submit"


def test_demo_editor_in_chief_login_opens_the_portals_identity(capsys):
    call_command("load_demo", "--with-editor")
    line = next(line for line in capsys.readouterr().out.splitlines() if "tongbientap /" in line)
    password = line.split("tongbientap / ")[1].split()[0]
    chief = Client()
    assert chief.login(username="tongbientap", password=password)
    assert get_user_model().objects.get(username="tongbientap").groups.get().name == (
        EDITORS_IN_CHIEF
    )
    page = chief.get(reverse("admin:news_portalidentity_change"))
    assert page.status_code == 200
    assert 'value="Ủy ban nhân dân phường Long Biên"' in page.content.decode()


def test_demo_loads_long_biens_identity_and_logo_and_keeps_an_editors_changes(client):
    call_command("load_demo", verbosity=0)
    portal = PortalIdentity.objects.get()
    assert (portal.name, portal.source) == ("Tin tức Long Biên", "HNP")
    # Stored, so that reading the row never opens the picture.
    assert PortalIdentity.objects.values_list("logo_width", "logo_height").get() == (256, 256)
    home = client.get("/").content.decode()
    assert "Cơ quan chủ quản:" in home and "Ủy ban nhân dân phường Long Biên" in home
    logo = re.search(r'<img class="brand__logo" src="([^"]+)"', home).group(1)
    assert logo == portal.logo.url
    with Image.open(portal.logo.path) as drawn:  # the file the page names
        assert drawn.size == (256, 256)
    PortalIdentity.objects.update(name="Tin tức phường Bồ Đề")
    call_command("load_demo", verbosity=0)
    assert PortalIdentity.objects.get().name == "Tin tức phường Bồ Đề"


def test_demo_is_written_for_two_level_local_government():
    """Since 1 July 2025 there are no district bodies: no "quận", "UBND
    quận", "Công an quận" in what the demo publishes."""
    from comments import demo_data as comments_demo

    texts = [demo_data.PORTAL[key] for key in demo_data.PORTAL]
    for article in [*demo_data.ARTICLES, demo_data.DRAFT_ARTICLE, demo_data.SCHEDULED_ARTICLE]:
        texts += [article["title"], article["lead"], article["body"]]
        texts += [photo[key] for photo in article["photos"] for key in ("caption", "alt")]
    texts += comments_demo.OFFICES
    for comment in comments_demo.COMMENTS:
        texts += [comment["title"], comment["content"], *(comment.get("reply") or ())[1:]]
    for text in texts:
        assert not re.search(r"\bquận\b", text, re.IGNORECASE), text
    assert any("UBND phường" in text for text in texts)
    assert any("Công an phường" in text for text in texts)


def test_demo_times_are_hanoi_times_and_photos_stand_in_the_text():
    call_command("load_demo", verbosity=0)
    call_command("load_demo_comments", verbosity=0)
    for data in demo_data.ARTICLES:
        article = Article.objects.get(title=data["title"])
        local = timezone.localtime(article.published_at)
        if data["days_ago"] > 0:  # today's may be moved back to before now
            assert (local.hour, local.minute) == (data["hour"], data["minute"]), data["title"]
        photos = list(article.photos.order_by("order"))
        if len(photos) > 1 and article.body.count("<p") > 1:
            assert photos[1].after_paragraph == 1, data["title"]
    for comment in Comment.objects.select_related("article"):
        assert comment.submitted_at >= comment.article.published_at, comment.title
