"""The reader's side: the form under an article, posting, and what is shown."""

import logging
import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from captcha.models import CaptchaStore
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from comments.models import Comment
from tests.comments.helpers import captcha_in, comment_data, post_comment, post_url
from tests.factories import ArticleFactory, CommentFactory

AWAITING = "Bình luận đã được gửi và đang chờ ban biên tập duyệt."
WRONG_CAPTCHA = "Mã xác nhận không đúng hoặc đã hết hạn. Hãy nhập mã mới."
CLOSED = "Bài viết đã đóng bình luận."


def comments_anchor(article):
    return article.get_absolute_url() + "#binh-luan"


def comments_section(response):
    html = response.content.decode()
    return html[html.index('<section class="comments" id="binh-luan"') :]


# The form on the article page


def test_article_page_shows_the_form_with_the_old_fields_in_order(client, article):
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assertContains(response, "Viết bình luận")
    labels = [
        '<label for="id_name">Họ tên:',
        '<label for="id_phone">Số điện thoại:</label>',
        '<label for="id_title">Tiêu đề:',
        '<label for="id_content">Nội dung:',
        '<label for="id_captcha_1">Mã xác nhận:</label>',
    ]
    positions = [html.index(label) for label in labels]
    assert positions == sorted(positions)
    for name in ("name", "title", "content"):
        assert re.search(rf'for="id_{name}">[^<]+:<span[^>]*>\(\*\)</span>', html)
    assertContains(response, 'name="captcha_1"')
    assertContains(response, 'id="id_captcha_1"')


def test_the_shared_article_page_carries_no_captcha_or_token_of_any_reader(client, article):
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert 'name="captcha_0" value' not in html
    assertContains(response, '<input type="hidden" name="csrfmiddlewaretoken" value="">', html=True)
    assertContains(response, 'alt="Ảnh mã xác nhận hiện khi bạn bắt đầu viết bình luận"')
    assert not response.cookies
    # Every label of the form is there, for readers with or without JavaScript.
    for label in ("Họ tên", "Số điện thoại", "Tiêu đề", "Nội dung", "Mã xác nhận"):
        assertContains(response, f"{label}:")
    assertContains(response, "<noscript>")


def test_the_form_parts_give_a_captcha_picture_with_alt_text_and_a_refresh_link(client, article):
    page = client.get(post_url(article))  # the form's own page: this reader's parts in it
    key, _ = captcha_in(page.content)
    assertContains(page, f'src="{reverse("comments:captcha_image", kwargs={"key": key})}"')
    assertContains(page, 'alt="Ảnh mã xác nhận gồm 5 chữ cái')
    assertContains(
        page,
        f'<a class="captcha__refresh" href="{post_url(article)}#viet-binh-luan">'
        "Lấy lại mã bảo mật</a>",
        html=True,
    )
    assertContains(page, 'aria-live="polite"')
    assert "no-store" in page["Cache-Control"]


def test_each_page_view_draws_a_new_captcha(client, article):
    first, _ = captcha_in(client.get(article.get_absolute_url()).content)
    second, _ = captcha_in(client.get(article.get_absolute_url()).content)
    assert first != second


