"""The keyboard moderation queue (comments.queue): its page, and the endpoints
its script posts to, exercised the way the script does: every address and
the CSRF token are read off the page."""

import json
import re
import threading
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from comments import moderation
from comments.models import Comment, ModerationRecord, Office, Reply
from comments.moderation import UNPUBLISHED
from news.models import Article
from tests.factories import ArticleFactory, CommentFactory, UserFactory
from tests.forms import form_values

QUEUE = "admin:comments_comment_queue"


def open_queue(client, **params):
    response = client.get(reverse(QUEUE), params)
    assert response.status_code == 200
    return response.content.decode()


def item_of(html, comment):
    """The opening tag of `comment`'s item."""
    match = re.search(rf'<article class="queue-item" id="cho-duyet-{comment.pk}"[^>]*>', html)
    assert match, f"comment {comment.pk} is not in the queue"
    return match.group(0)


def address(html, kind):
    """The address the page gives the script for `kind` (decide, undo, reply)."""
    found = re.search(rf'<ol class="queue"[^>]* data-{kind}-url="([^"]+)"', html)
    assert found, f"no {kind} address on the page"
    return unescape(found.group(1))


def named(html, comment):
    """The comment as the page names it to the script (data-comment)."""
    return re.search(r'data-comment="([^"]+)"', item_of(html, comment)).group(1)


def token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def post(client, html, url, data):
    """POST as queue.js does: the token from the page in X-CSRFToken."""
    return client.post(url, data, HTTP_X_CSRFTOKEN=token(html), HTTP_ACCEPT="application/json")


def decide(client, html, comment, status):
    data = {"binh_luan": named(html, comment), "status": status}
    return post(client, html, address(html, "decide"), data)


def undo(client, html, decided):
    """Z: take back the decision whose answer was `decided`."""
    return post(client, html, address(html, "undo"), {"undo": decided["undo"]})


def send_reply(client, html, comment, changes):
    """ "Duyệt và trả lời" from `comment`'s reply box, `changes` typed in."""
    data = {**reply_fields(html, changes), "binh_luan": named(html, comment)}
    return post(client, html, address(html, "reply"), data)


def reply_fields(html, changes):
    """What the reply box (drawn from the page's <template>) sends."""
    box = re.search(r'<template id="queue-reply-form">(.*?)</template>', html, re.S).group(1)
    return form_values(box, None, changes)


def listed_titles(html):
    return re.findall(r'<h2 class="queue-item__title" id="[^"]+">([^<]+)</h2>', html)


@pytest.fixture
def colleague(moderator):
    user = UserFactory(username="kiemduyet2", is_staff=True, first_name="Lê Văn", last_name="Chính")
    user.groups.set(moderator.groups.all())
    return user


# The page


def test_queue_lists_waiting_comments_oldest_first_and_in_full(moderator_client, article):
    now = timezone.now()
    long_text = "Nước ngập đến đầu gối ở ngõ 45 Nguyễn Văn Cừ. " * 40
    CommentFactory(article=article, title="Mới hơn", submitted_at=now - timedelta(minutes=5))
    CommentFactory(
        article=article,
        name="Đỗ Thị Lan",
        phone="+84987654321",
        title="Ngập sau mưa",
        content=long_text.strip(),
        submitted_at=timezone.make_aware(timezone.datetime(2026, 3, 2, 9, 5)),
        held_for=["Có số điện thoại", "Từ bị chặn: vay tiền"],
    )
    CommentFactory(article=article, title="Đã duyệt rồi", status=Comment.Status.APPROVED)
    CommentFactory(article=article, title="Là spam", status=Comment.Status.SPAM)
    html = open_queue(moderator_client)
    assert listed_titles(html) == ["Ngập sau mưa", "Mới hơn"]
    assert long_text.strip() in html  # the whole text, never an excerpt
    for shown in ("Đỗ Thị Lan", "+84987654321", "09:05 02/03/2026", article.title):
        assert shown in html
    assert f'href="{article.get_absolute_url()}"' in html
    assert "Bị giữ lại vì:</strong> Có số điện thoại; Từ bị chặn: vay tiền" in html


