"""Two app servers sharing S3-compatible object storage (a local moto server
in CI, TEST_S3_ENDPOINT_URL): a photo and a body image uploaded through one
are on the other's article page, with their renditions, readable by anyone
from the bucket; the originals are in the bucket too, private, and the
newsroom opens them through either server."""

import io
import os
import re
import urllib.error
import urllib.request
import uuid
from html import unescape

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from PIL import Image
from urllib3 import encode_multipart_formdata

from news.models import Article
from tests.factories import AuthorFactory, CategoryFactory
from tests.news.test_media import CAMERA, phone_photo
from tests.test_faults import collect_static, free_port, production_environment
from tests.test_two_instances import Form, NoRedirect, app_servers, log_in, run_database_url

ENDPOINT = os.environ.get("TEST_S3_ENDPOINT_URL", "")
REGION = "us-east-1"

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("REDIS_URL") or not ENDPOINT,
        reason="needs PostgreSQL, Redis and an S3-compatible server "
        "(DATABASE_URL, REDIS_URL, TEST_S3_ENDPOINT_URL=http://…)",
    ),
    pytest.mark.django_db(transaction=True),
]


def s3():
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=ENDPOINT,
        region_name=REGION,
        aws_access_key_id="longbien-test",
        aws_secret_access_key="longbien-test",  # noqa: S106 - the local test server's
    )


@pytest.fixture(scope="module")
def bucket():
    name = f"longbien-test-{uuid.uuid4().hex[:12]}"
    s3().create_bucket(Bucket=name)
    return name


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker, tmp_path_factory, bucket):
    """Two gunicorn servers, with no media directory of their own: both keep
    media in `bucket`."""
    static = tmp_path_factory.mktemp("static")
    with django_db_blocker.unblock():
        collect_static(static)
    environment = production_environment(
        DATABASE_URL=run_database_url(),
        CACHE_KEY_PREFIX=settings.CACHES["default"]["KEY_PREFIX"],
        STATIC_ROOT=str(static),
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        WEB_CONCURRENCY="1",
        MEDIA_S3_BUCKET=bucket,
        MEDIA_S3_ENDPOINT_URL=ENDPOINT,
        MEDIA_S3_REGION=REGION,
        AWS_ACCESS_KEY_ID="longbien-test",
        AWS_SECRET_ACCESS_KEY="longbien-test",  # noqa: S106
        # Nothing on a server's disk: a file written there would be lost.
        MEDIA_ROOT=str(tmp_path_factory.mktemp("no-media")),
        PRIVATE_MEDIA_ROOT=str(tmp_path_factory.mktemp("no-private-media")),
    )
    with app_servers(environment, [free_port(), free_port()]) as bases:
        yield bases, environment


def post_multipart(browser, url, fields, headers=None):
    """POST `fields` (values, or (filename, bytes, type) for files) as a form
    with files, with the browser's cookies. Returns (status, headers, body)."""
    body, content_type = encode_multipart_formdata(fields)
    headers = {"Content-Type": content_type, **(headers or {})}
    request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310 - loopback
    request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in browser.cookies.items()))
    try:
        response = urllib.request.build_opener(NoRedirect).open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return response.status, response.headers, response.read().decode(errors="replace")


def get_bytes(url, cookies=None):
    request = urllib.request.Request(url)  # noqa: S310 - local servers only
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_media_uploaded_through_one_server_are_served_through_the_other(servers, bucket):
    (first, second), _environment = servers
    category, author = CategoryFactory(), AuthorFactory(name="Đông Hải")
    newsroom = log_in(first, "bientap-anh")
    add = first + reverse("admin:news_article_add")
    status, html = newsroom.request(add)
    assert status == 200
    token = next(value for name, value in newsroom.cookies.items() if "csrftoken" in name)

    # A body image, through the first server's upload view (as CKEditor sends it).
    status, _, answer = post_multipart(
        newsroom,
        first + reverse("news:editor_upload"),
        {"upload": ("anh-than.jpg", phone_photo((1600, 1000)), "image/jpeg")},
        headers={"X-CSRFToken": token},
    )
    assert status == 200, answer
    body_url = re.search(r'"url": ?"([^"]+)"', answer)[1]
    assert body_url.startswith(f"{ENDPOINT}/{bucket}/media/body/")

    # The article with its photo, through the first server's admin.
    fields = Form(html, "article_form").fields
    fields.update(
        {
            "title": "Hai máy chủ, một kho ảnh",
            "category": str(category.pk),
            "author": str(author.pk),
            "lead": "Ảnh tải lên qua máy chủ này, bạn đọc xem qua máy chủ kia.",
            "body": f'<p>Đoạn đầu.</p><figure class="image"><img src="{body_url}" '
            'alt="Ảnh trong thân bài"></figure>',
            "photos-0-caption": "Ảnh chụp bằng điện thoại có định vị.",
            "photos-0-alt_text": "Ảnh có định vị",
            "photos-0-image": ("IMG_2041.jpg", phone_photo(), "image/jpeg"),
            "_workflow": "publish",
        }
    )
    fields.pop("photos-__prefix__-image", None)
    status, _, answer = post_multipart(newsroom, add, list(fields.items()))
    assert status == 302, re.findall(r'<ul class="errorlist[^>]*>.*?</ul>', answer, re.S)
    article = Article.objects.published().get()

    # A reader of the second server: the page names renditions in the bucket.
    status, _, page = get_bytes(second + article.get_absolute_url())
    assert status == 200
    page = page.decode()
    images = [unescape(tag) for tag in re.findall(r"<img\b[^>]*>", page)]
    shown = [tag for tag in images if 'alt="Ảnh có định vị"' in tag or "Ảnh trong thân bài" in tag]
    assert len(shown) == 2
    for tag in shown:
        urls = [re.search(r'src="([^"]+)"', tag)[1]]
        urls += [c.split()[0] for c in re.search(r'srcset="([^"]+)"', tag)[1].split(", ")]
        assert len(set(urls)) == 2, tag  # the large rendition and the 480 one
        for url in urls:
            assert url.startswith(f"{ENDPOINT}/{bucket}/media/"), url
            status, headers, data = get_bytes(url)  # anyone may read it, with no key
            assert status == 200, url
            with Image.open(io.BytesIO(data)) as image:
                assert image.format == "JPEG"
                assert not image.getexif()
            assert CAMERA.encode() not in data

    # The originals are in the bucket, under originals/, and nobody reads them there.
    keys = [item["Key"] for item in s3().list_objects_v2(Bucket=bucket)["Contents"]]
    originals = [key for key in keys if key.startswith("originals/")]
    assert len(originals) == 2, keys
    for key in originals:
        assert get_bytes(f"{ENDPOINT}/{bucket}/{key}")[0] == 403
    # The newsroom opens the photo's original through the other server.
    photo = article.photos.get()
    status, _, original = get_bytes(
        second + reverse("news:original", kwargs={"name": photo.image.name}), newsroom.cookies
    )
    assert status == 200
    with Image.open(io.BytesIO(original)) as image:
        assert image.size == (1200, 800) and not image.getexif()