def test_captcha_image_is_served(client, article):
    key, _ = captcha_in(client.get(article.get_absolute_url()).content)
    response = client.get(reverse("captcha-image", kwargs={"key": key}))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_captcha_refresh_answers_the_script_with_a_new_captcha(client, db):
    response = client.get(
        reverse("captcha-refresh"), headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 200
    data = response.json()
    assert CaptchaStore.objects.filter(hashkey=data["key"]).exists()
    assert data["image_url"] == reverse("captcha-image", kwargs={"key": data["key"]})


def test_captcha_refresh_without_the_script_header_is_not_found(client, db):
    assert client.get(reverse("captcha-refresh")).status_code == 404


def test_script_and_stylesheet_are_external_files(client, article):
    response = client.get(article.get_absolute_url())
    assertContains(response, '<script src="/static/js/comments.js" defer></script>', html=True)
    assertContains(response, 'href="/static/css/comments.css"')
    # No inline code: every <script> is a file, or a JSON-LD data block, which
    # browsers do not run.
    inline = r'<script(?![^>]*\b(?:src=|type="application/ld\+json"))[^>]*>'
    assert not re.search(inline, response.content.decode())


def test_honeypot_is_hidden_from_people(client, article):
    response = client.get(article.get_absolute_url())
    assertContains(response, '<div class="comment-form__trap" aria-hidden="true">')
    assertContains(response, 'name="website" tabindex="-1" autocomplete="off"')


# Posting


def test_valid_post_redirects_to_the_article_with_a_message_and_stores_a_pending_comment(
    client, article
):
    response = post_comment(client, article)
    assertRedirects(response, comments_anchor(article), fetch_redirect_response=False)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert (comment.name, comment.phone, comment.title) == (
        "Trần Thị Hoa",
        "+84912345678",
        "Cảm ơn phường",
    )
    page = client.get(response["Location"])
    assert AWAITING in comments_section(page)  # where the reader lands, not only at the top
    assertNotContains(page, '<li class="comment"')


def test_post_stores_ip_address_and_user_agent_for_moderators(client, article):
    client.post(
        post_url(article),
        comment_data(),
        REMOTE_ADDR="203.0.113.9",
        headers={"user-agent": "Mozilla/5.0 (Linux; Android 14)\x00"},
    )
    comment = Comment.objects.get()
    assert comment.ip_address == "203.0.113.9"
    assert comment.user_agent == "Mozilla/5.0 (Linux; Android 14)"


def test_long_user_agent_is_cut_to_fit(client, article):
    client.post(post_url(article), comment_data(), headers={"user-agent": "U" * 2000})
    assert len(Comment.objects.get().user_agent) == 500


def test_post_does_not_count_as_a_view(client, article):
    post_comment(client, article, name="")
    article.refresh_from_db()
    assert article.view_count == 0


def test_mistake_shows_the_page_again_with_errors_values_kept_and_a_fresh_captcha(client, article):
    captcha = captcha_in(client.get(article.get_absolute_url()).content)
    response = post_comment(client, article, captcha=captcha, name="", phone="12345")
    assert response.status_code == 200
    assert Comment.objects.count() == 0
    assertContains(response, "Bình luận chưa được gửi.")
    assertContains(
        response,
        '<ul class="errorlist" id="id_name_error"><li>Hãy nhập họ tên.</li></ul>',
        html=True,
    )
    assertContains(response, 'aria-invalid="true" aria-describedby="id_name_error"')
    assertContains(response, 'aria-describedby="id_phone_helptext id_phone_error"')
    assertContains(response, 'value="12345"')
    assertContains(response, 'value="Cảm ơn phường"')
    assertContains(response, "Đường sạch hơn hẳn.\nMong được duy trì.</textarea>")
    new_key, _ = captcha_in(response.content)
    assert new_key != captcha[0]
    assertNotContains(response, f'value="{captcha[1]}"')


def test_wrong_captcha_keeps_the_text_and_asks_for_the_new_code(client, article):
    key, _ = captcha_in(client.get(article.get_absolute_url()).content)
    response = post_comment(client, article, captcha=(key, "sai"))
    assert response.status_code == 200
    assertContains(response, WRONG_CAPTCHA)
    assertContains(response, 'value="Trần Thị Hoa"')
    assert captcha_in(response.content)[0] != key
    assert not Comment.objects.exists()


def test_second_try_with_the_fresh_captcha_succeeds(client, article):
    response = post_comment(client, article, captcha=("0" * 40, "sai"))
    response = post_comment(client, article, captcha=captcha_in(response.content))
    assertRedirects(response, comments_anchor(article), fetch_redirect_response=False)
    assert Comment.objects.count() == 1


def test_replayed_captcha_is_refused(client, article):
    captcha = captcha_in(client.get(article.get_absolute_url()).content)
    post_comment(client, article, captcha=captcha)
    response = post_comment(client, article, captcha=captcha, title="Một ý kiến khác")
    assert response.status_code == 200
    assertContains(response, WRONG_CAPTCHA)
    assert Comment.objects.count() == 1


def test_expired_captcha_is_refused(client, article):
    captcha = captcha_in(client.get(article.get_absolute_url()).content)
    with time_machine.travel(timezone.now() + timedelta(minutes=21)):
        response = post_comment(client, article, captcha=captcha)
    assertContains(response, WRONG_CAPTCHA)
    assert not Comment.objects.exists()


def test_double_submit_stores_one_comment_and_answers_both_with_success(client, article):
    captcha = captcha_in(client.get(article.get_absolute_url()).content)
    first = post_comment(client, article, captcha=captcha)
    second = post_comment(client, article, captcha=captcha)
    for response in (first, second):
        assertRedirects(response, comments_anchor(article), fetch_redirect_response=False)
    assert Comment.objects.count() == 1
    assertContains(client.get(second["Location"]), AWAITING)


def test_same_comment_much_later_is_a_new_comment(client, article):
    post_comment(client, article)
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        post_comment(client, article)
    assert Comment.objects.count() == 2


def test_same_text_from_another_address_is_not_taken_for_a_double_submit(client, article):
    client.post(post_url(article), comment_data(), REMOTE_ADDR="198.51.100.1")
    client.post(post_url(article), comment_data(), REMOTE_ADDR="198.51.100.2")
    assert Comment.objects.count() == 2


def test_replayed_captcha_with_other_text_is_not_a_double_submit(client, article):
    captcha = captcha_in(client.get(article.get_absolute_url()).content)
    post_comment(client, article, captcha=captcha)
    response = post_comment(client, article, captcha=captcha, content="Một nội dung khác.")
    assertContains(response, WRONG_CAPTCHA)
    assert Comment.objects.count() == 1


def test_get_on_the_post_address_draws_the_form_with_a_new_captcha(client, article):
    # The "Lấy lại mã bảo mật" link without JavaScript: the form's own page,
    # never cached, with this reader's token and a new captcha each time.
    client.get(article.get_absolute_url())
    first = client.get(post_url(article))
    again = client.get(post_url(article))
    assert first.status_code == again.status_code == 200
    assert "private" in first["Cache-Control"] and "no-store" in first["Cache-Control"]
    assert captcha_in(first.content)[0] != captcha_in(again.content)[0]
    assertContains(first, article.title)


def test_without_javascript_a_reader_sends_the_form_then_answers_the_captcha(article):
    """A reader whose browser runs no script fills in the shared page's form
    (no token, no captcha) and sends it: the form comes back with everything
    typed and a captcha of its own; answering it stores the comment."""
    reader = Client(enforce_csrf_checks=True)
    reader.get(article.get_absolute_url())
    typed = comment_data(("", ""))
    typed["csrfmiddlewaretoken"] = ""
    first = reader.post(post_url(article), typed)
    assert first.status_code == 200
    assertContains(first, "Hãy nhập mã xác nhận trong ảnh.")
    assertContains(first, 'value="Trần Thị Hoa"')
    assertContains(first, "Mong được duy trì.")
    assert not Comment.objects.exists()
    html = first.content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    sent = reader.post(post_url(article), comment_data(captcha_in(html), csrfmiddlewaretoken=token))
    assert sent.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_post_without_csrf_token_is_forbidden(article):
    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post(post_url(article), comment_data()).status_code == 403
    assert not Comment.objects.exists()


# Missing, unpublished and closed articles


def test_post_to_a_missing_article_is_not_found(client, db):
    response = client.post(reverse("comments:post", kwargs={"slug": "khong-co"}), comment_data())
    assert response.status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "article_kwargs",
    [
        {"status": "draft"},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "scheduled"],
)
def test_post_to_an_unpublished_article_is_not_found_even_for_staff(
    editor_client, db, article_kwargs
):
    article = ArticleFactory(**article_kwargs)
    assert post_comment(editor_client, article).status_code == 404
    assert not Comment.objects.exists()


