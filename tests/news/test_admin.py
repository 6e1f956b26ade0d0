import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from news.models import Article, Category
from news.storage import originals_storage
from tests.factories import (
    ArticleFactory,
    ArticlePhotoFactory,
    AuthorFactory,
    CategoryFactory,
    image_bytes,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:news_article_add")


def upload(name="anh.jpg", data=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data if data is not None else image_bytes(), content_type)


def article_form(category, author, **overrides):
    now = timezone.localtime()
    data = {
        "title": "Đại hội Đảng bộ phường Thạch Bàn",
        "slug": "",
        "category": category.pk,
        "author": author.pk,
        "source": "HNP",
        "lead": "Sáng 24/11, phường tổ chức đại hội.",
        "body": "<p>Nội dung</p><script>alert(1)</script>",
        "status": "published",
        "published_at_0": now.strftime("%d/%m/%Y"),  # as a Hà Nội editor types it
        "published_at_1": now.strftime("%H:%M:%S"),
        "photos-TOTAL_FORMS": "2",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-caption": "Bí thư Đảng ủy phường phát biểu khai mạc.",
        "photos-0-alt_text": "Bí thư đứng phát biểu tại bục",
        "photos-0-credit": "Minh Thu",
        "photos-0-order": "0",
        "photos-0-image": upload(),
        "photos-1-caption": "",
        "photos-1-alt_text": "",
        "photos-1-order": "0",
        "old_slugs-TOTAL_FORMS": "0",
        "old_slugs-INITIAL_FORMS": "0",
        "old_slugs-MIN_NUM_FORMS": "0",
        "old_slugs-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_editor_adds_an_article_with_photos(editor_client):
    category, author = CategoryFactory(), AuthorFactory(name="Đông Hải")
    response = editor_client.post(ADD_URL, article_form(category, author))
    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get()
    assert article.slug == "dai-hoi-dang-bo-phuong-thach-ban"
    assert article.body == "<p>Nội dung</p>"
    photo = article.photos.get()
    assert photo.credit == "Minh Thu" and photo.width == 640
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Bí thư Đảng ủy phường phát biểu khai mạc." in page


def test_photo_without_alt_text_is_refused(editor_client):
    data = article_form(CategoryFactory(), AuthorFactory(), **{"photos-0-alt_text": ""})
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert not Article.objects.exists()
    assert "Trường này là bắt buộc." in response.content.decode()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (lambda: upload("tailieu.jpg", b"%PDF-1.4 not an image"), "không phải ảnh hợp lệ"),
        (lambda: upload("trong.jpg", b""), "tệp ảnh đã chọn bị trống"),
    ],
    ids=["not-an-image", "empty"],
)
def test_bad_photo_files_are_refused_with_a_message(editor_client, file, message):
    data = article_form(CategoryFactory(), AuthorFactory(), **{"photos-0-image": file()})
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert message in response.content.decode().lower()
    assert not Article.objects.exists()
    # Everything else the editor typed is still in the form.
    assert "Đại hội Đảng bộ phường Thạch Bàn" in response.content.decode()


def test_oversized_photo_is_refused(editor_client, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1000
    data = article_form(CategoryFactory(), AuthorFactory())
    response = editor_client.post(ADD_URL, data)
    assert "Tệp ảnh quá lớn" in response.content.decode()
    assert not Article.objects.exists()


def test_decompression_bomb_is_refused(editor_client):
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, format="PNG")  # 400 Mpx, ~50 KB on disk
    data = article_form(
        CategoryFactory(),
        AuthorFactory(),
        **{"photos-0-image": upload("bom.png", buffer.getvalue(), "image/png")},
    )
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Ảnh có kích thước quá lớn" in response.content.decode()
    assert not Article.objects.exists()


