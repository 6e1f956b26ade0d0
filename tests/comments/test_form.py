"""The comment form on its own: clean-up, phone numbers, captcha, honeypot."""

import unicodedata
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.forms import (
    CAPTCHA_ALPHABET,
    CommentForm,
    HoneypotField,
    captcha_challenge,
    clean_text,
    normalize_phone,
)
from comments.models import Comment
from tests.comments.helpers import comment_data, new_captcha


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912 345 678", "+84912345678"),
        ("0912.345.678", "+84912345678"),
        ("0912-345-678", "+84912345678"),
        ("0912345678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("+84912345678", "+84912345678"),
        ("+84 (0) 912 345 678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("0084 912 345 678", "+84912345678"),
        ("0345 678 901", "+84345678901"),
        ("0567 890 123", "+84567890123"),
        ("0789 012 345", "+84789012345"),
        ("0868 123 456", "+84868123456"),
        ("024 3872 1234", "+842438721234"),
        ("(024) 3872.1234", "+842438721234"),
        ("+84 24 3872 1234", "+842438721234"),
        ("０９１２ ３４５ ６７８", "+84912345678"),  # full-width digits
    ],
)
def test_vietnamese_phone_numbers_are_stored_normalised(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "12345",
        "0123 456 789",  # the old 01x prefix, retired in 2018
        "0612 345 678",
        "0412 345 678",
        "09123456789",  # one digit too many
        "091234567",  # one digit short
        "+1 202 555 0100",
        "+65 9123 4567",
        "0912 345 678 ext 2",
        "0912345678a",
        "o912345678",
        "٠٩١٢٣٤٥٦٧٨",  # Arabic-Indic digits
        "+84+912345678",
        "0912\x00345678",
    ],
)
def test_anything_but_a_vietnamese_phone_number_is_refused(typed):
    assert normalize_phone(typed) is None


def test_clean_text_removes_nul_bytes_and_control_characters():
    assert clean_text("Hoa\x00 Trần\x07\x1b[31m") == "Hoa Trần[31m"


def test_clean_text_removes_invisible_and_direction_overriding_characters():
    assert clean_text("abc\u202egnp.exe\u200b\ufeff") == "abcgnp.exe"


def test_clean_text_keeps_vietnamese_letters_with_two_marks():
    assert clean_text("Nghệ An, Quảng Ngãi, Đắk Lắk") == "Nghệ An, Quảng Ngãi, Đắk Lắk"


def test_clean_text_composes_decomposed_vietnamese():
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" typed as letter + combining marks
    assert clean_text(decomposed) == "Nguy\u1ec5n"


def test_clean_text_trims_runs_of_combining_marks():
    zalgo = "a" + "\u0301\u0302\u0303\u0304\u0305" * 20 + "b"
    assert clean_text(zalgo) == unicodedata.normalize("NFC", "a\u0301\u0302b")


def test_clean_text_collapses_spaces_and_blank_lines():
    assert clean_text("  Cảm   ơn\t\nphường  ") == "Cảm ơn phường"
    typed = "Dòng một  \r\n\r\n\r\n\r\n  Dòng hai\u2028 tiếp\n"
    assert clean_text(typed, multiline=True) == "Dòng một\n\nDòng hai tiếp"


def test_captcha_challenge_uses_unambiguous_capitals_answered_in_any_case():
    text, answer = captcha_challenge()
    assert len(text) == 5
    assert set(text) <= set(CAPTCHA_ALPHABET)
    assert not set(text) & set("IOQ")
    assert answer == text.lower()


def form_for(article, **fields):
    return CommentForm(
        comment_data(**fields), article=article, ip_address="198.51.100.4", user_agent="UA"
    )


def test_valid_form_stores_a_pending_comment_with_phone_normalised(article):
    form = form_for(article, phone="0912.345.678")
    assert form.is_valid(), form.errors
    comment, created = form.save()
    assert created
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.phone == "+84912345678"
    assert comment.article == article
    assert comment.ip_address == "198.51.100.4"
    assert comment.user_agent == "UA"


def test_markup_is_kept_as_plain_text(article):
    form = form_for(article, title="<b>Đậm</b>", content="<script>alert(1)</script> & <i>x</i>")
    assert form.is_valid(), form.errors
    comment, _ = form.save()
    assert comment.title == "<b>Đậm</b>"
    assert comment.content == "<script>alert(1)</script> & <i>x</i>"


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("name", "Hãy nhập họ tên."),
        ("title", "Hãy nhập tiêu đề."),
        ("content", "Hãy nhập nội dung bình luận."),
        ("captcha_1", "Hãy nhập mã xác nhận trong ảnh."),
    ],
)
def test_missing_required_field_has_a_vietnamese_message(article, field, message):
    form = form_for(article, **{field: "   "})
    assert not form.is_valid()
    error_field = "captcha" if field.startswith("captcha") else field
    assert form.errors[error_field] == [message]


def test_phone_is_optional(article):
    form = form_for(article, phone="")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == ""


def test_invalid_phone_has_a_vietnamese_message(article):
    form = form_for(article, phone="12345")
    assert not form.is_valid()
    assert form.errors["phone"][0].startswith("Số điện thoại không hợp lệ.")


