"""Personal data of commenters (Decree 13/2023/NĐ-CP): the form says what the
phone number is for and how long it is kept; purge_personal_data keeps that
promise."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone
from pytest_django.asserts import assertContains

from comments.models import Comment
from tests.factories import CommentFactory

NOW = timezone.make_aware(datetime(2026, 11, 24, 14, 38))


def test_form_says_what_the_phone_number_is_for_and_how_long_it_is_kept(client, article):
    response = client.get(article.get_absolute_url())
    assertContains(
        response,
        '<p class="form-field__help" id="id_phone_helptext">Không bắt buộc. Ban biên tập chỉ '
        "dùng số này để gọi điện xác minh bình luận khi cần, không bao giờ công khai, và xóa "
        "sau 365 ngày. Ví dụ: 0912 345 678.</p>",
        html=True,
    )
    assertContains(response, "lưu kèm bình luận địa chỉ IP và tên trình duyệt của bạn")
    assertContains(response, "chúng được xóa sau 365 ngày, cùng số điện thoại.")


def test_form_states_the_configured_retention(client, article, settings):
    settings.COMMENTS_PERSONAL_DATA_DAYS = 90
    response = client.get(article.get_absolute_url())
    assertContains(response, "không bao giờ công khai, và xóa sau 90 ngày.")
    assertContains(response, "chúng được xóa sau 90 ngày, cùng số điện thoại.")


def comment_sent(days_ago, **fields):
    return CommentFactory(submitted_at=NOW - timedelta(days=days_ago), **fields)


def purge(*args):
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


def has_personal_data(comment):
    comment.refresh_from_db()
    return (comment.phone, comment.ip_address, comment.user_agent) != ("", None, "")


@pytest.mark.django_db
def test_old_comments_lose_phone_ip_and_browser_and_keep_everything_else(moderator):
    old = comment_sent(400, status=Comment.Status.APPROVED, moderated_by=moderator)
    just_old_enough = CommentFactory(submitted_at=NOW - timedelta(days=365, seconds=1))
    recent = comment_sent(364)
    before = Comment.objects.values("name", "title", "content", "status", "moderated_by")
    before = {row.pop("name"): row for row in before}

    output = purge()

    for comment in (old, just_old_enough):
        comment.refresh_from_db()
        assert (comment.phone, comment.ip_address, comment.user_agent) == ("", None, "")
    assert has_personal_data(recent)
    after = Comment.objects.values("name", "title", "content", "status", "moderated_by")
    assert {row.pop("name"): row for row in after} == before
    assert output == (
        "Đã xóa số điện thoại, địa chỉ IP và tên trình duyệt của 2 bình luận "
        "gửi trước 14:38 24/11/2025 (quá 365 ngày).\n"
    )


@pytest.mark.django_db
def test_purge_is_one_update_and_a_second_run_changes_nothing(django_assert_num_queries):
    comments = [comment_sent(500), comment_sent(800, phone=""), comment_sent(400, ip_address=None)]
    with django_assert_num_queries(1):
        assert "của 3 bình luận" in purge()
    assert not any(has_personal_data(comment) for comment in comments)
    assert "của 0 bình luận" in purge()


@pytest.mark.django_db
def test_days_come_from_the_setting_or_the_option(settings):
    settings.COMMENTS_PERSONAL_DATA_DAYS = 30
    month_old, week_old = comment_sent(31), comment_sent(8)
    assert "(quá 30 ngày)" in purge()
    assert not has_personal_data(month_old)
    assert has_personal_data(week_old)
    assert "của 1 bình luận gửi trước 14:38 17/11/2026 (quá 7 ngày)" in purge("--days", "7")
    assert not has_personal_data(week_old)


@pytest.mark.django_db
def test_dry_run_counts_and_changes_nothing():
    old = comment_sent(400)
    output = purge("--dry-run")
    assert output == (
        "Chạy thử, chưa xóa gì: 1 bình luận gửi trước 14:38 24/11/2025 (quá 365 ngày) "
        "còn số điện thoại, địa chỉ IP và tên trình duyệt.\n"
    )
    assert has_personal_data(old)


@pytest.mark.parametrize("days", ["0", "-5", "mười", "1.5"])
@pytest.mark.django_db
def test_a_wrong_number_of_days_is_refused_in_vietnamese(days):
    old = comment_sent(400)
    with pytest.raises(CommandError, match="không phải số ngày hợp lệ"):
        purge(f"--days={days}")
    assert has_personal_data(old)


@pytest.mark.django_db
def test_a_wrong_setting_is_refused_in_vietnamese(settings):
    settings.COMMENTS_PERSONAL_DATA_DAYS = 0
    old = comment_sent(400)
    with pytest.raises(CommandError, match="COMMENTS_PERSONAL_DATA_DAYS phải là số ngày"):
        purge()
    assert has_personal_data(old)