def test_queue_shows_counts_by_status_and_links_to_the_list(moderator_client, article):
    CommentFactory.create_batch(3, article=article)
    CommentFactory(article=article, status=Comment.Status.SPAM)
    response = moderator_client.get(reverse(QUEUE))
    assertContains(response, 'Chờ duyệt: <strong data-count="pending">3</strong>')
    assertContains(response, 'Spam: <strong data-count="spam">1</strong>')
    assertContains(response, "?trang_thai=spam")
    assertContains(response, reverse("admin:comments_comment_changelist"))
    assertContains(response, '<div class="breadcrumbs">')


def test_pending_count_stops_at_the_limit(moderator_client, article, monkeypatch):
    monkeypatch.setattr(moderation, "COUNT_LIMIT", 2)
    monkeypatch.setattr("comments.queue.COUNT_LIMIT", 2)
    monkeypatch.setattr("comments.admin.COUNT_LIMIT", 2)
    CommentFactory.create_batch(3, article=article)
    response = moderator_client.get(reverse(QUEUE))
    assertContains(response, 'Chờ duyệt: <strong data-count="pending">hơn 2</strong>')


def test_reader_markup_is_shown_as_text(moderator_client, article):
    CommentFactory(
        article=article, name="<b>Tên</b>", title="<script>x()</script>", content="<i>ý</i>"
    )
    html = open_queue(moderator_client)
    assert "&lt;script&gt;x()&lt;/script&gt;" in html and "<script>x()" not in html
    assert "&lt;b&gt;Tên&lt;/b&gt;" in html and "&lt;i&gt;ý&lt;/i&gt;" in html


def test_an_existing_reply_is_shown_with_its_signature(moderator_client, article, editor):
    comment = CommentFactory(article=article)
    office = Office.objects.create(name="UBND phường Bồ Đề")
    Reply.objects.create(
        comment=comment, office=office, text="Phường đã cử người xuống.", written_by=editor
    )
    html = open_queue(moderator_client)
    assert "Đã có trả lời, ký “UBND phường Bồ Đề”" in html
    assert "Phường đã cử người xuống." in html


def test_who_is_this_reader_counts_other_comments_from_the_same_phone_or_address(
    moderator_client, article
):
    phone, address_ = "+84911111111", "198.51.100.4"
    first = CommentFactory(article=article, phone=phone, ip_address=address_)
    CommentFactory(phone=phone, ip_address="198.51.100.9", status=Comment.Status.SPAM)
    CommentFactory(phone="+84922222222", ip_address=address_, status=Comment.Status.APPROVED)
    CommentFactory(phone=phone, ip_address=address_, status=Comment.Status.REJECTED)
    CommentFactory(phone="+84933333333", ip_address="192.0.2.1")  # someone else
    alone = CommentFactory(article=article, phone="", ip_address=None)
    html = open_queue(moderator_client)
    link = (
        f"{reverse('admin:comments_comment_changelist')}?cung_nguoi_gui={first.pk}"
        "&amp;trang_thai=tat-ca"
    )
    assert f'<a href="{link}">Người gửi này: 3 bình luận khác</a>' in html
    assert f"cung_nguoi_gui={alone.pk}" not in html
    assert "Không có bình luận nào khác từ số điện thoại hoặc địa chỉ IP này" in html


def test_queue_shows_fifty_comments_then_a_link_to_the_next(moderator_client, article):
    now = timezone.now()
    for n in range(60):
        CommentFactory(
            article=article, title=f"Ý kiến {n:02}", submitted_at=now - timedelta(minutes=60 - n)
        )
    html = open_queue(moderator_client)
    assert listed_titles(html) == [f"Ý kiến {n:02}" for n in range(50)]
    more = unescape(re.search(r'<p class="queue-more"><a href="([^"]+)"', html).group(1))
    following = moderator_client.get(reverse(QUEUE) + more).content.decode()
    assert listed_titles(following) == [f"Ý kiến {n:02}" for n in range(50, 60)]
    assert 'class="queue-more"' not in following


