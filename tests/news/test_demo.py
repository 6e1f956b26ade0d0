import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from news.models import Article, ArticlePhoto, Author, Category, Tag
from news.roles import EDITORS

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
    line = next(line for line in out.splitlines() if "bientap /" in line)
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
