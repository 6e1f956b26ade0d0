"""Photos and body images as readers and the newsroom get them: metadata
gone from every stored file, originals out of public reach under random
names, renditions with srcset, and photos placed in the text."""

import io
import json
import os
import re
import secrets
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from PIL import Image, PngImagePlugin

from news.models import Article, ArticlePhoto
from tests.factories import ArticleFactory, ArticlePhotoFactory, AuthorFactory, CategoryFactory
from tests.forms import form_values
from tests.news.test_admin import ADD_URL, article_form, upload
from tests.test_settings import ROOT, run_check

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("news:editor_upload")
CAMERA = "Canon EOS R6 số máy 0412"
WHO = "Nguyễn Văn An, phòng Văn hóa"


@pytest.fixture
def media(settings, tmp_path):
    """Public and private media of this test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file())


def phone_photo(size=(1200, 800), fmt="JPEG", orientation=1):
    """A photo as a phone writes it: GPS position (Long Biên), camera and
    owner in EXIF, an XMP packet and a comment."""
    image = Image.new("RGB", size, (30, 120, 60))
    image.paste((200, 30, 30), (0, 0, size[0] // 4, size[1] // 4))  # a red corner, top left
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = CAMERA
    exif[0x013B] = WHO  # Artist
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (21.0, 2.0, 31.0), 3: "E", 4: (105.0, 53.0, 22.0)})
    buffer = io.BytesIO()
    options = {"exif": exif, "xmp": f"<x:xmpmeta>{WHO}</x:xmpmeta>".encode()}
    if fmt == "JPEG":
        options["comment"] = WHO.encode()
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_itxt("Author", WHO)
        options = {"exif": exif, "pnginfo": info}
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def assert_no_metadata(path):
    data = path.read_bytes()
    with Image.open(path) as image:
        image.load()
        assert not image.getexif(), f"EXIF left in {path.name}"
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "Author"):
            assert key not in image.info, f"{key} left in {path.name}"
        assert not getattr(image, "text", {}), f"text chunks left in {path.name}"
    for secret in (CAMERA, WHO, "Nguy"):
        assert secret.encode() not in data, f"{secret!r} found in {path.name}"


def add_article_with_photo(client, image, name="Nguyen-Van-An-CMND.jpg", **overrides):
    data = article_form(
        CategoryFactory(), AuthorFactory(), **{"photos-0-image": upload(name, image)}
    )
    data.update(overrides)
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Article.objects.get()


def media_path(url):
    """Where the web server finds the file of a media URL (it serves MEDIA_ROOT)."""
    assert url.startswith(settings.MEDIA_URL), url
    path = Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)
    assert path.is_file(), f"{url} is not served"
    return path


def images_of(page):
    return [unescape(tag) for tag in re.findall(r"<img\b[^>]*>", page)]


def attribute(tag, name):
    match = re.search(rf'\s{name}="([^"]*)"', tag)
    return match[1] if match else None


def srcset_files(tag):
    """(path, declared width) of each candidate of an <img srcset>."""
    candidates = []
    for candidate in attribute(tag, "srcset").split(","):
        url, width = candidate.split()
        candidates.append((media_path(url), int(width.removesuffix("w"))))
    return candidates


# Metadata


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_metadata_is_gone_from_every_stored_file(editor_client, media, fmt):
    article = add_article_with_photo(editor_client, phone_photo(fmt=fmt), name=f"IMG.{fmt}")
    response = editor_client.post(UPLOAD_URL, {"upload": upload("IMG.jpg", phone_photo(fmt=fmt))})
    assert response.status_code == 200
    editor_client.get(article.get_absolute_url())
    files = stored_files(media)
    # The photo's original and its four renditions; the body image's original and two.
    assert len(files) == 8
    for path in files:
        assert_no_metadata(path)


def test_a_photo_turned_by_its_camera_stays_upright(editor_client, media):
    # Orientation 6: the camera held upright wrote a landscape picture to be turned.
    add_article_with_photo(editor_client, phone_photo(orientation=6))
    photo = ArticlePhoto.objects.get()
    assert (photo.width, photo.height) == (800, 1200)
    with photo.image.open() as original, Image.open(original) as image:
        assert image.size == (800, 1200)
        assert image.getpixel((image.width - 20, 20))[0] > 150  # red corner now top right


def test_a_jpeg_is_cleaned_without_being_blurred(editor_client, media):
    # Cleaned with the original's own quantization tables: no visible loss.
    sent = phone_photo()
    add_article_with_photo(editor_client, sent)
    original = ArticlePhoto.objects.get().image.open()
    with original, Image.open(original) as kept, Image.open(io.BytesIO(sent)) as first:
        assert kept.quantization == first.quantization


# Private originals, anonymous names


def test_originals_are_kept_out_of_the_public_media(editor_client, media):
    article = add_article_with_photo(editor_client, phone_photo())
    upload_response = editor_client.post(UPLOAD_URL, {"upload": upload("Nhà-ông-An.jpg")})
    article.body = (
        f'<p>Đoạn một.</p><p><img src="{json.loads(upload_response.content)["url"]}"></p>'
    )
    article.save()
    photo = article.photos.get()
    public = [p.relative_to(media / "media").as_posix() for p in stored_files(media / "media")]
    assert photo.image.name not in public
    assert not any(name.startswith("uploads/") for name in public)
    page = Client().get(article.get_absolute_url()).content.decode()
    for tag in images_of(page):
        assert "renditions/" in attribute(tag, "src") or "/body/" in attribute(tag, "src")
    assert Path(photo.image.name).stem not in page.replace("renditions/photos/", "")


def test_uploaders_file_names_are_kept_nowhere(editor_client, media):
    add_article_with_photo(editor_client, phone_photo(), name="Nguyen-Van-An-CMND.jpg")
    editor_client.post(UPLOAD_URL, {"upload": upload("Nguyen-Van-An-CMND.jpg")})
    names = [path.relative_to(media).as_posix() for path in stored_files(media)]
    assert names and not any("nguyen" in name.lower() or "cmnd" in name.lower() for name in names)
    for name in names:
        assert re.search(r"/[0-9a-f]{32}(-\w+|/[0-9a-f]{32})?\.(jpg|png|webp|gif)$", name), name


def test_the_newsroom_opens_an_original_and_readers_cannot(editor_client, moderator, media):
    add_article_with_photo(editor_client, phone_photo())
    photo = ArticlePhoto.objects.get()
    change = editor_client.get(reverse("admin:news_article_change", args=[photo.article_id]))
    link = re.search(r'href="([^"]*/anh-goc/[^"]+)"', change.content.decode())[1]
    response = editor_client.get(link)
    assert response.status_code == 200
    assert (
        response["Cache-Control"].startswith("max-age=0") or "private" in response["Cache-Control"]
    )
    with photo.image.open() as original:
        assert b"".join(response.streaming_content) == original.read()
    reader = Client().get(link)
    assert reader.status_code == 302 and "/quan-tri/login/" in reader["Location"]
    moderator_client = Client()
    moderator_client.force_login(moderator)
    assert moderator_client.get(link).status_code == 403
    assert editor_client.get(link.replace("photos/", "photos/../../")).status_code == 404


# Renditions with srcset


def test_body_images_are_served_as_renditions_with_srcset(editor_client, media):
    response = editor_client.post(UPLOAD_URL, {"upload": upload("cau.jpg", phone_photo())})
    url = json.loads(response.content)["url"]
    article = ArticleFactory(
        body=f'<p>Cầu mới.</p><figure class="image"><img src="{url}" alt="Cầu"></figure>'
    )
    page = Client().get(article.get_absolute_url()).content.decode()
    (tag,) = [tag for tag in images_of(page) if 'alt="Cầu"' in tag]
    assert (attribute(tag, "width"), attribute(tag, "height")) == ("960", "640")
    assert attribute(tag, "sizes")
    candidates = srcset_files(tag)
    assert [width for _path, width in candidates] == [480, 960]
    for path, width in candidates:
        with Image.open(path) as image:
            assert image.width == width
    assert media_path(attribute(tag, "src")) == candidates[-1][0]


def test_a_small_body_image_has_no_srcset(editor_client, media):
    response = editor_client.post(
        UPLOAD_URL, {"upload": upload("nho.png", phone_photo((300, 200), "PNG"))}
    )
    url = json.loads(response.content)["url"]
    article = ArticleFactory(body=f'<p><img src="{url}" alt="Nhỏ"></p>')
    (tag,) = [
        t
        for t in images_of(Client().get(article.get_absolute_url()).content.decode())
        if "Nhỏ" in t
    ]
    assert attribute(tag, "srcset") is None
    assert (attribute(tag, "width"), attribute(tag, "height")) == ("300", "200")
    with Image.open(media_path(attribute(tag, "src"))) as image:
        assert image.size == (300, 200)


def test_a_srcset_written_in_the_body_by_hand_is_not_kept(media):
    article = ArticleFactory(
        body='<p><img src="/media/x.jpg" srcset="https://ngoai.example/a.jpg 2x" alt="X"></p>'
    )
    (tag,) = [
        t
        for t in images_of(Client().get(article.get_absolute_url()).content.decode())
        if 'alt="X"' in t
    ]
    assert attribute(tag, "srcset") is None


def test_article_photos_have_a_srcset_of_their_renditions(client, media):
    photo = ArticlePhotoFactory()  # 640×400
    page = client.get(photo.article.get_absolute_url()).content.decode()
    (tag,) = [t for t in images_of(page) if photo.alt_text in t]
    candidates = srcset_files(tag)
    assert [width for _path, width in candidates] == [480, 640]
    for path, width in candidates:
        with Image.open(path) as image:
            assert image.width == width


# Photos in the text

BODY = (
    "<p>Sáng nay, phường khai mạc hội nghị tổng kết năm.</p>"
    "<h2>Những kết quả chính</h2>"
    "<p>Thu ngân sách vượt kế hoạch đề ra từ đầu năm.</p>"
    "<blockquote><p>Một câu trích dẫn không được đếm.</p></blockquote>"
    "<p>Năm tới, phường tập trung chỉnh trang đô thị.</p>"
)


def positions(page, *needles):
    return [page.index(needle) for needle in needles]


def test_photos_after_the_first_stand_after_the_paragraph_chosen(client, media):
    article = ArticleFactory(body=BODY)
    ArticlePhotoFactory(article=article, order=0, alt_text="Ảnh đầu")
    ArticlePhotoFactory(article=article, order=1, alt_text="Ảnh sau đoạn hai", after_paragraph=2)
    ArticlePhotoFactory(article=article, order=2, alt_text="Ảnh cuối bài")
    ArticlePhotoFactory(article=article, order=3, alt_text="Ảnh đoạn không có", after_paragraph=9)
    page = client.get(article.get_absolute_url()).content.decode()
    order = positions(
        page,
        "article__lead",
        'alt="Ảnh đầu"',
        "Sáng nay, phường",
        "Thu ngân sách",
        'alt="Ảnh sau đoạn hai"',
        "Một câu trích dẫn",
        "Năm tới, phường",
        'alt="Ảnh cuối bài"',
        'alt="Ảnh đoạn không có"',
        "article__author",
    )
    assert order == sorted(order)
    assert page.count("<figure") == 4


def test_editor_places_a_photo_by_the_first_words_of_its_paragraph(editor_client, media):
    article = ArticleFactory(body=BODY)
    first = ArticlePhotoFactory(article=article, order=0)
    second = ArticlePhotoFactory(article=article, order=1)
    url = reverse("admin:news_article_change", args=[article.pk])
    form = editor_client.get(url).content.decode()
    select = re.search(r'<select name="photos-1-after_paragraph"[^>]*>(.*?)</select>', form, re.S)[
        1
    ]
    options = re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select)
    assert options == [
        ("", "Cuối bài"),
        ("1", "Sau đoạn 1: Sáng nay, phường khai mạc hội nghị tổng kết năm."),
        ("2", "Sau đoạn 2: Thu ngân sách vượt kế hoạch đề ra từ đầu…"),
        ("3", "Sau đoạn 3: Năm tới, phường tập trung chỉnh trang đô thị."),
    ]
    data = article_form(
        article.category,
        article.author,
        title=article.title,
        body=BODY,
        **{
            "photos-TOTAL_FORMS": "2",
            "photos-INITIAL_FORMS": "2",
            "photos-0-id": str(first.pk),
            "photos-0-article": str(article.pk),
            "photos-0-image": "",
            "photos-0-order": "0",
            "photos-0-after_paragraph": "",
            "photos-1-id": str(second.pk),
            "photos-1-article": str(article.pk),
            "photos-1-image": "",
            "photos-1-caption": "Đại biểu biểu quyết thông qua nghị quyết.",
            "photos-1-alt_text": "Đại biểu giơ tay biểu quyết",
            "photos-1-order": "1",
            "photos-1-after_paragraph": "1",
        },
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    second.refresh_from_db()
    assert second.after_paragraph == 1


# Object storage


def test_media_go_to_an_s3_bucket_when_one_is_named():
    script = (
        "from django.conf import settings as s; from django.core.files.storage import storages;"
        "print(s.MEDIA_URL); print(type(storages['default']).__name__, "
        "type(storages['originals']).__name__);"
        "print(storages['default'].url('renditions/a.jpg'));"
        "print(storages['originals'].url('photos/a.jpg'));"
        "print(' '.join(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    environment = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "tin.longbien.example.vn",
        "MEDIA_S3_BUCKET": "anh-longbien",
        "MEDIA_S3_ENDPOINT_URL": "https://s3.hn.example.vn",
        "MEDIA_S3_PUBLIC_URL": "https://anh.longbien.example.vn",
    }
    assert run_check(**environment).returncode == 0
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env={**os.environ, **environment, "DJANGO_SETTINGS_MODULE": "longbien.settings.production"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.splitlines() == [
        "https://anh.longbien.example.vn/media/",
        "S3Storage PrivateS3Storage",
        "https://anh.longbien.example.vn/media/renditions/a.jpg",
        "/bien-tap/anh-goc/photos/a.jpg",
        "'self' https://anh.longbien.example.vn",
    ], result.stderr


# Media stored before


def test_media_stored_before_are_moved_out_of_public_reach(media, client):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    old_photo = default_storage.save("photos/2025/05/Nguyen-Van-An.jpg", ContentFile(phone_photo()))
    old_upload = default_storage.save("uploads/2025/05/cau.jpg", ContentFile(phone_photo()))
    article = ArticleFactory(body=f'<p>Cầu.</p><p><img src="/media/{old_upload}" alt="Cầu cũ"></p>')
    # A row as it was (bulk_create: no renditions made from where it is not yet).
    ArticlePhoto.objects.bulk_create(
        [
            ArticlePhoto(
                article=article,
                image=old_photo,
                width=1200,
                height=800,
                caption="Ảnh cũ.",
                alt_text="Cũ",
            )
        ]
    )
    out = io.StringIO()
    call_command("secure_media", stdout=out)
    assert "Đã chuyển 1 ảnh bài viết và 1 ảnh trong thân 1 bài." in out.getvalue()
    public = [p.relative_to(media / "media").as_posix() for p in stored_files(media / "media")]
    assert not any(name.startswith(("photos/", "uploads/")) for name in public), public
    for path in stored_files(media):
        assert_no_metadata(path)
        assert "Nguyen" not in path.name
    page = client.get(article.get_absolute_url()).content.decode()
    for tag in images_of(page):
        if attribute(tag, "srcset"):
            for path, _width in srcset_files(tag):
                assert path.is_file()
    (body_image,) = [tag for tag in images_of(page) if "Cầu cũ" in tag]
    assert "/media/body/" in attribute(body_image, "src") and attribute(body_image, "srcset")
    again = io.StringIO()
    call_command("secure_media", stdout=again)
    assert "Đã chuyển 0 ảnh bài viết và 0 ảnh trong thân 0 bài." in again.getvalue()


def test_the_preview_shows_a_photo_where_the_editor_just_placed_it(editor_client, media):
    from tests.news.test_preview import preview

    article = ArticleFactory(body=BODY)
    ArticlePhotoFactory(article=article, order=0, alt_text="Ảnh đầu")
    ArticlePhotoFactory(article=article, order=1, alt_text="Ảnh đặt lại")
    url = reverse("admin:news_article_change", args=[article.pk])
    response = preview(editor_client, url, {"photos-1-after_paragraph": "1"})
    page = response.content.decode()
    order = positions(page, "Sáng nay, phường", 'alt="Ảnh đặt lại"', "Thu ngân sách")
    assert order == sorted(order)
    assert article.photos.get(order=1).after_paragraph is None  # nothing stored


def test_the_history_says_where_a_photo_was_moved(editor_client, media):
    from tests.news.test_versions import history_url, save

    article = ArticleFactory(body=BODY)
    ArticlePhotoFactory(article=article, order=0)
    ArticlePhotoFactory(article=article, order=1)
    save(editor_client, article, {})
    save(editor_client, article, {"photos-1-after_paragraph": "2"})
    history = editor_client.get(history_url(article)).content.decode()
    # The newest save's row names the move, the one before changed nothing.
    assert "Đặt sau đoạn (ảnh “Phó Chủ tịch UBND quận phát biểu tại hội nghị.”)" in history
    assert "Lưu, không đổi gì" in history


def test_a_photo_placed_after_a_paragraph_the_body_lacks_is_refused_with_why(editor_client, media):
    article = ArticleFactory(body=BODY)
    ArticlePhotoFactory(article=article, order=0)
    photo = ArticlePhotoFactory(article=article, order=1, after_paragraph=3)
    url = reverse("admin:news_article_change", args=[article.pk])
    page = editor_client.get(url)
    # The editor cuts the body to two paragraphs, leaving the photo after the third.
    short = "<p>Đoạn một còn lại.</p><p>Đoạn hai còn lại.</p>"
    response = editor_client.post(url, form_values(page.content, "article_form", {"body": short}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bài có 2 đoạn văn, không có đoạn 3. Hãy chọn lại chỗ đặt ảnh" in html
    assert "Đoạn một còn lại." in html  # what was typed is kept
    assert re.search(r'<option value="3" selected>Sau đoạn 3 \(bài không có đoạn này\)', html)
    article.refresh_from_db()
    assert article.body == BODY
    # Choosing the end of the article saves.
    changes = {"body": short, "photos-1-after_paragraph": ""}
    response = editor_client.post(url, form_values(page.content, "article_form", changes))
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.after_paragraph is None
