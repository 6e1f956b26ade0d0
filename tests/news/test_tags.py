from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import Article, Tag
from tests.conftest import clear_cache
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_tag_gets_a_vietnamese_slug_and_a_page():
    tag = Tag.objects.create(name="Cầu Long Biên")
    assert tag.slug == "cau-long-bien"
    assert tag.get_absolute_url() == "/tu-khoa/cau-long-bien/"


def test_the_tag_page_lists_public_articles_with_the_tag_only(client):
    tag = Tag.objects.create(name="Ngập úng")
    shown = ArticleFactory(title="Mưa lớn gây ngập phố Ngọc Lâm")
    shown.tags.add(tag)
    draft = ArticleFactory(title="Bản nháp về ngập", status=Article.Status.DRAFT)
    draft.tags.add(tag)
    later = ArticleFactory(title="Bài hẹn giờ về ngập", published_at=timezone.now() + timedelta(1))
    later.tags.add(tag)
    ArticleFactory(title="Bài không gắn từ khóa")
    html = client.get(tag.get_absolute_url()).content.decode()
    assert "#Ngập úng" in html
    assert "Mưa lớn gây ngập phố Ngọc Lâm" in html
    assert "Bản nháp" not in html and "hẹn giờ" not in html
    assert "Bài không gắn" not in html


def test_an_unknown_tag_is_a_404(client):
    assert client.get(reverse("news:tag", kwargs={"slug": "khong-co"})).status_code == 404


def test_the_article_page_links_its_tags(client):
    article = ArticleFactory()
    article.tags.add(Tag.objects.create(name="Giao thông"), Tag.objects.create(name="Cầu Đuống"))
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<nav class="article__tags" aria-label="Từ khóa">' in html
    assert '<a href="/tu-khoa/cau-duong/">Cầu Đuống</a>' in html
    assert '<a href="/tu-khoa/giao-thong/">Giao thông</a>' in html


def test_an_article_without_tags_shows_no_tag_list(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert "article__tags" not in html


def test_more_tags_cost_no_more_queries(client):
    article = ArticleFactory()
    article.tags.add(Tag.objects.create(name="Một"))

    def count():
        clear_cache()
        with CaptureQueriesContext(connection) as queries:
            client.get(article.get_absolute_url())
        return len(queries)

    before = count()
    article.tags.add(*(Tag.objects.create(name=f"Từ khóa {n}") for n in range(5)))
    assert count() == before


def test_editors_tag_articles_in_the_admin(editor_client):
    response = editor_client.post(
        reverse("admin:news_tag_add"), {"name": "Chuyển đổi số"}, follow=True
    )
    assert response.status_code == 200
    assert Tag.objects.get().slug == "chuyen-doi-so"


def test_a_name_that_makes_a_taken_slug_gets_a_message(editor_client):
    Tag.objects.create(name="Văn hóa")
    response = editor_client.post(reverse("admin:news_tag_add"), {"name": "Van hoa"})
    assert "Đã có từ khóa cùng đường dẫn “van-hoa”" in response.content.decode()
    assert Tag.objects.count() == 1


def test_moderators_cannot_manage_tags(client, moderator):
    client.force_login(moderator)
    assert client.get(reverse("admin:news_tag_add")).status_code == 403


def test_tags_with_public_articles_are_in_the_sitemap(client):
    shown = Tag.objects.create(name="Cầu Chương Dương")
    ArticleFactory().tags.add(shown)
    hidden = Tag.objects.create(name="Chỉ có bản nháp")
    ArticleFactory(status=Article.Status.DRAFT).tags.add(hidden)
    xml = client.get(reverse("news:sitemap_section", kwargs={"section": "tags"})).content.decode()
    assert "/tu-khoa/cau-chuong-duong/" in xml
    assert "chi-co-ban-nhap" not in xml
