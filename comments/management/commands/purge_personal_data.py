"""Blank the personal data of old comments, as Decree 13/2023/NĐ-CP on
personal data protection asks: kept no longer than needed for moderation."""

import argparse
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from comments.models import Comment

PERSONAL_DATA = "số điện thoại, địa chỉ IP và tên trình duyệt"


def days_argument(value):
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(
            f"“{value}” không phải số ngày hợp lệ; hãy nhập một số nguyên từ 1 trở lên, ví dụ 365."
        )
    return int(value)


class Command(BaseCommand):
    help = (
        f"Xóa {PERSONAL_DATA} của các bình luận gửi đã quá số ngày cho phép "
        "(COMMENTS_PERSONAL_DATA_DAYS). Họ tên, tiêu đề, nội dung và trạng thái giữ nguyên. "
        "Chạy lại không sao; nên chạy hằng ngày."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=days_argument,
            help="Xóa dữ liệu của bình luận gửi cách đây hơn N ngày "
            "(mặc định: COMMENTS_PERSONAL_DATA_DAYS).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ đếm số bình luận sẽ bị xóa dữ liệu."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = settings.COMMENTS_PERSONAL_DATA_DAYS
            if days < 1:
                raise CommandError("COMMENTS_PERSONAL_DATA_DAYS phải là số ngày từ 1 trở lên.")
        cutoff = timezone.now() - timedelta(days=days)
        comments = Comment.objects.filter(submitted_at__lt=cutoff).filter(
            Q(ip_address__isnull=False) | ~Q(user_agent="") | ~Q(phone="")
        )
        when = date_format(timezone.localtime(cutoff), "H:i d/m/Y")
        since = f"gửi trước {when} (quá {days} ngày)"
        if dry_run:
            self.stdout.write(
                f"Chạy thử, chưa xóa gì: {comments.count()} bình luận {since} còn {PERSONAL_DATA}."
            )
            return
        # One UPDATE. Comments already blanked are not matched: running again
        # changes nothing.
        count = comments.update(ip_address=None, user_agent="", phone="")
        self.stdout.write(
            self.style.SUCCESS(f"Đã xóa {PERSONAL_DATA} của {count} bình luận {since}.")
        )