@pytest.mark.parametrize(
    ("field", "limit", "message"),
    [
        ("name", 80, "Họ tên dài tối đa 80 ký tự (bạn đã nhập 81)."),
        ("title", 150, "Tiêu đề dài tối đa 150 ký tự (bạn đã nhập 151)."),
        ("content", 3000, "Nội dung bình luận dài tối đa 3000 ký tự (bạn đã nhập 3001)."),
    ],
)
def test_overlong_field_is_refused_with_its_limit(article, field, limit, message):
    assert form_for(article, **{field: "ă" * limit}).is_valid()
    form = form_for(article, **{field: "ă" * (limit + 1)})
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_huge_field_is_refused_without_cleaning_it_char_by_char(article):
    form = form_for(article, content="x" * 1_000_000)
    assert not form.is_valid()
    assert "bạn đã nhập 1000000" in form.errors["content"][0]


def test_overlong_phone_is_refused(article):
    form = form_for(article, phone="0" * 26)
    assert not form.is_valid()
    assert form.errors["phone"] == ["Số điện thoại quá dài."]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "12345 !!!", "Họ tên phải có chữ cái."),
        ("title", "?!?", "Tiêu đề phải có chữ hoặc số."),
        ("content", "… — …", "Nội dung phải có chữ hoặc số."),
        ("name", "\u200b\u200b", "Hãy nhập họ tên."),
        ("title", "\x00\x00", "Hãy nhập tiêu đề."),
    ],
)
def test_text_without_words_is_refused(article, field, value, message):
    form = form_for(article, **{field: value})
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_correct_captcha_is_accepted_in_any_case_and_then_gone(article):
    key, answer = new_captcha()
    form = form_for(article, captcha=(key, f"  {answer.upper()} "))
    assert form.is_valid(), form.errors
    assert not CaptchaStore.objects.filter(hashkey=key).exists()


WRONG_CAPTCHA = "Mã xác nhận không đúng hoặc đã hết hạn. Hãy nhập mã mới."


def test_wrong_captcha_is_refused_and_cannot_be_tried_again(article):
    key, answer = new_captcha()
    form = form_for(article, captcha=(key, "zzzzz"))
    assert not form.is_valid()
    assert form.errors["captcha"] == [WRONG_CAPTCHA]
    retry = form_for(article, captcha=(key, answer))
    assert not retry.is_valid()
    assert retry.errors["captcha"] == [WRONG_CAPTCHA]


def test_used_captcha_cannot_be_replayed(article):
    captcha = new_captcha()
    assert form_for(article, captcha=captcha).is_valid()
    replay = form_for(article, captcha=captcha)
    assert not replay.is_valid()
    assert replay.errors["captcha"] == [WRONG_CAPTCHA]


def test_expired_captcha_is_refused(article):
    key, answer = new_captcha()
    CaptchaStore.objects.filter(hashkey=key).update(
        expiration=timezone.now() - timedelta(seconds=1)
    )
    form = form_for(article, captcha=(key, answer))
    assert not form.is_valid()
    assert form.errors["captcha"] == [WRONG_CAPTCHA]


@pytest.mark.parametrize(
    "key",
    ["not-a-key", "a" * 41, "A" * 40, "\x00" * 40, "'; DROP TABLE captcha_captchastore; --"],
)
def test_malformed_captcha_key_is_refused_without_touching_the_store(article, key):
    form = form_for(article, captcha=(key, "abcde"))
    with CaptureQueriesContext(connection) as queries:
        assert not form.is_valid()
    assert form.errors["captcha"] == [WRONG_CAPTCHA]
    assert form.is_tampered()
    assert not [q for q in queries if "captcha_captchastore" in q["sql"]]


def test_captcha_answer_with_nul_bytes_is_refused(article):
    key, answer = new_captcha()
    form = form_for(article, captcha=(key, answer + "\x00"))
    assert not form.is_valid()
    assert form.errors["captcha"] == [WRONG_CAPTCHA]


def test_filled_honeypot_marks_the_form_as_tampered(article):
    form = form_for(article, website="http://spam.example")
    assert form.is_tampered()
    assert not form.is_valid()


def test_form_as_people_fill_it_is_not_tampered(article):
    assert not form_for(article).is_tampered()


def test_honeypot_is_not_named_like_the_phone_field():
    form = CommentForm()
    honeypots = [name for name, field in form.fields.items() if isinstance(field, HoneypotField)]
    assert honeypots == ["website"]
    for word in ("phone", "tel", "dien_thoai", "sdt"):
        assert word not in honeypots[0]
    assert "điện thoại" not in form.fields["website"].label.lower()
    assert form.fields["website"].widget.attrs.get("autocomplete") == "off"


def test_fields_are_in_the_order_of_the_old_page():
    assert list(CommentForm().fields)[:5] == ["name", "phone", "title", "content", "captcha"]


def test_two_identical_posts_validated_together_store_one_comment(article):
    # What happens when a double click sends both posts before either is stored.
    first, second = form_for(article), form_for(article)
    assert first.is_valid() and second.is_valid()
    assert first.resubmission() is None and second.resubmission() is None
    comment, created = first.save()
    repeat, created_again = second.save()
    assert (created, created_again) == (True, False)
    assert repeat == comment
    assert Comment.objects.count() == 1