def test_post_to_an_article_closed_by_its_editors_is_refused_with_a_message(client, db):
    article = ArticleFactory(allow_comments=False)
    response = post_comment(client, article)
    assertRedirects(response, comments_anchor(article), fetch_redirect_response=False)
    assert not Comment.objects.exists()
    section = comments_section(client.get(response["Location"]))
    assert f'<p class="message message--error">{CLOSED}</p>' in section
    assert f'<p class="comments__closed">{CLOSED}</p>' in section


def test_closed_article_shows_a_notice_instead_of_the_form(client, db):
    article = ArticleFactory(allow_comments=False)
    CommentFactory(article=article, status=Comment.Status.APPROVED, title="Ý kiến cũ")
    response = client.get(article.get_absolute_url())
    assertContains(response, CLOSED)
    assertContains(response, "Ý kiến cũ")
    assertNotContains(response, "Viết bình luận")
    assertNotContains(response, 'name="captcha_1"')


def test_comments_close_by_themselves_after_the_configured_days(client, settings, db):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    old = ArticleFactory(published_at=timezone.now() - timedelta(days=30, minutes=1))
    recent = ArticleFactory(published_at=timezone.now() - timedelta(days=29))
    assertContains(client.get(old.get_absolute_url()), CLOSED)
    assertContains(client.get(recent.get_absolute_url()), "Viết bình luận")
    post_comment(client, old)
    assert not Comment.objects.exists()