@pytest.mark.parametrize("cursor", ["abc", "-1", "99999999999999999999999", "²", "0"])
def test_a_bad_page_cursor_opens_the_first_page(moderator_client, article, cursor):
    CommentFactory(article=article, title="Chờ")
    assert listed_titles(open_queue(moderator_client, sau=cursor)) == ["Chờ"]


def test_moderator_never_sees_an_unpublished_articles_title_or_address(
    moderator_client, editor_client
):
    draft = ArticleFactory(title="Dự thảo quy hoạch bãi xe", status=Article.Status.DRAFT)
    CommentFactory(article=draft, title="Hỏi về bãi xe")
    html = open_queue(moderator_client)
    assert "Hỏi về bãi xe" in html and UNPUBLISHED in html
    assert draft.title not in html and draft.slug not in html
    for naming_it in (f"article/{draft.pk}/", f"bai_viet={draft.pk}", f"article={draft.pk}"):
        assert naming_it not in html
    # The newsroom reads it.
    assert draft.title in open_queue(editor_client)


def test_page_queries_stay_the_same_for_five_or_fifty_comments(
    moderator_client, django_assert_max_num_queries
):
    offices = [Office.objects.create(name=f"Đơn vị {n}") for n in range(3)]

    def fill(count):
        for n in range(count):
            comment = CommentFactory(
                article=ArticleFactory(), phone=f"+8491{n:07d}", ip_address=f"198.51.100.{n % 9}"
            )
            if n % 3 == 0:
                Reply.objects.create(comment=comment, office=offices[n % 3], text="Đã nhận.")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            open_queue(moderator_client)
        return len(captured)

    open_queue(moderator_client)  # the portal's name (admin title): read once, then kept
    fill(5)
    few = queries()
    fill(45)
    # Session, user, permissions (2), five status counts, the office list of
    # the reply box, the comments with their articles and replies, and the
    # senders' other comments (2).
    with django_assert_max_num_queries(13):
        open_queue(moderator_client)
    assert queries() == few


# Who may do what


def test_anonymous_is_sent_to_the_login_page(client, moderator_client, article):
    comment = CommentFactory(article=article)
    html = open_queue(moderator_client)
    response = client.get(reverse(QUEUE))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    for kind in ("decide", "undo", "reply"):
        data = {"binh_luan": named(html, comment), "status": "approved", "text": "Chào bạn"}
        response = client.post(address(html, kind), data)
        assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_editor_reads_the_queue_but_gets_no_decision_keys(editor_client, moderator_client, article):
    comment = CommentFactory(article=article, title="Giờ làm việc thứ bảy")
    html = open_queue(editor_client)
    assert "Giờ làm việc thứ bảy" in html
    assert "data-decide-url" not in html and "data-status=" not in html
    assert 'id="queue-reply-form"' not in html and "Phím tắt" not in html
    moderator_html = open_queue(moderator_client)
    pk = named(moderator_html, comment)
    for kind, data in (
        ("decide", {"binh_luan": pk, "status": "approved"}),
        ("undo", {"undo": "x"}),
        ("reply", {"binh_luan": pk, "text": "Chào bạn", "published": "on"}),
    ):
        response = post(editor_client, html, address(moderator_html, kind), data)
        assert response.status_code == 403
        assert response.json() == {"ok": False, "error": "Bạn không có quyền kiểm duyệt bình luận."}
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert not Reply.objects.exists() and not ModerationRecord.objects.exists()


def test_staff_without_comment_permissions_get_403(client, article):
    client.force_login(UserFactory(username="khach", is_staff=True))
    assert client.get(reverse(QUEUE)).status_code == 403


@pytest.mark.parametrize("kind", ["decide", "undo", "reply"])
def test_endpoints_refuse_get(moderator_client, article, kind):
    CommentFactory(article=article)
    html = open_queue(moderator_client)
    assert moderator_client.get(address(html, kind)).status_code == 405


