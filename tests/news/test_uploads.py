"""Bad uploads and failed writes, through the admin's photo inline and the
CKEditor upload view: a Vietnamese message, no row and no file left behind."""

import errno
import functools
import io
import json
import logging
import os
import random
import re

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from PIL import Image

from news.models import Article, ArticlePhoto
from tests.factories import (
    ArticleFactory,
    ArticlePhotoFactory,
    AuthorFactory,
    CategoryFactory,
    image_bytes,
)
from tests.news.test_admin import ADD_URL, article_form, upload

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("news:editor_upload")
LIMIT = 250_000  # bytes, for this module's uploads

NOT_AN_IMAGE = "Tệp này không phải ảnh hợp lệ"
TOO_MANY_PIXELS = "Ảnh có kích thước quá lớn"
TOO_LARGE = "Tệp ảnh quá lớn"
MARKUP = "Tệp ảnh có lẫn mã HTML hoặc mã lệnh"
ARTICLE_NOT_SAVED = "Chưa lưu được bài viết: máy chủ không ghi được tệp ảnh"
UPLOAD_NOT_SAVED = "Máy chủ chưa lưu được ảnh"


def noise(size, fmt, **options):
    """A photo-like image: random pixels do not compress, so truncating the
    file cuts into the picture itself."""
    pixels = random.Random(size[0]).randbytes(size[0] * size[1] * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, pixels).save(buffer, format=fmt, **options)
    return buffer.getvalue()


@functools.cache
def bomb():
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, format="PNG")  # 400 Mpx in ~50 KB
    return buffer.getvalue()


def gif():
    buffer = io.BytesIO()
    Image.new("P", (40, 30)).save(buffer, format="GIF")
    return buffer.getvalue()


BAD_FILES = {
    "text-named-jpg": ("bao-cao.jpg", lambda: "Biên bản họp tổ dân phố".encode(), NOT_AN_IMAGE),
    "truncated-jpeg": ("cat.jpg", lambda: noise((300, 200), "JPEG")[:20_000], NOT_AN_IMAGE),
    "truncated-png": ("cat.png", lambda: noise((120, 100), "PNG")[:20_000], NOT_AN_IMAGE),
    "decompression-bomb": ("bom.png", bomb, TOO_MANY_PIXELS),
    "over-the-size-limit": ("lon.jpg", lambda: noise((600, 400), "JPEG", quality=95), TOO_LARGE),
    "svg-with-script": (
        "logo.svg",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        NOT_AN_IMAGE,
    ),
    "gif-header-then-html": (
        "anh.gif",
        lambda: b"GIF89a<html><body><script>alert(document.cookie)</script></body></html>",
        NOT_AN_IMAGE,
    ),
    "whole-gif-then-html": ("anh.gif", lambda: gif() + b"<script>alert(1)</script>", MARKUP),
    "jpeg-with-html-inside": (
        "anh.jpg",
        lambda: image_bytes()[:2] + b"\xff\xfe\x00\x12<html><body>" + image_bytes()[2:],
        MARKUP,
    ),
}


@pytest.fixture
def media(settings, tmp_path):
    """An empty MEDIA_ROOT and PRIVATE_MEDIA_ROOT of this test's own; returns
    a function listing the files in them, the private ones as "private:<name>"."""
    settings.MEDIA_ROOT = root = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = private = tmp_path / "private"
    settings.MAX_IMAGE_UPLOAD_BYTES = LIMIT

    def files():
        public = [str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()]
        hidden = [
            f"private:{path.relative_to(private)}" for path in private.rglob("*") if path.is_file()
        ]
        return sorted(public + hidden)

    return files


def post_article(client, image, **overrides):
    data = article_form(CategoryFactory(), AuthorFactory(), **{"photos-0-image": image})
    data.update(overrides)
    return client.post(ADD_URL, data)


# Bad files


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES.values(), ids=BAD_FILES)
def test_bad_file_as_article_photo_is_refused_and_leaves_nothing(
    editor_client, media, name, content, message
):
    response = post_article(editor_client, upload(name, content(), "image/jpeg"))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Đại hội Đảng bộ phường Thạch Bàn" in page  # what the editor typed is kept
    assert not Article.objects.exists()
    assert not ArticlePhoto.objects.exists()
    assert media() == []


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES.values(), ids=BAD_FILES)
def test_bad_file_in_the_body_editor_is_refused_and_leaves_nothing(
    editor_client, media, name, content, message
):
    response = editor_client.post(UPLOAD_URL, {"upload": upload(name, content(), "image/jpeg")})
    assert response.status_code == 400
    assert message in json.loads(response.content)["error"]["message"]
    assert media() == []


def test_good_photo_is_stored_with_its_renditions(editor_client, media):
    # The counterpart of the tests above: a listing of a real upload is not empty.
    response = post_article(editor_client, upload("Ảnh Đại hội.gif", image_bytes(fmt="PNG")))
    assert response.status_code == 302
    photo = ArticlePhoto.objects.get()
    # A random name, not the editor's file's, with the extension of what it really is.
    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.png", photo.image.name)
    files = media()
    assert f"private:{photo.image.name}" in files
    assert len([name for name in files if name.startswith("renditions/")]) == 4