def test_comments_never_close_by_themselves_when_the_setting_is_zero(client, settings, db):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    old = ArticleFactory(published_at=timezone.now() - timedelta(days=3650))
    assertContains(client.get(old.get_absolute_url()), "Viết bình luận")
    post_comment(client, old)
    assert Comment.objects.count() == 1


# Abuse controls


def test_filled_honeypot_is_refused_as_tampering(client, article):
    response = post_comment(client, article, website="http://ban-re.example")
    assert response.status_code == 400
    assertContains(response, "Không gửi được bình luận.", status_code=400)
    assert not Comment.objects.exists()


def test_too_many_posts_from_one_address_get_a_clear_message(client, settings, article):
    settings.COMMENTS_RATE = "2/10m"
    for n in range(2):
        response = post_comment(client, article, title=f"Ý kiến {n}")
        assert response.status_code == 302
    response = post_comment(client, article, title="Ý kiến thứ ba")
    assert response.status_code == 429
    assertContains(response, "Bạn đã gửi nhiều bình luận trong thời gian ngắn.", status_code=429)
    assertContains(response, 'value="Ý kiến thứ ba"', status_code=429)
    assert Comment.objects.count() == 2


def test_rate_limit_is_per_address(client, settings, article):
    settings.COMMENTS_RATE = "1/10m"
    client.post(post_url(article), comment_data(title="Một"), REMOTE_ADDR="198.51.100.1")
    response = client.post(post_url(article), comment_data(title="Hai"), REMOTE_ADDR="198.51.100.2")
    assert response.status_code == 302
    response = client.post(post_url(article), comment_data(title="Ba"), REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429
    assert Comment.objects.count() == 2


def test_rate_limit_groups_an_ipv6_network(client, settings, article):
    settings.COMMENTS_RATE = "1/10m"
    client.post(post_url(article), comment_data(title="Một"), REMOTE_ADDR="2001:db8:1:2::10")
    response = client.post(
        post_url(article), comment_data(title="Hai"), REMOTE_ADDR="2001:db8:1:2::99"
    )
    assert response.status_code == 429


def test_rate_limit_ends_after_its_period(client, settings, article):
    settings.COMMENTS_RATE = "1/10m"
    post_comment(client, article, title="Một")
    assert post_comment(client, article, title="Hai").status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=21)):
        assert post_comment(client, article, title="Ba").status_code == 302