def test_endpoints_refuse_a_post_without_the_csrf_token(moderator):
    comment = CommentFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)
    html = open_queue(browser)
    data = {"binh_luan": named(html, comment), "status": "approved"}
    assert browser.post(address(html, "decide"), data).status_code == 403
    assert Comment.objects.get().status == Comment.Status.PENDING
    # The token the page carries is the one that works.
    assert decide(browser, html, comment, "approved").status_code == 200


# Decisions


@pytest.mark.parametrize(
    ("status", "said"),
    [
        ("approved", "Đã duyệt"),
        ("rejected", "Đã từ chối"),
        ("spam", "Đã đánh dấu spam"),
        ("trash", "Đã chuyển vào thùng rác"),
    ],
)
def test_one_post_decides_a_comment_and_logs_it(moderator_client, moderator, article, status, said):
    comment = CommentFactory(article=article, title="Cống thoát nước")
    html = open_queue(moderator_client)
    response = decide(moderator_client, html, comment, status)
    assert response.status_code == 200
    answer = response.json()
    assert (answer["ok"], answer["done"], answer["message"]) == (
        True,
        said,
        f"{said}: “Cống thoát nước”.",
    )
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (status, moderator)
    record = ModerationRecord.objects.get()
    assert (record.from_status, record.to_status, record.comment_ids) == (
        "pending",
        status,
        [comment.pk],
    )
    assert listed_titles(open_queue(moderator_client)) == []


@pytest.mark.parametrize("status", ["", "pending", "deleted", "APPROVED", "x" * 500])
def test_an_unknown_decision_is_refused(moderator_client, article, status):
    comment = CommentFactory(article=article)
    response = decide(moderator_client, open_queue(moderator_client), comment, status)
    assert response.status_code == 400
    assert response.json()["error"] == "Quyết định không hợp lệ."
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_a_comment_deleted_meanwhile_is_reported(moderator_client, editor, article):
    comment = CommentFactory(article=article)
    html = open_queue(moderator_client)
    decided = decide(moderator_client, html, comment, "trash").json()
    Comment.objects.filter(pk=comment.pk).delete()  # an editor empties the trash
    for response in (
        decide(moderator_client, html, comment, "spam"),
        send_reply(moderator_client, html, comment, {"text": "Chào bạn"}),
        undo(moderator_client, html, decided),
    ):
        assert response.status_code == 404
        assert response.json()["error"] == "Bình luận này không còn nữa (đã bị xóa hẳn)."


@pytest.mark.parametrize("named_as", ["", "abc", "-1", "1.5", "99999999999999999999", "١"])
def test_a_comment_named_wrongly_is_a_404(moderator_client, article, named_as):
    CommentFactory(article=article)
    html = open_queue(moderator_client)
    for kind in ("decide", "reply"):
        data = {"binh_luan": named_as, "status": "spam", "text": "Chào bạn"}
        assert post(moderator_client, html, address(html, kind), data).status_code == 404
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_a_decision_on_a_comment_a_colleague_decided_first_says_who_and_what(
    moderator_client, colleague, article
):
    comment = CommentFactory(article=article)
    html = open_queue(moderator_client)  # the comment waits on this moderator's screen
    decided_at = timezone.make_aware(timezone.datetime(2026, 3, 2, 10, 3))
    with time_machine.travel(decided_at, tick=False):
        moderation.approve(Comment.objects.filter(pk=comment.pk), colleague)
    response = decide(moderator_client, html, comment, "rejected")
    assert response.status_code == 409
    assert response.json()["error"] == (
        "Lê Văn Chính đã chuyển bình luận này sang “Đã duyệt” lúc 10:03 02/03/2026. "
        "Quyết định của bạn không được thực hiện."
    )
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (Comment.Status.APPROVED, colleague)
    assert ModerationRecord.objects.count() == 1


def test_a_comment_the_screening_moved_to_spam_is_reported_without_a_name(
    moderator_client, article
):
    comment = CommentFactory(article=article)
    html = open_queue(moderator_client)
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.SPAM)
    response = decide(moderator_client, html, comment, "approved")
    assert response.status_code == 409
    assert response.json()["error"] == (
        "Bình luận này đang ở trạng thái “Spam”. Quyết định của bạn không được thực hiện."
    )


