"""Hostile input across the site: markup in every field a person can type
into, forged or missing CSRF tokens, path traversal in media URLs, oversized
and undecodable request bodies, and header injection into moderator e-mails."""

import importlib
from email import message_from_string

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import clear_url_caches, reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from comments.models import Comment
from news import portal
from news.models import Article
from tests.comments.helpers import comment_data, form_parts, new_captcha, post_url
from tests.factories import (
    ArticlePhotoFactory,
    AuthorFactory,
    CategoryFactory,
)
from tests.news.test_admin import ADD_URL, article_form

pytestmark = pytest.mark.django_db

AWAITING = "Bình luận đã được gửi và đang chờ ban biên tập duyệt."
CSRF_PAGE = "Không gửi được biểu mẫu"
BAD_REQUEST_PAGE = "Yêu cầu không hợp lệ"


# Markup in what readers write: stored as typed, shown as text everywhere

XSS = {
    "name": 'Hoa"><img src=x onerror=alert("ten")>',
    "title": "Góp ý <script>alert('tieu-de')</script>",
    "content": "Nội dung <svg/onload=alert('noi-dung')>\n<a href=\"javascript:alert(1)\">bấm</a>",
}


def test_markup_in_a_comment_is_text_on_the_article_page_and_in_the_admin(
    client, moderator_client, article
):
    assert client.post(post_url(article), comment_data(**XSS)).status_code == 302
    comment = Comment.objects.get()
    assert (comment.name, comment.title) == (XSS["name"], XSS["title"])
    admin_pages = {
        "changelist": moderator_client.get(reverse("admin:comments_comment_changelist")),
        "change form": moderator_client.get(
            reverse("admin:comments_comment_change", args=[comment.pk])
        ),
    }
    moderator_client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk]},
    )
    assert Comment.objects.approved().count() == 1
    pages = {**admin_pages, "article page": client.get(article.get_absolute_url())}
    for where, response in pages.items():
        html = response.content.decode()
        for field in ("name", "title"):
            assert XSS[field] not in html, where
            assert escape(XSS[field]) in html, where
        for raw in ("<svg/onload", '<a href="javascript:', "<script>alert", "<img src=x"):
            assert raw not in html, where
    assert (
        "&lt;svg/onload=alert(&#x27;noi-dung&#x27;)&gt;" in pages["article page"].content.decode()
    )


def test_markup_in_the_phone_field_is_refused_and_shown_back_as_text(client, article):
    response = client.post(post_url(article), comment_data(phone='"><script>x()</script>'))
    assertContains(response, "Số điện thoại không hợp lệ", count=2)
    assertContains(response, 'value="&quot;&gt;&lt;script&gt;x()&lt;/script&gt;"')
    assertNotContains(response, "<script>x()")
    assert not Comment.objects.exists()


