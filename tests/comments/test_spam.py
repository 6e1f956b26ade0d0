"""Comments carrying links, phone numbers, e-mail addresses or blocked words
wait with a visible reason; obvious spam goes straight to Spam (comments.spam)."""

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from comments import spam
from comments.models import BlockedPhrase, Comment, ModerationRecord
from tests.comments.helpers import captcha_in, post_comment
from tests.factories import CommentFactory

AWAITING = "Bình luận đã được gửi và đang chờ ban biên tập duyệt."
CHANGELIST = "admin:comments_comment_changelist"
BLOCKED_ADD = "admin:comments_blockedphrase_add"


def post_as_reader(client, article, **fields):
    """Open the article, fill in the form with the captcha its picture
    shows, and send it, as a reader's browser does."""
    page = client.get(article.get_absolute_url())
    return post_comment(client, article, captcha=captcha_in(page.content, client), **fields)


def reason_cell(reasons):
    return f'<td class="field-held_reasons">{reasons}</td>'


# Held with a reason, through the real posting flow


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("Xem thêm tại https://vaytien.example/uu-dai nhé.", "Có liên kết"),
        ("Chi tiết ở zalo.me/vaynhanh", "Có liên kết"),
        ("Vay tiền nhanh, lãi thấp. Zalo 0999 123 456", "Có số điện thoại"),
        ("Cần thợ sửa điện gọi +84 912.345.678", "Có số điện thoại"),
        ("Gửi hồ sơ về hotro.vay@gmail.com để được duyệt", "Có địa chỉ e-mail"),
    ],
    ids=["url", "bare-domain", "loan-advert-phone", "international-phone", "email"],
)
def test_a_comment_with_a_link_phone_or_email_waits_with_its_reason_in_the_queue(
    client, moderator_client, article, content, reason
):
    response = post_as_reader(client, article, title="Thông tin hữu ích", content=content)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_for == [reason]
    queue = moderator_client.get(reverse(CHANGELIST))
    assertContains(queue, "Thông tin hữu ích")
    assertContains(queue, reason_cell(reason), html=True)


def test_every_reason_is_kept_and_shown_in_the_queue(client, moderator_client, article):
    BlockedPhrase.objects.create(phrase="vay tiền")
    post_as_reader(
        client,
        article,
        title="Vay tiền nhanh",
        content="Xem www.vaynhanh.vn hoặc gọi 0912345678, thư về vay@nhanh.vn",
    )
    comment = Comment.objects.get()
    assert comment.held_for == [
        "Có liên kết",
        "Có số điện thoại",
        "Có địa chỉ e-mail",
        "Từ bị chặn: vay tiền",
    ]
    queue = moderator_client.get(reverse(CHANGELIST))
    assertContains(
        queue,
        reason_cell("Có liên kết · Có số điện thoại · Có địa chỉ e-mail · Từ bị chặn: vay tiền"),
        html=True,
    )


@pytest.mark.parametrize(
    "content",
    [
        "Năm 2026 phường trồng thêm 1.200 cây xanh, từ ngày 01/12/2026 đến 15.01.2027.",
        "Nhà tôi ở số 12 ngõ 34 phố Ngọc Lâm, tổ 05 06, cống tắc từ 09:30 sáng.",
        "Giá vé 2.500.000 đồng, gói 3.5 triệu, tổng 12.500.000.000 đồng là quá cao.",
        "Tôi từ TP.HCM ra, thấy Q.Long Biên sạch đẹp, cây, hoa, ghế đá v.v. đều tốt.",
    ],
    ids=["years-and-dates", "house-numbers-and-times", "prices", "abbreviations"],
)
def test_an_ordinary_comment_is_held_for_nothing(client, moderator_client, article, content):
    # The phone number the form asks for (0912 345 678 here) is private and
    # never published: it holds nothing back.
    post_as_reader(client, article, content=content)
    comment = Comment.objects.get()
    assert comment.held_for == []
    assert comment.status == Comment.Status.PENDING
    queue = moderator_client.get(reverse(CHANGELIST))
    assertContains(queue, reason_cell("-"), html=True)