@pytest.mark.django_db(transaction=True)
def test_two_moderators_deciding_at_once_get_one_decision_and_one_refusal(moderator, colleague):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race this guards against needs PostgreSQL")
    comment = CommentFactory()
    browsers = []
    for user in (moderator, colleague):
        browser = Client()
        browser.force_login(user)
        browsers.append((browser, open_queue(browser)))
    start, answers = threading.Barrier(2), []

    def decide_now(browser, html, status):
        start.wait()
        try:
            answers.append(decide(browser, html, comment, status).status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide_now, args=(*browsers[0], "approved")),
        threading.Thread(target=decide_now, args=(*browsers[1], "spam")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(answers) == [200, 409]
    assert ModerationRecord.objects.count() == 1
    record = ModerationRecord.objects.get()
    assert Comment.objects.get().status == record.to_status


# Undo


def test_undo_puts_the_comment_back_in_the_queue(moderator_client, moderator, article):
    comment = CommentFactory(article=article, title="Hỏi cấp phép xây dựng")
    html = open_queue(moderator_client)
    decided = decide(moderator_client, html, comment, "spam").json()
    response = undo(moderator_client, html, decided)
    assert response.status_code == 200
    assert response.json()["message"] == "Đã hoàn tác: “Hỏi cấp phép xây dựng” trở lại hàng chờ."
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert list(
        ModerationRecord.objects.order_by("pk").values_list("from_status", "to_status")
    ) == [
        ("pending", "spam"),
        ("spam", "pending"),
    ]
    assert listed_titles(open_queue(moderator_client)) == ["Hỏi cấp phép xây dựng"]
    # Once: the same undo again finds the comment changed since.
    assert undo(moderator_client, html, decided).status_code == 409


def test_undo_is_refused_once_a_colleague_changed_the_comment(moderator_client, colleague, article):
    comment = CommentFactory(article=article)
    html = open_queue(moderator_client)
    decided = decide(moderator_client, html, comment, "approved").json()
    moderation.trash(Comment.objects.filter(pk=comment.pk), colleague)
    response = undo(moderator_client, html, decided)
    assert response.status_code == 409
    error = response.json()["error"]
    assert error.startswith("Lê Văn Chính đã chuyển bình luận này sang “Thùng rác” lúc ")
    assert error.endswith("Hoàn tác không được thực hiện.")
    assert Comment.objects.get().status == Comment.Status.TRASH


def test_undo_is_refused_after_the_same_moderator_decided_again(moderator_client, article):
    comment = CommentFactory(article=article)
    html = open_queue(moderator_client)
    first = decide(moderator_client, html, comment, "approved").json()
    undo(moderator_client, html, first)
    decide(moderator_client, html, comment, "rejected")
    response = undo(moderator_client, html, first)
    assert response.status_code == 409
    assert Comment.objects.get().status == Comment.Status.REJECTED


def test_an_undo_made_for_someone_else_or_forged_is_refused(moderator_client, colleague, article):
    comment = CommentFactory(article=article)
    html = open_queue(moderator_client)
    decided = decide(moderator_client, html, comment, "approved").json()
    theirs = Client()
    theirs.force_login(colleague)
    for client, value in (
        (theirs, decided["undo"]),  # not their decision
        (moderator_client, decided["undo"] + "x"),
        (moderator_client, decided["undo"].replace(":", ";", 1)),
        (moderator_client, ""),
        (moderator_client, json.dumps({"pk": comment.pk, "was": "pending"})),
    ):
        response = post(client, html, address(html, "undo"), {"undo": value})
        assert response.status_code == 400
        assert response.json()["error"] == "Yêu cầu hoàn tác không hợp lệ. Hãy tải lại trang."
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.APPROVED


# Reply


def test_reply_and_approve_in_one_step(moderator_client, moderator, article):
    comment = CommentFactory(article=article, title="Giờ tiếp dân")
    office = Office.objects.create(name="UBND phường Long Biên")
    html = open_queue(moderator_client)
    assert reply_fields(html, {})["published"] == "on"  # ticked as the box opens
    answer = {"text": "Phường tiếp dân sáng thứ bảy, 8 giờ đến 11 giờ.", "office": str(office.pk)}
    response = send_reply(moderator_client, html, comment, answer)
    assert response.status_code == 200
    assert response.json()["message"] == "Đã duyệt và trả lời: “Giờ tiếp dân”."
    reply = Reply.objects.get()
    assert (reply.comment, reply.office, reply.written_by, reply.published) == (
        comment,
        office,
        moderator,
        True,
    )
    assert reply.text == "Phường tiếp dân sáng thứ bảy, 8 giờ đến 11 giờ."
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (Comment.Status.APPROVED, moderator)
    assert ModerationRecord.objects.get().to_status == "approved"


def test_reply_edits_the_existing_answer_and_undo_keeps_it(
    moderator_client, moderator, editor, article
):
    comment = CommentFactory(article=article)
    Reply.objects.create(comment=comment, text="Bản nháp.", written_by=editor)
    html = open_queue(moderator_client)
    answer = send_reply(moderator_client, html, comment, {"text": "Bản cuối."}).json()
    reply = Reply.objects.get()
    assert (reply.text, reply.written_by, reply.edited_by) == ("Bản cuối.", editor, moderator)
    undo(moderator_client, html, answer)
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert Reply.objects.get().text == "Bản cuối."


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"text": ""}, "text", "Hãy nhập nội dung trả lời."),
        ({"text": " \n\u200b "}, "text", "Hãy nhập nội dung trả lời."),
        (
            {"text": "à" * 3001},
            "text",
            "Nội dung trả lời dài tối đa 3000 ký tự (bạn đã nhập 3001).",
        ),
        ({"text": "Chào bạn", "office": "999"}, "office", None),
        ({"text": "Chào bạn", "office": "abc"}, "office", None),
    ],
)
def test_a_reply_with_mistakes_comes_back_in_vietnamese_and_stores_nothing(
    moderator_client, article, changes, field, error
):
    comment = CommentFactory(article=article)
    html = open_queue(moderator_client)
    response = send_reply(moderator_client, html, comment, changes)
    assert response.status_code == 400
    answer = response.json()
    assert answer["error"] == "Chưa gửi được câu trả lời: hãy sửa các lỗi bên dưới."
    assert list(answer["errors"]) == [field]
    if error:
        assert answer["errors"][field] == [error]
    else:
        assert answer["errors"][field][0].startswith("Hãy chọn")  # Django's Vietnamese
    assert not Reply.objects.exists() and not ModerationRecord.objects.exists()
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_a_reply_to_a_comment_a_colleague_rejected_is_refused(moderator_client, colleague, article):
    comment = CommentFactory(article=article)
    html = open_queue(moderator_client)
    moderation.reject(Comment.objects.filter(pk=comment.pk), colleague)
    response = send_reply(moderator_client, html, comment, {"text": "Cảm ơn bạn."})
    assert response.status_code == 409
    assert "Lê Văn Chính đã chuyển bình luận này sang “Từ chối”" in response.json()["error"]
    assert not Reply.objects.exists()
    assert Comment.objects.get().status == Comment.Status.REJECTED


# Ways in


def test_the_comment_list_and_the_admin_index_link_to_the_queue(moderator_client, article):
    CommentFactory(article=article)
    queue = reverse(QUEUE)
    for page in (reverse("admin:comments_comment_changelist"), reverse("admin:index")):
        assertContains(moderator_client.get(page), f'href="{queue}"')


def test_without_javascript_each_comment_links_to_its_own_page(moderator_client, article):
    comment = CommentFactory(article=article)
    response = moderator_client.get(reverse(QUEUE))
    change = reverse("admin:comments_comment_change", args=[comment.pk])
    assertContains(response, f'<a href="{change}">Mở trang bình luận</a>', html=True)
    # The buttons need the script: hidden until it runs.
    assertContains(response, "data-actions hidden")
    assertNotContains(response, "<script>")
