"""The portal answers readers in public: a reply under the comment, signed by
the editorial board or an office, written on the comment's admin page."""

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from comments.models import Comment, ModerationRecord, Office, Reply
from tests.factories import CommentFactory
from tests.forms import form_values


def change_url(comment):
    return reverse("admin:comments_comment_change", args=[comment.pk])


def save_comment_page(client, comment, changes):
    """Open the comment's admin page, type `changes` over what it shows and
    press "Lưu", as a moderator or editor would."""
    page = client.get(change_url(comment))
    assert page.status_code == 200
    data = form_values(page.content, "comment_form", changes)
    return client.post(change_url(comment), data)


def reply_block(html, comment):
    """The reply shown inside `comment`'s item on the public page, or None."""
    html = html if isinstance(html, str) else html.decode()
    item = re.search(rf'<li class="comment" id="binh-luan-{comment.pk}">(.*?)</li>', html, re.S)
    assert item, f"comment {comment.pk} is not on the page"
    block = re.search(r'<section class="comment__reply".*?</section>', item.group(1), re.S)
    return block.group(0) if block else None


@pytest.fixture
def flood_question(article):
    return CommentFactory(
        article=article,
        title="Đường Ngọc Thụy ngập sau mưa",
        content="Chiều nào mưa to, đoạn trước số 120 cũng ngập nửa bánh xe. "
        "Bao giờ phường khơi cống?",
    )