def mpo():
    """A JPEG with a second picture in it, as phones write them."""
    buffer = io.BytesIO()
    Image.new("RGB", (640, 400)).save(
        buffer, format="MPO", save_all=True, append_images=[Image.new("RGB", (160, 100))]
    )
    return buffer.getvalue()


def test_phone_jpeg_with_a_second_picture_is_accepted_as_jpeg(editor_client, media):
    response = post_article(editor_client, upload("IMG_0412.JPG", mpo()))
    assert response.status_code == 302
    assert ArticlePhoto.objects.get().image.name.endswith(".jpg")
    response = editor_client.post(UPLOAD_URL, {"upload": upload("IMG_0412.JPG", mpo())})
    assert json.loads(response.content)["url"].endswith(".jpg")


def test_good_image_in_the_body_editor_is_stored(editor_client, media):
    response = editor_client.post(UPLOAD_URL, {"upload": upload("cau.jpg")})
    assert response.status_code == 200
    large = json.loads(response.content)["url"].removeprefix("/media/")
    stem = re.fullmatch(r"body/(\d{4}/\d{2}/[0-9a-f]{32})-640x400\.jpg", large)[1]
    # The original kept privately, its two renditions in the public media.
    assert media() == [
        f"body/{stem}-640x400.jpg",
        f"body/{stem}-medium.jpg",
        f"private:uploads/{stem}.jpg",
    ]


# Disk full, media directory not writable


def failing_save(error, partial=True, only=""):
    """A FileSystemStorage._save that fails like a full or read-only disk for
    names starting with `only`, after writing part of the file if `partial`."""
    real_save = FileSystemStorage._save

    def _save(storage, name, content):
        if not name.startswith(only):
            return real_save(storage, name, content)
        if partial:
            path = storage.path(name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as half_written:
                half_written.write(content.read(100))
        raise OSError(error, os.strerror(error))

    return _save


FAILURES = {
    "disk-full-halfway": failing_save(errno.ENOSPC),
    "directory-not-writable": failing_save(errno.EACCES, partial=False),
    "disk-full-writing-a-rendition": failing_save(errno.ENOSPC, only="renditions/"),
}


@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES)
def test_failed_photo_write_shows_the_form_again_and_saves_nothing(
    editor_client, media, monkeypatch, caplog, failure
):
    monkeypatch.setattr(FileSystemStorage, "_save", failure)
    with caplog.at_level(logging.ERROR, logger="news.admin"):
        response = post_article(editor_client, upload())
    assert response.status_code == 200
    page = response.content.decode()
    assert ARTICLE_NOT_SAVED in page
    for typed in ("Đại hội Đảng bộ phường Thạch Bàn", "Bí thư Đảng ủy phường phát biểu khai mạc."):
        assert typed in page
    assert not Article.objects.exists()
    assert not ArticlePhoto.objects.exists()
    assert media() == []
    assert "Storing the photos of an article failed" in caplog.text


def test_editor_saves_once_the_disk_has_room_again(editor_client, media, monkeypatch):
    monkeypatch.setattr(FileSystemStorage, "_save", failing_save(errno.ENOSPC))
    assert post_article(editor_client, upload()).status_code == 200
    monkeypatch.undo()
    assert post_article(editor_client, upload()).status_code == 302
    photo = ArticlePhoto.objects.get()
    assert f"private:{photo.image.name}" in media()


def test_failed_write_while_changing_an_article_keeps_it_as_it_was(
    editor_client, media, monkeypatch
):
    article = ArticleFactory(title="Khai trương chợ")
    kept = ArticlePhotoFactory(article=article)
    before = media()
    monkeypatch.setattr(FileSystemStorage, "_save", failing_save(errno.ENOSPC))
    data = article_form(
        article.category,
        article.author,
        title="Khai trương chợ Long Biên mới",
        **{
            "photos-INITIAL_FORMS": "1",
            "photos-0-id": str(kept.pk),
            "photos-0-article": str(article.pk),
            "photos-0-image": "",
            "photos-1-image": upload("moi.jpg"),
            "photos-1-caption": "Tiểu thương bày hàng ngày khai trương.",
            "photos-1-alt_text": "Các sạp hàng trong chợ mới",
        },
    )
    response = editor_client.post(reverse("admin:news_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert ARTICLE_NOT_SAVED in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Khai trương chợ"
    assert list(article.photos.all()) == [kept]
    assert media() == before


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EACCES], ids=["disk-full", "not-writable"])
def test_failed_write_in_the_body_editor_answers_json_and_leaves_nothing(
    editor_client, media, monkeypatch, error
):
    monkeypatch.setattr(FileSystemStorage, "_save", failing_save(error))
    response = editor_client.post(UPLOAD_URL, {"upload": upload("cau.jpg")})
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert UPLOAD_NOT_SAVED in json.loads(response.content)["error"]["message"]
    assert media() == []