def test_the_queue_filters_held_comments_and_the_comment_page_says_why(moderator_client):
    held = CommentFactory(title="Bình luận có số", held_for=["Có số điện thoại"])
    CommentFactory(title="Bình luận thường")
    queue = moderator_client.get(reverse(CHANGELIST))
    assertContains(queue, "Bị giữ lại")
    titles = moderator_client.get(reverse(CHANGELIST), {"giu_lai": "co"})
    assertContains(titles, "Bình luận có số")
    assertNotContains(titles, "Bình luận thường")
    titles = moderator_client.get(reverse(CHANGELIST), {"giu_lai": "khong"})
    assertContains(titles, "Bình luận thường")
    assertNotContains(titles, "Bình luận có số")
    page = moderator_client.get(reverse("admin:comments_comment_change", args=[held.pk]))
    assertContains(page, "Lý do giữ lại")
    assertContains(page, "Có số điện thoại")
    assertNotContains(page, 'name="held_for"')


def test_hold_reasons_from_reader_text_are_shown_escaped(moderator_client):
    BlockedPhrase.objects.create(phrase="<b>vay</b>")
    CommentFactory(held_for=["Từ bị chặn: <b>vay</b>"])
    queue = moderator_client.get(reverse(CHANGELIST))
    assertContains(queue, "Từ bị chặn: &lt;b&gt;vay&lt;/b&gt;")
    assertNotContains(queue, "<b>vay</b>")


# Blocked phrases, kept by editors


def test_editors_block_a_phrase_in_the_admin_and_comments_using_it_wait(
    client, editor_client, editor, moderator_client, article
):
    response = editor_client.post(reverse(BLOCKED_ADD), {"phrase": "Vay tiền", "action": "hold"})
    assert response.status_code == 302
    phrase = BlockedPhrase.objects.get()
    assert (phrase.phrase, phrase.folded, phrase.added_by) == ("Vay tiền", "vay tien", editor)
    listed = editor_client.get(reverse("admin:comments_blockedphrase_changelist"))
    assertContains(listed, "Vay tiền")
    assertContains(listed, "bientap")

    post_as_reader(client, article, title="VAY TIEN nhanh trong ngày", content="Lãi thấp.")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_for == ["Từ bị chặn: Vay tiền"]
    queue = moderator_client.get(reverse(CHANGELIST))
    assertContains(queue, reason_cell("Từ bị chặn: Vay tiền"), html=True)


def test_moderators_read_the_blocked_phrases_but_cannot_add_or_change_them(moderator_client):
    phrase = BlockedPhrase.objects.create(phrase="cờ bạc")
    listed = moderator_client.get(reverse("admin:comments_blockedphrase_changelist"))
    assert listed.status_code == 200
    assertContains(listed, "cờ bạc")
    assert moderator_client.get(reverse(BLOCKED_ADD)).status_code == 403
    response = moderator_client.post(reverse(BLOCKED_ADD), {"phrase": "lô đề", "action": "spam"})
    assert response.status_code == 403
    change = reverse("admin:comments_blockedphrase_change", args=[phrase.pk])
    assert moderator_client.post(change, {"phrase": "khác", "action": "spam"}).status_code == 403
    assert list(BlockedPhrase.objects.values_list("phrase", "action")) == [("cờ bạc", "hold")]


@pytest.mark.parametrize("typed", ["VAY TIEN", "vay   tiền", "Vay-tiền!"])
def test_a_phrase_already_blocked_is_refused_with_a_message_and_kept_as_typed(editor_client, typed):
    BlockedPhrase.objects.create(phrase="vay tiền")
    response = editor_client.post(reverse(BLOCKED_ADD), {"phrase": typed, "action": "spam"})
    assert response.status_code == 200
    assertContains(
        response,
        "“vay tiền” đã có trong danh sách từ bị chặn (không phân biệt dấu và chữ hoa).",
    )
    assertContains(response, f'value="{typed}"')
    assert BlockedPhrase.objects.count() == 1


