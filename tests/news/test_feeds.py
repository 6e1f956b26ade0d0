from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def test_rss_lists_public_articles_only(client):
    ArticleFactory(title="Tin đã đăng", source="HNP", lead="Sapo công khai.")
    ArticleFactory(title="Bản nháp", status=Article.Status.DRAFT)
    ArticleFactory(title="Tin hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
    response = client.get(reverse("news:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "<title>Tin đã đăng</title>" in body
    assert "HNP - Sapo công khai." in body
    assert "Bản nháp" not in body and "Tin hẹn giờ" not in body


def test_category_rss_lists_only_that_category(client):
    category = CategoryFactory(slug="do-thi", name="Đô thị")
    ArticleFactory(category=category, title="Mở rộng vỉa hè")
    ArticleFactory(title="Tin khác chuyên mục")
    body = client.get(reverse("news:category_feed", args=["do-thi"])).content.decode()
    assert "Mở rộng vỉa hè" in body and "Tin khác chuyên mục" not in body
    assert client.get(reverse("news:category_feed", args=["khong-co"])).status_code == 404


def test_sitemap_lists_public_articles_and_categories(client):
    public = ArticleFactory()
    draft = ArticleFactory(status=Article.Status.DRAFT)
    body = client.get(reverse("news:sitemap")).content.decode()
    assert public.get_absolute_url() in body
    assert public.category.get_absolute_url() in body
    assert draft.get_absolute_url() not in body
