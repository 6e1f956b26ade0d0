"""Demo comments for the demo articles (`load_demo` first): answered ones on
the public pages, and a moderation queue with work in it."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from comments import demo_data, moderation, spam
from comments.forms import normalize_phone
from comments.models import BlockedPhrase, Comment, Office, Reply
from news.models import Article

DEMO_MODERATOR = "kiemduyet"  # load_demo --with-editor


class Command(BaseCommand):
    help = (
        "Thêm bình luận, câu trả lời, đơn vị trả lời và từ bị chặn mẫu cho các bài mẫu "
        "(chạy sau load_demo). Chạy lại không tạo bản trùng."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        # Demo decisions are signed by load_demo's moderator when there is one.
        moderator = get_user_model().objects.filter(username=DEMO_MODERATOR).first()
        with transaction.atomic():
            offices = {
                name: Office.objects.get_or_create(name=name)[0] for name in demo_data.OFFICES
            }
            for phrase, action in demo_data.BLOCKED:
                if not BlockedPhrase.objects.filter(phrase=phrase).exists():
                    BlockedPhrase.objects.create(phrase=phrase, action=action)
            articles = {a.title: a for a in Article.objects.filter(title__in=_titles())}
            created = 0
            for number, data in enumerate(demo_data.COMMENTS):
                article = articles.get(data["article"])
                if (
                    article is None
                    or Comment.objects.filter(article=article, title=data["title"]).exists()
                ):
                    continue
                self._comment(data, number, article, offices, moderator, now)
                created += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Bình luận mẫu: {created} bình luận mới, "
                f"{Comment.objects.pending().count()} bình luận đang chờ duyệt."
            )
        )

    def _comment(self, data, number, article, offices, moderator, now):
        screening = spam.screen(data["name"], data["title"], data["content"])
        comment = Comment.objects.create(
            article=article,
            name=data["name"],
            phone=normalize_phone(data["phone"]) or "",
            title=data["title"],
            content=data["content"],
            submitted_at=_submitted_at(data, number, article, now),
            # One address per demo reader, from the documentation range.
            ip_address=f"198.51.100.{10 + number}",
            held_for=list(screening.reasons),
        )
        one = Comment.objects.filter(pk=comment.pk)
        if screening.spam:
            moderation.moderate(one, Comment.Status.SPAM, None)
        elif data["status"] != Comment.Status.PENDING:
            moderation.moderate(one, data["status"], moderator)
        if "reply" in data:
            office, text = data["reply"]
            Reply.objects.create(
                comment=comment, office=offices.get(office), text=text, written_by=moderator
            )


def _submitted_at(data, number, article, now):
    """`hours_ago` before now, but never before the article was published:
    a reader answers what they have read."""
    wanted = now - timedelta(hours=data["hours_ago"])
    earliest = article.published_at + timedelta(minutes=10 + (number % 7) * 13)
    return min(max(wanted, earliest), now)


def _titles():
    return {data["article"] for data in demo_data.COMMENTS}