def test_moderator_approves_and_answers_in_one_save_and_readers_see_the_answer_under_it(
    client, moderator_client, moderator, flood_question, article, django_capture_on_commit_callbacks
):
    # A reader has the page before the answer: the cached page must not outlive it.
    assert "Đường Ngọc Thụy ngập" not in client.get(article.get_absolute_url()).content.decode()
    answer = (
        "Phường đã giao Tổ dân phố 5 khơi thông cống trước ngày 15/12. "
        "Lịch thi công: https://longbien.example.vn/lich-thi-cong"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = save_comment_page(
            moderator_client,
            flood_question,
            {"status": "approved", "reply-0-text": answer},
        )
    assert response.status_code == 302

    reply = Reply.objects.get(comment=flood_question)
    assert reply.written_by == moderator and reply.edited_by is None
    assert Comment.objects.get(pk=flood_question.pk).status == Comment.Status.APPROVED

    for reader in ("first", "second"):  # the second is served what the first left cached
        block = reply_block(client.get(article.get_absolute_url()).content, flood_question)
        assert block is not None, f"{reader} reader does not see the answer"
        assert "Ban biên tập" in block and "Trả lời" in block
        assert "khơi thông cống trước ngày 15/12" in block
        assert (
            '<a href="https://longbien.example.vn/lich-thi-cong" rel="nofollow">'
            "https://longbien.example.vn/lich-thi-cong</a>" in block
        )


def test_an_answer_signed_by_an_office_names_it(
    client, moderator_client, flood_question, article, django_capture_on_commit_callbacks
):
    office = Office.objects.create(name="UBND phường Long Biên")
    Office.objects.create(name="Đội Quản lý trật tự đô thị cũ", active=False)
    page = moderator_client.get(change_url(flood_question)).content.decode()
    assert "UBND phường Long Biên" in page
    assert "Đội Quản lý trật tự đô thị cũ" not in page  # no longer answering
    with django_capture_on_commit_callbacks(execute=True):
        save_comment_page(
            moderator_client,
            flood_question,
            {
                "status": "approved",
                "reply-0-text": "Sẽ khơi cống tuần này.",
                "reply-0-office": str(office.pk),
            },
        )
    block = reply_block(client.get(article.get_absolute_url()).content, flood_question)
    assert "UBND phường Long Biên" in block and "Ban biên tập" not in block


def test_an_answer_to_a_waiting_comment_appears_only_once_the_comment_is_approved(
    client, moderator_client, moderator, flood_question, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save_comment_page(moderator_client, flood_question, {"reply-0-text": "Đã chuyển phường."})
    assert Comment.objects.get(pk=flood_question.pk).status == Comment.Status.PENDING
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Đã chuyển phường." not in page
    with django_capture_on_commit_callbacks(execute=True):
        save_comment_page(moderator_client, flood_question, {"status": "approved"})
    assert "Đã chuyển phường." in reply_block(
        client.get(article.get_absolute_url()).content, flood_question
    )


def test_an_answer_is_plain_text_links_made_safe(
    client, moderator_client, flood_question, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save_comment_page(
            moderator_client,
            flood_question,
            {
                "status": "approved",
                "reply-0-text": '<script>alert(1)</script> <b>đậm</b> javascript:alert(2) "x"',
            },
        )
    block = reply_block(client.get(article.get_absolute_url()).content, flood_question)
    assert "<script>" not in block and "<b>" not in block
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in block
    assert 'href="javascript' not in block


def test_editing_an_answer_keeps_its_author_and_records_who_edited_it(
    client,
    moderator_client,
    moderator,
    editor_client,
    editor,
    flood_question,
    article,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        save_comment_page(
            moderator_client, flood_question, {"status": "approved", "reply-0-text": "Bản đầu."}
        )
    # The editor corrects it; readers see the correction at once.
    client.get(article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        response = save_comment_page(
            editor_client,
            flood_question,
            {"reply-0-text": "Bản đã sửa: cống được khơi ngày 12/12."},
        )
    assert response.status_code == 302
    reply = Reply.objects.get(comment=flood_question)
    assert (reply.written_by, reply.edited_by) == (moderator, editor)
    assert reply.edited_at >= reply.written_at
    block = reply_block(client.get(article.get_absolute_url()).content, flood_question)
    assert "Bản đã sửa" in block and "Bản đầu." not in block and "sửa lúc" in block
    assert Reply.objects.count() == 1


def test_an_unpublished_answer_is_not_shown(
    client, moderator_client, flood_question, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save_comment_page(
            moderator_client,
            flood_question,
            {"status": "approved", "reply-0-text": "Nháp câu trả lời.", "reply-0-published": None},
        )
    assert Reply.objects.filter(comment=flood_question, published=False).exists()
    assert reply_block(client.get(article.get_absolute_url()).content, flood_question) is None


def test_an_editor_answers_but_cannot_change_the_comments_status(editor_client, flood_question):
    page = editor_client.get(change_url(flood_question))
    assertContains(page, 'name="reply-0-text"')
    assertNotContains(page, 'name="status"')
    response = save_comment_page(
        editor_client, flood_question, {"status": "approved", "reply-0-text": "Đã ghi nhận."}
    )
    assert response.status_code == 302
    assert Comment.objects.get(pk=flood_question.pk).status == Comment.Status.PENDING
    assert Reply.objects.get(comment=flood_question).text == "Đã ghi nhận."
    # Nor through the list's actions.
    editor_client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": [flood_question.pk]},
    )
    assert Comment.objects.get(pk=flood_question.pk).status == Comment.Status.PENDING
    assert not ModerationRecord.objects.exists()


def test_a_bad_answer_is_refused_in_vietnamese_and_nothing_is_saved(
    moderator_client, flood_question
):
    long_answer = "Trả lời rất dài. " * 200
    response = save_comment_page(
        moderator_client, flood_question, {"status": "approved", "reply-0-text": long_answer}
    )
    assert response.status_code == 200
    assertContains(response, "Nội dung trả lời dài tối đa 3000 ký tự")
    assertContains(response, "Trả lời rất dài.")  # what was typed is kept
    assert not Reply.objects.exists()
    assert Comment.objects.get(pk=flood_question.pk).status == Comment.Status.PENDING


def test_a_comment_page_without_an_answer_saves_no_empty_one(moderator_client, flood_question):
    response = save_comment_page(moderator_client, flood_question, {"status": "rejected"})
    assert response.status_code == 302
    assert not Reply.objects.exists()


def test_editors_keep_the_offices_and_moderators_only_read_them(editor_client, moderator_client):
    url = reverse("admin:comments_office_add")
    response = editor_client.post(url, {"name": "Công an phường Bồ Đề", "active": "on"})
    assert response.status_code == 302
    assert Office.objects.filter(name="Công an phường Bồ Đề").exists()
    assert moderator_client.post(url, {"name": "Giả mạo", "active": "on"}).status_code == 403
    assert moderator_client.get(reverse("admin:comments_office_changelist")).status_code == 200


def test_the_comment_page_links_to_the_other_comments_of_the_same_reader(moderator_client, article):
    first = CommentFactory(article=article, phone="+84912000111", ip_address="198.51.100.1")
    by_phone = CommentFactory(
        article=article, phone="+84912000111", ip_address="198.51.100.2", status="spam"
    )
    by_address = CommentFactory(article=article, phone="", ip_address="198.51.100.1")
    stranger = CommentFactory(article=article, phone="+84988000222", ip_address="198.51.100.9")

    page = moderator_client.get(change_url(first)).content.decode()
    link = re.search(r'<a href="([^"]+)">2 bình luận khác từ cùng số điện thoại', page)
    assert link, "the link to the reader's other comments is missing"
    listing = moderator_client.get(link.group(1).replace("&amp;", "&")).content.decode()
    shown = {int(pk) for pk in re.findall(r"/comments/comment/(\d+)/change/", listing)}
    assert shown == {by_phone.pk, by_address.pk}
    assert stranger.pk not in shown and first.pk not in shown
    assert "Spam" in listing  # with their statuses


@pytest.mark.parametrize("value", ["abc", "999999", "-1", "1 OR 1=1"])
def test_a_bad_reader_filter_lists_nothing_rather_than_failing(moderator_client, article, value):
    CommentFactory(article=article)
    response = moderator_client.get(
        reverse("admin:comments_comment_changelist"),
        {"cung_nguoi_gui": value, "trang_thai": "tat-ca"},
    )
    assert response.status_code == 200
    assert not re.findall(r"/comments/comment/(\d+)/change/", response.content.decode())


def test_an_office_differing_only_in_case_or_spaces_is_refused_with_what_was_typed(
    editor_client,
):
    Office.objects.create(name="Phòng Quản lý đô thị phường Long Biên")
    response = editor_client.post(
        reverse("admin:comments_office_add"),
        {"name": "  phòng quản lý  đô thị phường long biên ", "active": "on"},
    )
    assert response.status_code == 200
    assertContains(response, "“Phòng Quản lý đô thị phường Long Biên” đã có trong danh sách")
    assertContains(response, "phòng quản lý")
    assert Office.objects.count() == 1


def test_the_comment_page_names_who_moderated_and_answered_without_linking_to_accounts(
    moderator_client, moderator, flood_question, django_capture_on_commit_callbacks
):
    moderator.first_name, moderator.last_name = "Lê Thu", "Hà"
    moderator.save()
    with django_capture_on_commit_callbacks(execute=True):
        save_comment_page(
            moderator_client, flood_question, {"status": "approved", "reply-0-text": "Đã rõ."}
        )
    page = moderator_client.get(change_url(flood_question)).content.decode()
    assert page.count("Lê Thu Hà, ") >= 2  # who moderated, who wrote the answer
    assert reverse("admin:auth_user_change", args=[moderator.pk]) not in page