@pytest.mark.parametrize(
    ("redis_url", "backend"),
    [
        ("", "django.core.cache.backends.db.DatabaseCache"),
        ("redis://127.0.0.1:6379/7", "longbien.cache.ReusingRedisCache"),
    ],
)
def test_production_rate_limits_live_in_a_cache_shared_by_all_processes(redis_url, backend):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "longbien.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "longbien.example.vn",
        "REDIS_URL": redis_url,
    }
    code = (
        "from django.conf import settings as s; print(s.CACHES[s.RATELIMIT_USE_CACHE]['BACKEND'])"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == backend


def test_broken_cache_lets_the_post_through_and_logs(client, article, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr("comments.throttling.get_usage", broken)
    with caplog.at_level(logging.ERROR, logger="comments.throttling"):
        response = post_comment(client, article)
    assert response.status_code == 302
    assert Comment.objects.count() == 1
    assert "rate limit unavailable" in caplog.text


def test_client_address_comes_from_the_trusted_proxy_header_when_configured(
    client, settings, article
):
    settings.COMMENTS_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    client.post(
        post_url(article),
        comment_data(),
        REMOTE_ADDR="10.0.0.1",
        headers={"x-forwarded-for": "1.2.3.4, 203.0.113.50"},
    )
    assert Comment.objects.get().ip_address == "203.0.113.50"


def test_forwarded_header_is_ignored_by_default(client, article):
    client.post(
        post_url(article),
        comment_data(),
        REMOTE_ADDR="198.51.100.20",
        headers={"x-forwarded-for": "1.2.3.4"},
    )
    assert Comment.objects.get().ip_address == "198.51.100.20"


# Hostile input: never a 500, never stored wrong


NASTY = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }} {% debug %}",
    "Robert'); DROP TABLE comments_comment;--",
    "\x00\x00<b>nul</b>\x00",
    "\u202eplh.exe\u200b",
    "Z̸̢̛̺̗͈̱̖͍̲̝̩̞͉̥̩̈́̈́̔͑͂̌̈́̓͋̏̈́͊̕a̷l̶g̵o̴",
    "👍🏽 Tốt lắm 🇻🇳",
    "\ud7ff\ue000\uffff",
]


@pytest.mark.parametrize("value", NASTY)
@pytest.mark.parametrize("field", ["name", "phone", "title", "content", "captcha_1", "website"])
def test_hostile_input_in_any_field_never_breaks_the_page(client, article, field, value):
    response = post_comment(client, article, **{field: value})
    assert response.status_code in {200, 302, 400}
    for comment in Comment.objects.all():
        for text in (comment.name, comment.phone, comment.title, comment.content):
            assert "\x00" not in text
            assert "\u202e" not in text
    body = response.content.decode()
    assert "<script>alert" not in body
    assert "<img src=x" not in body


def test_nul_bytes_are_removed_before_storing(client, article):
    post_comment(client, article, name="Hoa\x00", title="Tiêu\x00 đề", content="Nội\x00dung")
    comment = Comment.objects.get()
    assert (comment.name, comment.title, comment.content) == ("Hoa", "Tiêu đề", "Nộidung")


def test_decomposed_vietnamese_is_stored_composed(client, article):
    post_comment(client, article, name="Nguye\u0302\u0303n Va\u0306n A")
    assert Comment.objects.get().name == "Nguyễn Văn A"


def test_missing_fields_in_the_post_are_ordinary_mistakes(client, article):
    response = client.post(post_url(article), {})
    assert response.status_code == 200
    for message in ("Hãy nhập họ tên.", "Hãy nhập tiêu đề.", "Hãy nhập mã xác nhận trong ảnh."):
        assertContains(response, message, count=2)  # in the summary and next to the field
    assert not Comment.objects.exists()


def test_repeated_fields_in_the_post_take_the_last_value(client, article):
    data = comment_data()
    data["name"] = ["Một", "Hai"]
    response = client.post(post_url(article), data)
    assert response.status_code == 302
    assert Comment.objects.get().name == "Hai"


def test_forged_captcha_key_is_refused_as_tampering(client, article):
    data = comment_data()
    data["captcha_0"] = [data["captcha_0"], "khong-phai-ma"]
    response = client.post(post_url(article), data)
    assert response.status_code == 400
    assertContains(response, WRONG_CAPTCHA, status_code=400, count=2)
    assert not Comment.objects.exists()


def test_huge_post_is_refused_with_a_message(client, article):
    response = post_comment(client, article, content="ư" * 200_000)
    assertContains(response, "Nội dung bình luận dài tối đa 3000 ký tự")
    assert not Comment.objects.exists()


# What readers see