def test_changing_a_phrase_to_another_listed_one_is_refused(editor_client):
    BlockedPhrase.objects.create(phrase="vay tiền")
    other = BlockedPhrase.objects.create(phrase="cờ bạc")
    change = reverse("admin:comments_blockedphrase_change", args=[other.pk])
    response = editor_client.post(change, {"phrase": "Vay Tien", "action": "hold"})
    assertContains(response, "đã có trong danh sách từ bị chặn")
    # Saving a phrase unchanged, or as another spelling of itself, is fine.
    assert editor_client.post(change, {"phrase": "CỜ BẠC", "action": "spam"}).status_code == 302
    other.refresh_from_db()
    assert (other.phrase, other.action) == ("CỜ BẠC", "spam")


@pytest.mark.parametrize("typed", ["!!!", "  ", "…"])
def test_a_phrase_without_letters_is_refused_with_a_message(editor_client, typed):
    response = editor_client.post(reverse(BLOCKED_ADD), {"phrase": typed, "action": "hold"})
    assert response.status_code == 200
    assert not BlockedPhrase.objects.exists()
    message = "Hãy nhập từ hoặc cụm từ." if not typed.strip() else "phải có chữ hoặc số"
    assertContains(response, message)


# Obvious spam goes straight to Spam


@pytest.mark.parametrize(
    ("content", "reasons"),
    [
        (
            "Ưu đãi tại vay1.vn, vay2.vn và https://vay3.example/",
            ["Có liên kết"],
        ),
        ("Chơi lô đề online uy tín", ["Từ bị chặn: lô đề"]),
    ],
    ids=["three-links", "spam-phrase"],
)
def test_obvious_spam_goes_to_spam_logged_by_the_filter_and_announced_to_nobody(
    client,
    moderator_client,
    moderator,
    settings,
    article,
    django_capture_on_commit_callbacks,
    content,
    reasons,
):
    BlockedPhrase.objects.create(phrase="lô đề", action=BlockedPhrase.Action.SPAM)
    settings.COMMENTS_NOTIFY_MODERATORS = True
    moderator.email = "kiemduyet@example.vn"
    moderator.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_as_reader(client, article, content=content)
    # The reader is told what every reader is told.
    assertContains(client.get(response["Location"]), AWAITING, count=1)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert comment.held_for == reasons
    assert comment.moderated_by is None
    record = ModerationRecord.objects.get()
    assert (record.moderator, record.from_status, record.to_status, record.comment_ids) == (
        None,
        "pending",
        "spam",
        [comment.pk],
    )
    assert mail.outbox == []
    assert comment.title not in moderator_client.get(reverse(CHANGELIST)).content.decode()
    log = moderator_client.get(reverse("admin:comments_moderationrecord_changelist"))
    assertContains(log, "Bộ lọc tự động")


def test_a_held_comment_that_is_not_spam_is_announced_to_moderators(
    client, moderator, settings, article, django_capture_on_commit_callbacks
):
    settings.COMMENTS_NOTIFY_MODERATORS = True
    moderator.email = "kiemduyet@example.vn"
    moderator.save()
    with django_capture_on_commit_callbacks(execute=True):
        post_as_reader(client, article, content="Hai trang: a.vn và b.vn")
    assert Comment.objects.get().held_for == ["Có liên kết"]
    assert len(mail.outbox) == 1


def test_a_double_submitted_spam_comment_is_stored_and_logged_once(
    client, article, django_capture_on_commit_callbacks
):
    BlockedPhrase.objects.create(phrase="lô đề", action=BlockedPhrase.Action.SPAM)
    page = client.get(article.get_absolute_url())
    captcha = captcha_in(page.content, client)
    for _ in range(2):
        response = post_comment(client, article, captcha=captcha, content="Lô đề uy tín")
        assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.SPAM
    assert ModerationRecord.objects.count() == 1


# The rules themselves


def reasons(*texts):
    return spam.screen(*texts).reasons


@pytest.mark.parametrize(
    "number",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "091-234-5678",
        "0912 34 56 78",
        "+84 912 345 678",
        "+84912345678",
        "(+84) 912 345 678",
        "+84 (0) 912 345 678",
        "0084 912 345 678",
        "84912345678",
        "024 3827 1234",
        "(024) 3827 1234",
        "0236.3822.123",
        "0 9 9 9 1 2 3 4 5 6",
        "０９１２３４５６７８",
    ],
)
def test_phone_numbers_in_every_spelling_readers_use_are_found(db, number):
    assert reasons("Bạn đọc", "Liên hệ", f"Gọi {number} nhé") == ("Có số điện thoại",)
    assert reasons("Bạn đọc", "Liên hệ", f"Zalo{number}") == ("Có số điện thoại",)