def test_markup_in_the_user_agent_header_is_text_for_moderators(client, moderator_client, article):
    response = client.post(
        post_url(article), comment_data(), headers={"user-agent": "<script>ua()</script>"}
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.user_agent == "<script>ua()</script>"
    page = moderator_client.get(reverse("admin:comments_comment_change", args=[comment.pk]))
    assertContains(page, "&lt;script&gt;ua()&lt;/script&gt;")
    assertNotContains(page, "<script>ua()")


# Markup in what editors write: cleaned when stored, escaped where it is text

ARTICLE_BODY = (
    "<p>Đoạn mở đầu.</p><script>alert('than-bai')</script>"
    '<p><img src="/media/uploads/a.jpg" onerror="alert(1)" alt="Cầu"></p>'
    '<p><a href="javascript:alert(2)">liên kết</a> '
    '<a href="https://hanoi.gov.vn/" onclick="alert(3)">Cổng Hà Nội</a></p>'
    '<iframe src="https://evil.example/"></iframe><p style="color:red">Kết.</p>'
)


def test_editor_markup_is_cleaned_when_stored_and_on_the_page(editor_client, client):
    data = article_form(
        CategoryFactory(),
        AuthorFactory(),
        title="Tin <script>alert('tieu-de')</script>",
        lead="Sapo <b onmouseover=alert(1)>đậm</b>",
        body=ARTICLE_BODY,
        **{"photos-TOTAL_FORMS": "0"},
    )
    assert editor_client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    assert article.body == (
        '<p>Đoạn mở đầu.</p><p><img src="/media/uploads/a.jpg" alt="Cầu"></p>'
        '<p><a rel="noopener noreferrer">liên kết</a> '
        '<a href="https://hanoi.gov.vn/" rel="noopener noreferrer">Cổng Hà Nội</a></p>'
        "<p>Kết.</p>"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    for raw in ("<script>alert", "onerror", "javascript:", "onclick", "<iframe", "<b onmouseover"):
        assert raw not in html
    assert "Tin &lt;script&gt;alert(&#x27;tieu-de&#x27;)&lt;/script&gt;" in html
    assert '<a href="https://hanoi.gov.vn/" rel="noopener noreferrer">Cổng Hà Nội</a>' in html


def test_photo_caption_and_alt_text_are_escaped_on_the_page(client):
    photo = ArticlePhotoFactory(
        caption="Đại biểu <script>alert('chu-thich')</script>", alt_text='Cầu" onerror="alert(1)'
    )
    response = client.get(photo.article.get_absolute_url())
    assertContains(response, "Đại biểu &lt;script&gt;alert(&#x27;chu-thich&#x27;)&lt;/script&gt;")
    assertContains(response, 'alt="Cầu&quot; onerror=&quot;alert(1)"')
    assertNotContains(response, "<script>alert('chu-thich')")
    assertNotContains(response, '" onerror="alert(1)')


# CSRF


def csrf_client_with_token(article):
    """A browser that enforces CSRF as a real one does, with the cookie and
    token its article page fetched for the comment form (comments.js)."""
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(article.get_absolute_url())
    return browser, form_parts(browser, page.content.decode())["csrfmiddlewaretoken"]


@pytest.mark.parametrize("case", ["no token", "wrong token", "no cookie"])
def test_comment_without_a_valid_csrf_token_gets_a_vietnamese_403(article, case):
    browser, token = csrf_client_with_token(article)
    data = comment_data()
    if case == "wrong token":
        data["csrfmiddlewaretoken"] = "x" * 64
    elif case == "no cookie":
        data["csrfmiddlewaretoken"] = token
        browser.cookies.clear()
    response = browser.post(post_url(article), data)
    assertContains(response, CSRF_PAGE, status_code=403)
    assertContains(response, "tải lại trang", status_code=403)
    assert not Comment.objects.exists()


def test_comment_with_the_token_of_its_page_is_accepted(article):
    # The counterpart of the test above: the same browser with its own token.
    browser, token = csrf_client_with_token(article)
    response = browser.post(post_url(article), comment_data(csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert Comment.objects.count() == 1


# Path traversal in media URLs

TRAVERSALS = [
    "/media/../bi-mat.txt",
    "/media/%2e%2e/bi-mat.txt",
    "/media/%2e%2e%2fbi-mat.txt",
    "/media/..%2fbi-mat.txt",
    "/media/..%5cbi-mat.txt",
    "/media/%252e%252e%252fbi-mat.txt",
    "/media/....//bi-mat.txt",
    "/media/photos/../../bi-mat.txt",
    "/media//{root}/bi-mat.txt",
    "/media/%2f{root}/bi-mat.txt",
    "/media/../longbien/settings/common.py",
]
SECRET = "BÍ MẬT: không được lộ ra ngoài"


@pytest.fixture
def media_beside_a_secret(settings, tmp_path):
    """MEDIA_ROOT with one public file, next to a secret file outside it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "cong-khai.txt").write_text("ảnh công khai")
    (tmp_path / "bi-mat.txt").write_text(SECRET)
    return tmp_path


@pytest.fixture
def development_urls(settings, media_beside_a_secret):
    """The site's URLs as `make run` has them: DEBUG on, so Django serves media."""
    settings.DEBUG = True
    urls = importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(urls)
    clear_url_caches()


@pytest.mark.parametrize("path", TRAVERSALS)
def test_media_urls_do_not_leave_the_media_directory_in_development(
    client, development_urls, media_beside_a_secret, path
):
    response = client.get(path.format(root=str(media_beside_a_secret).lstrip("/")))
    assert response.status_code in {400, 404}
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert SECRET.encode() not in body
    assert b"env_bool" not in body


def test_media_files_are_served_in_development(client, development_urls):
    # The counterpart of the test above: the same URLs do serve media.
    response = client.get("/media/cong-khai.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == "ảnh công khai".encode()


@pytest.mark.parametrize("path", ["/media/cong-khai.txt", *TRAVERSALS[:3]])
def test_django_serves_no_media_outside_development(client, media_beside_a_secret, path):
    # In production the web server serves MEDIA_ROOT; Django answers 404.
    response = client.get(path.format(root=str(media_beside_a_secret).lstrip("/")))
    assert response.status_code == 404
    assert SECRET.encode() not in response.content


# Oversized and undecodable requests


def test_comment_bigger_than_the_upload_limit_gets_a_vietnamese_400(client, article):
    data = comment_data(content="ư" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2 + 1))
    response = client.post(post_url(article), data)
    assertContains(response, BAD_REQUEST_PAGE, status_code=400)
    assert not Comment.objects.exists()


def test_comment_with_too_many_fields_gets_a_vietnamese_400(article):
    # Through the CSRF check too, which reads the body first.
    browser, token = csrf_client_with_token(article)
    data = comment_data(csrfmiddlewaretoken=token)
    data.update({f"o{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)})
    response = browser.post(post_url(article), data)
    assertContains(response, BAD_REQUEST_PAGE, status_code=400)
    assert not Comment.objects.exists()


def test_search_with_too_many_parameters_gets_a_vietnamese_400(client, db):
    query = "&".join(f"q{n}=x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.get(reverse("news:search") + "?" + query)
    assertContains(response, BAD_REQUEST_PAGE, status_code=400)


@pytest.mark.parametrize(
    "url",
    [
        "/tim-kiem/?q=%FF%FE%C3%28",
        "/tim-kiem/?q=C%E1%BA&chuyen_muc=%80&tu_ngay=%ED%A0%80&trang=%C0%AF",
        "/?trang=%FF",
        "/bai-viet/%FF%FE/",
        "/chuyen-muc/%C3%28/",
    ],
)
def test_invalid_utf8_in_the_url_is_no_server_error(client, article, url):
    assert client.get(url).status_code in {200, 404}


@pytest.mark.parametrize(
    "body",
    [
        b"name=\xff\xfeHoa&title=%C3%28Ti%C3%AAu&content=N%E1%BB%99i+\xc3\x28dung",
        b"name=Hoa&title=\xed\xa0\x80&content=%ED%A0%80\x00",
        b"\xff\xfe\xfd=\x80\x81&&&=&name",
    ],
    ids=["raw-and-encoded", "surrogates", "garbage"],
)
def test_invalid_utf8_in_a_comment_is_no_server_error(client, article, body):
    key, answer = new_captcha()
    body += f"&captcha_0={key}&captcha_1={answer}".encode()
    response = client.generic(
        "POST", post_url(article), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in {200, 302}
    for comment in Comment.objects.all():
        assert "\x00" not in comment.content


def test_unknown_charset_in_a_comment_post_is_no_server_error(client, article):
    body = "name=Hoa&title=Ti%C3%AAu+%C4%91%E1%BB%81&content=N%E1%BB%99i+dung"
    key, answer = new_captcha()
    response = client.generic(
        "POST",
        post_url(article),
        f"{body}&captcha_0={key}&captcha_1={answer}",
        content_type="application/x-www-form-urlencoded; charset=khong-co-bang-ma-nay",
    )
    assert response.status_code == 302
    assert Comment.objects.get().title == "Tiêu đề"


def test_invalid_utf8_in_a_multipart_comment_is_no_server_error(client, article):
    key, answer = new_captcha()
    boundary = "ranh-gioi"
    parts = [("name", b"Hoa\xff\xfe"), ("title", b"Ti\xc3\x28u"), ("content", b"\xe1\xbb")]
    parts += [("captcha_0", key.encode()), ("captcha_1", answer.encode())]
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        + value
        + b"\r\n"
        for name, value in parts
    )
    body += f"--{boundary}--\r\n".encode()
    response = client.generic(
        "POST", post_url(article), body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code in {200, 302}


# Header injection into the moderators' e-mail

INJECTED = "\r\nBcc: ke-xau@example.com\r\nContent-Type: text/html\r\n\r\n<b>lừa</b>"


@pytest.fixture
def notify(settings, superuser):
    settings.COMMENTS_NOTIFY_MODERATORS = True


def test_line_breaks_posted_in_name_title_or_phone_inject_no_header(
    client, article, notify, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            post_url(article),
            comment_data(name="Hoa", title="Góp ý", phone="0912\r\nBcc: x@y.vn"),
        )
    # The phone is refused (not a number); the others are kept on one line.
    assertContains(response, "Số điện thoại không hợp lệ", count=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            post_url(article), comment_data(name="Hoa" + INJECTED, title="Góp ý" + INJECTED)
        )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.title == "Góp ý Bcc: ke-xau@example.com Content-Type: text/html <b>lừa</b>"
    assert_one_plain_message_to_moderators()


def test_a_title_with_line_breaks_stored_by_other_means_is_still_announced(
    article, notify, django_capture_on_commit_callbacks
):
    # Written behind the form (an import, a shell): the e-mail must still go.
    from comments.notifications import notify_moderators

    comment = Comment.objects.create(
        article=article, name="Hoa", title="Góp ý" + INJECTED, content="Nội dung"
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify_moderators(comment, "https://longbien.example.vn/quan-tri/")
    assert_one_plain_message_to_moderators()


def assert_one_plain_message_to_moderators():
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["quantri@example.vn"]
    assert message.bcc == [] and message.cc == []
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.subject.startswith(f"[{portal.current().name}] Bình luận chờ duyệt: Góp ý")
    parsed = message_from_string(message.message().as_string())
    assert parsed["Bcc"] is None
    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_all("Subject") == [parsed["Subject"]]


def test_reader_cannot_choose_the_time_a_comment_was_sent(client, article):
    # submitted_at drives the retention of personal data; it is not a form field.
    data = comment_data(submitted_at="2001-01-01 00:00", ip_address="1.2.3.4", status="approved")
    assert client.post(post_url(article), data).status_code == 302
    comment = Comment.objects.get()
    assert comment.submitted_at > timezone.now() - timezone.timedelta(minutes=1)
    assert comment.ip_address == "127.0.0.1"
    assert comment.status == Comment.Status.PENDING