def test_only_approved_comments_are_shown_oldest_first_with_their_count(client, article):
    now = timezone.now()
    CommentFactory(
        article=article,
        status=Comment.Status.APPROVED,
        title="Sau",
        submitted_at=now - timedelta(minutes=5),
    )
    CommentFactory(
        article=article,
        status=Comment.Status.APPROVED,
        title="Trước",
        submitted_at=now - timedelta(minutes=50),
    )
    for status in ("pending", "rejected", "spam"):
        CommentFactory(article=article, status=status, title=f"Ẩn {status}")
    CommentFactory(status=Comment.Status.APPROVED, title="Bài khác")
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assertContains(response, '<p class="comments__count">2 bình luận</p>', html=True)
    assert html.index("Trước") < html.index("Sau")
    for hidden in ("Ẩn pending", "Ẩn rejected", "Ẩn spam", "Bài khác"):
        assertNotContains(response, hidden)


def test_a_shown_comment_has_name_title_content_time_and_anchor(client, article):
    when = timezone.make_aware(timezone.datetime(2020, 11, 24, 14, 38))
    comment = CommentFactory(
        article=article,
        status=Comment.Status.APPROVED,
        name="Lê Văn Nam",
        title="Rất tốt",
        content="Dòng một.\nDòng hai.",
        submitted_at=when,
    )
    response = client.get(article.get_absolute_url())
    assertContains(response, f'id="binh-luan-{comment.pk}"')
    assertContains(response, '<span class="comment__name">Lê Văn Nam</span>', html=True)
    assertContains(response, "Rất tốt</h3>")
    assertContains(response, "<p>Dòng một.<br>Dòng hai.</p>", html=True)
    assertContains(response, "14:38 24/11/2020")


def test_phone_ip_and_user_agent_are_never_shown_to_readers(client, article):
    CommentFactory(
        article=article,
        status=Comment.Status.APPROVED,
        phone="+84987654321",
        ip_address="203.0.113.77",
        user_agent="SecretBrowser/9.9",
    )
    response = client.get(article.get_absolute_url())
    assertContains(response, Comment.objects.get().title)
    for private in ("987654321", "987 654 321", "203.0.113.77", "SecretBrowser"):
        assertNotContains(response, private)


@pytest.mark.parametrize("field", ["name", "title", "content"])
def test_markup_a_reader_typed_is_shown_as_text(client, article, field):
    CommentFactory(
        article=article,
        status=Comment.Status.APPROVED,
        **{field: "<script>alert('x')</script><b>đậm</b>"},
    )
    response = client.get(article.get_absolute_url())
    assertContains(
        response, "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;đậm&lt;/b&gt;"
    )
    assertNotContains(response, "<b>đậm</b>")


def test_article_without_comments_says_so(client, article):
    assertContains(client.get(article.get_absolute_url()), "Chưa có bình luận nào.")


def test_article_page_queries_do_not_grow_with_the_number_of_comments(client, db):
    def queries_for(count):
        article = ArticleFactory()
        CommentFactory.create_batch(count, article=article, status=Comment.Status.APPROVED)
        client.get(article.get_absolute_url())  # warm up sessions, content types
        with CaptureQueriesContext(connection) as queries:
            response = client.get(article.get_absolute_url())
        assertContains(response, f"{count} bình luận")
        return len(queries)

    assert queries_for(1) == queries_for(30)


def test_article_lists_show_the_number_of_approved_comments(client, db):
    article = ArticleFactory(title="Bài có ý kiến")
    CommentFactory.create_batch(3, article=article, status=Comment.Status.APPROVED)
    CommentFactory(article=article, status=Comment.Status.PENDING)
    CommentFactory(article=article, status=Comment.Status.SPAM)
    home = client.get(reverse("news:home"))
    assertContains(home, f'href="{article.get_absolute_url()}#binh-luan">3 bình luận</a>')
    category = client.get(article.category.get_absolute_url())
    assertContains(category, "3 bình luận")


def test_related_article_tables_show_the_number_of_approved_comments(client, db):
    now = timezone.now()
    older = ArticleFactory(published_at=now - timedelta(days=2))
    current = ArticleFactory(published_at=now - timedelta(days=1))
    newer = ArticleFactory(published_at=now - timedelta(hours=1))
    CommentFactory.create_batch(2, article=older, status=Comment.Status.APPROVED)
    CommentFactory(article=newer, status=Comment.Status.APPROVED)
    CommentFactory(article=newer, status=Comment.Status.REJECTED)
    response = client.get(current.get_absolute_url())
    assertContains(response, '<span class="related__comments">· 2 bình luận</span>', html=True)
    assertContains(response, '<span class="related__comments">· 1 bình luận</span>', html=True)