@pytest.mark.parametrize(
    "text",
    [
        "Năm 2026, năm 2020 2021 2022",
        "Ngày 01/12/2026, ngày 01.12.2026, từ 2024-2026",
        "Ngày 05.06.2026 09 giờ, lúc 09:30",
        "Số 12 ngõ 34 ngách 56, tổ 05 06 07 08 09",
        "2.500.000 đồng, 3.500.000.000 đồng, 84.000.000.000 đồng, 0,5 triệu",
        "Số tài khoản 0351000123456, CCCD 001234567890",
    ],
)
def test_years_dates_times_house_numbers_amounts_and_ids_are_not_phone_numbers(db, text):
    assert reasons("Bạn đọc", "Ý kiến", text) == ()


@pytest.mark.parametrize(
    "link",
    [
        "http://vay.example",
        "https://vay.vn/uu-dai?x=1",
        "www.vaynhanh.info",
        "example.com",
        "abc.vn",
        "ABC.COM.VN",
        "zalo.me/0999",
        "bit.ly/abc",
        "t.me/vaynhanh",
        "vaynhanh[.]com",
        "vaynhanh chấm com",
    ],
)
def test_links_in_every_form_are_found(db, link):
    assert reasons("Bạn đọc", "Ý kiến", f"Xem {link} nhé") == ("Có liên kết",)


@pytest.mark.parametrize(
    "text",
    [
        "Cây, hoa, ghế đá v.v. đều tốt",
        "Tôi ở TP.HCM và Q.Long Biên, P.Bồ Đề",
        "Điểm 3.5, giá 2.500.000",
        "Hết.Cơm ngon",
        "Đội U.23 thắng",
    ],
)
def test_abbreviations_and_numbers_are_not_links(db, text):
    assert reasons("Bạn đọc", "Ý kiến", text) == ()


def test_an_email_address_is_not_also_counted_as_a_link(db):
    screening = spam.screen("Bạn đọc", "Ý kiến", "Thư về a@vay.vn, b@vay.vn hoặc c@vay.vn")
    assert screening.reasons == ("Có địa chỉ e-mail",)
    assert not screening.spam


def test_two_links_are_held_and_three_are_spam(db):
    assert not spam.screen("A", "B", "a.vn b.vn").spam
    assert spam.screen("A", "B", "a.vn b.vn c.vn").spam
    assert spam.screen("a.vn", "b.vn", "c.vn").spam


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("vay tien", "Vay tiền nhanh", True),
        ("Vay tiền", "VAY TIEN NHANH", True),
        ("vay tiền", "vay-tiền!", True),
        ("an", "Cái bàn này", False),
        ("an", "An toàn giao thông", True),
        ("vay tien", "vay tienich", False),
        ("lô đề", "Lo de", True),
    ],
)
def test_blocked_phrases_match_whole_words_without_case_or_diacritics(db, phrase, text, found):
    BlockedPhrase.objects.create(phrase=phrase)
    assert (f"Từ bị chặn: {phrase}" in reasons("Bạn đọc", "Ý kiến", text)) is found


def test_a_blocked_phrase_does_not_run_from_the_title_into_the_content(db):
    BlockedPhrase.objects.create(phrase="vay tiền")
    assert reasons("Bạn đọc", "Muốn vay", "Tiền đâu ra") == ()
    assert reasons("Bạn đọc", "Muốn vay tiền", "Không") == ("Từ bị chặn: vay tiền",)


def test_screening_reads_the_blocked_phrases_once(db, django_assert_num_queries):
    for word in ("vay tiền", "lô đề", "cờ bạc", "cá độ"):
        BlockedPhrase.objects.create(phrase=word)
    with django_assert_num_queries(1):
        screening = spam.screen("Vay tiền", "Lô đề", "Cờ bạc, cá độ")
    assert len(screening.reasons) == 4