def test_editor_changes_an_article_and_its_slug(editor_client):
    article = ArticleFactory(title="Khai trương chợ")
    ArticlePhotoFactory(article=article)
    url = reverse("admin:news_article_change", args=[article.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    assert article.photos.get().thumbnail.url in page.content.decode()
    data = article_form(
        article.category,
        article.author,
        title="Khai trương chợ Long Biên mới",
        slug="khai-truong-cho-long-bien",
        **{
            "photos-TOTAL_FORMS": "1",
            "photos-INITIAL_FORMS": "1",
            "photos-0-id": str(article.photos.get().pk),
            "photos-0-article": str(article.pk),
            "photos-0-image": "",
        },
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Khai trương chợ Long Biên mới"
    assert editor_client.get("/bai-viet/khai-truong-cho/").status_code == 301


def test_article_list_shows_status_category_author_time_and_views(editor_client):
    ArticleFactory(title="Tin đã đăng")
    ArticleFactory(title="Tin hẹn giờ", published_at=timezone.now() + timezone.timedelta(days=1))
    page = editor_client.get(reverse("admin:news_article_changelist")).content.decode()
    for label in ("Trạng thái", "Chuyên mục", "Tác giả", "Thời gian đăng", "Lượt xem"):
        assert label in page
    assert "Hẹn giờ" in page
    search = editor_client.get(reverse("admin:news_article_changelist") + "?q=hẹn+giờ")
    assert "Tin hẹn giờ" in search.content.decode()
    assert "Tin đã đăng" not in search.content.decode()


def test_change_page_links_to_the_public_page(editor_client):
    article = ArticleFactory()
    page = editor_client.get(reverse("admin:news_article_change", args=[article.pk]))
    view_on_site = editor_client.get(
        re.search(r'href="(/quan-tri/r/[^"]+)"', page.content.decode())[1]
    )
    assert view_on_site.status_code == 302
    assert view_on_site["Location"].endswith(article.get_absolute_url())


def test_editor_image_upload_stores_the_image_for_staff(editor_client):
    response = editor_client.post(reverse("news:editor_upload"), {"upload": upload("cau.jpg")})
    assert response.status_code == 200
    url = json.loads(response.content)["url"]
    assert re.fullmatch(r"/media/body/\d{4}/\d{2}/[0-9a-f]{32}-640x400\.jpg", url), url


def test_editor_image_upload_refuses_non_images(editor_client):
    response = editor_client.post(
        reverse("news:editor_upload"), {"upload": upload("x.jpg", b"<script>")}
    )
    assert response.status_code == 400
    assert "không phải ảnh hợp lệ" in json.loads(response.content)["error"]["message"]


def test_editor_image_upload_is_closed_to_readers(client):
    response = client.post(reverse("news:editor_upload"), {"upload": upload()})
    assert response.status_code == 302  # to the admin login
    assert "/quan-tri/login/" in response["Location"]


def test_admin_is_in_vietnamese(editor_client, portal):
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert "Quản trị Tin tức Long Biên" in page
    assert "Thoát" in page


def test_article_list_has_no_english_show_counts_toggle(editor_client):
    ArticleFactory(status=Article.Status.DRAFT)
    page = editor_client.get(reverse("admin:news_article_changelist")).content.decode()
    assert "Show counts" not in page
    assert "Bản nháp" in page


def test_moderator_cannot_upload_images(moderator):
    from django.test import Client

    client = Client()
    client.force_login(moderator)
    response = client.post(reverse("news:editor_upload"), {"upload": upload()})
    assert response.status_code == 403
    assert "không có quyền" in json.loads(response.content)["error"]["message"]


def test_uploaded_file_is_named_by_its_detected_format_not_by_the_reader(editor_client):
    # A real PNG sent as "evil.html" must not be stored as HTML under our domain.
    # (With HTML inside it is refused outright: tests/news/test_uploads.py.)
    response = editor_client.post(
        reverse("news:editor_upload"),
        {"upload": upload("evil.html", image_bytes(fmt="PNG"), "text/html")},
    )
    url = json.loads(response.content)["url"]
    # Readers get a JPEG made here; the PNG itself is kept privately.
    stem = re.fullmatch(r"/media/body/(\d{4}/\d{2}/[0-9a-f]{32})-640x400\.jpg", url)[1]
    assert originals_storage.exists(f"uploads/{stem}.png")


def test_editor_deletes_an_article_with_comments_and_old_slugs(editor_client):
    from comments.models import Comment
    from tests.factories import CommentFactory

    article = ArticleFactory(title="Bài sẽ xóa")
    article.slug = "bai-da-doi-ten"
    article.save()
    CommentFactory(article=article, status=Comment.Status.SPAM)
    url = reverse("admin:news_article_delete", args=[article.pk])
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not Comment.objects.exists()


def test_category_whose_name_makes_a_taken_slug_gets_a_message(editor_client):
    CategoryFactory(name="Văn hóa", slug="van-hoa")
    response = editor_client.post(
        reverse("admin:news_category_add"), {"name": "Van hoa", "slug": "", "order": "1"}
    )
    assert response.status_code == 200
    assert "đã thuộc một chuyên mục khác" in response.content.decode()
    assert Category.objects.count() == 1