def test_article_without_approved_comments_shows_no_count_in_lists(client, db):
    article = ArticleFactory()
    CommentFactory(article=article, status=Comment.Status.PENDING)
    assertNotContains(client.get(reverse("news:home")), "bình luận</a>")


# E-mail to moderators


def test_no_email_by_default(client, article, moderator, django_capture_on_commit_callbacks):
    moderator.email = "kiemduyet@example.vn"
    moderator.save()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article)
    assert mail.outbox == []


def test_moderators_are_emailed_after_commit_when_enabled(
    client, settings, article, moderator, superuser, editor, django_capture_on_commit_callbacks
):
    settings.COMMENTS_NOTIFY_MODERATORS = True
    moderator.email = "kiemduyet@example.vn"
    moderator.save()
    editor.email = "bientap@example.vn"
    editor.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_comment(client, article)
    assert mail.outbox == []  # nothing is sent before the comment is committed
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["kiemduyet@example.vn", "quantri@example.vn"]
    assert "Cảm ơn phường" in message.subject
    comment = Comment.objects.get()
    assert f"/quan-tri/comments/comment/{comment.pk}/change/" in message.body
    assert "+84912345678" not in message.body


def test_a_double_submit_is_announced_once(
    client, settings, article, superuser, django_capture_on_commit_callbacks
):
    settings.COMMENTS_NOTIFY_MODERATORS = True
    captcha = captcha_in(client.get(article.get_absolute_url()).content)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, captcha=captcha)
        post_comment(client, article, captcha=captcha)
    assert len(mail.outbox) == 1


def test_failed_email_is_logged_and_the_comment_kept(
    client, settings, article, superuser, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    settings.COMMENTS_NOTIFY_MODERATORS = True

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("comments.notifications.send_mail", broken)
    with (
        caplog.at_level(logging.ERROR, logger="comments.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = post_comment(client, article)
    assert response.status_code == 302
    assert Comment.objects.count() == 1
    assert "Could not e-mail moderators" in caplog.text


def test_showing_the_form_stores_no_captcha(client, article):
    client.get(article.get_absolute_url())
    assert not CaptchaStore.objects.exists()


def test_the_challenge_is_made_when_the_image_is_asked_for(client, article):
    key, answer = captcha_in(client.get(article.get_absolute_url()).content)
    image_url = reverse("comments:captcha_image", kwargs={"key": key})
    again = client.get(image_url)
    assert again.status_code == 200 and again["Content-Type"] == "image/png"
    assert "no-cache" in again["Cache-Control"]
    # Asking again draws the same challenge.
    assert CaptchaStore.objects.get(hashkey=key).response == answer
    assert CaptchaStore.objects.count() == 1


def test_an_expired_challenge_is_replaced_when_its_image_is_asked_for(client, article):
    key, _ = captcha_in(client.get(article.get_absolute_url()).content)
    CaptchaStore.objects.filter(hashkey=key).update(
        expiration=timezone.now() - timedelta(minutes=1), response="cu"
    )
    client.get(reverse("comments:captcha_image", kwargs={"key": key}))
    store = CaptchaStore.objects.get(hashkey=key)
    assert store.response != "cu" and store.expiration > timezone.now()


@pytest.mark.parametrize("key", ["abc", "g" * 40, "A" * 40, "../" * 10])
def test_a_malformed_captcha_key_is_not_found(client, db, key):
    response = client.get(f"/ma-xac-nhan/{key}.png")
    assert response.status_code == 404
    assert not CaptchaStore.objects.exists()


def test_a_captcha_whose_image_was_never_shown_is_refused_with_a_message(client, article):
    key = client.get(reverse("comments:form_parts", kwargs={"slug": article.slug})).json()[
        "captcha_key"
    ]
    response = post_comment(client, article, captcha=(key, "ABCDE"))
    assert response.status_code == 200
    assertContains(response, "Mã xác nhận không đúng hoặc đã hết hạn")
    assert not Comment.objects.exists()
