from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from news.models import Article, ArticleSlug
from tests.factories import ArticleFactory, ArticlePhotoFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def test_published_means_status_published_and_time_come():
    now = timezone.now()
    public = ArticleFactory(published_at=now - timedelta(minutes=1))
    ArticleFactory(status=Article.Status.DRAFT, published_at=now - timedelta(days=1))
    ArticleFactory(published_at=now + timedelta(minutes=5))
    assert list(Article.objects.published()) == [public]


def test_scheduled_article_becomes_public_when_its_time_comes(time_machine):
    time_machine.move_to("2026-11-20 08:00 +07:00", tick=False)
    article = ArticleFactory(published_at=timezone.now() + timedelta(hours=2))
    assert not Article.objects.published().exists()
    time_machine.move_to("2026-11-20 10:00 +07:00", tick=False)
    assert list(Article.objects.published()) == [article]


def test_slug_is_made_from_vietnamese_title():
    article = ArticleFactory(title="Đại hội Đảng bộ phường Bồ Đề")
    assert article.slug == "dai-hoi-dang-bo-phuong-bo-de"


def test_slugs_stay_unique_for_identical_titles():
    first = ArticleFactory(title="Đại hội Đảng bộ")
    second = ArticleFactory(title="Đại hội Đảng bộ")
    assert (first.slug, second.slug) == ("dai-hoi-dang-bo", "dai-hoi-dang-bo-2")


def test_editing_the_slug_remembers_the_old_one():
    article = ArticleFactory(title="Khai mạc hội chợ")
    article.slug = "khai-mac-hoi-cho-xuan"
    article.save()
    assert ArticleSlug.objects.get(slug="khai-mac-hoi-cho").article == article


def test_new_article_does_not_take_a_former_slug_of_another():
    article = ArticleFactory(title="Khai mạc hội chợ")
    article.slug = "hoi-cho-2026"
    article.save()
    other = ArticleFactory(title="Khai mạc hội chợ")
    assert other.slug == "khai-mac-hoi-cho-2"


def test_editor_cannot_reuse_a_former_slug_of_another_article():
    article = ArticleFactory(title="Khai mạc hội chợ")
    article.slug = "hoi-cho-2026"
    article.save()
    other = ArticleFactory(slug="bai-khac")
    other.slug = "khai-mac-hoi-cho"
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "slug" in error.value.message_dict


def test_first_photo_is_the_lowest_order():
    article = ArticleFactory()
    ArticlePhotoFactory(article=article, order=2, caption="sau")
    ArticlePhotoFactory(article=article, order=1, caption="đầu")
    assert article.first_photo.caption == "đầu"


def test_photo_renditions_are_smaller_than_the_upload():
    photo = ArticlePhotoFactory()
    assert (photo.width, photo.height) == (640, 400)
    assert photo.card.url != photo.image.url
    assert photo.card.width == 480 and photo.card.height == 300
    assert photo.large_size == (640, 400)


def test_category_slug_is_made_from_its_name():
    category = CategoryFactory(name="Đô thị", slug="")
    assert category.slug == "do-thi"


def test_strings_are_readable_names():
    article = ArticleFactory(title="Tiêu đề")
    assert str(article) == "Tiêu đề"
    assert str(article.category) == article.category.name
    assert str(article.author) == article.author.name
