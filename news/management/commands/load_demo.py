import re
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from news import demo_data, workflow
from news.demo_images import demo_logo, demo_photo
from news.models import (
    Article,
    ArticleEvent,
    ArticlePhoto,
    Author,
    Category,
    DailyViews,
    PortalIdentity,
    Tag,
)
from news.placement import paragraph_starts
from news.roles import EDITORS, EDITORS_IN_CHIEF, MODERATORS, REPORTERS, ensure_roles
from news.text import vietnamese_slugify


class Command(BaseCommand):
    help = (
        "Nạp nội dung mẫu (thông tin trang, chuyên mục, tác giả, bài viết có ảnh). Chạy lại "
        "nhiều lần không tạo bản sao và không ghi đè những gì đã có."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-editor",
            action="store_true",
            help="Tạo hoặc đặt lại mật khẩu các tài khoản mẫu (tổng biên tập, biên tập, phóng "
            "viên, kiểm duyệt).",
        )
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help="Địa chỉ trang đang chạy, in kèm địa chỉ đăng nhập (make run PORT=…).",
        )

    def handle(self, *args, with_editor=False, site_url="http://127.0.0.1:8000", **options):
        with transaction.atomic():
            self._portal()
            categories = self._categories()
            authors = self._authors()
            # Hà Nội time: the demo's hours are local ("Chiều 20/11" at 15:40).
            now = timezone.localtime().replace(second=0, microsecond=0)
            created = 0
            for data in demo_data.ARTICLES:
                created += self._article(data, categories, authors, now, Article.Status.PUBLISHED)
            created += self._article(
                demo_data.DRAFT_ARTICLE, categories, authors, now, Article.Status.DRAFT
            )
            created += self._article(
                demo_data.SCHEDULED_ARTICLE, categories, authors, now, Article.Status.PUBLISHED
            )
            self._tags()
        self.stdout.write(
            self.style.SUCCESS(
                f"Nội dung mẫu: {len(categories)} chuyên mục, {len(authors)} tác giả, "
                f"{created} bài viết mới ({Article.objects.count()} bài trong cơ sở dữ liệu)."
            )
        )
        if with_editor:
            ensure_roles()
            login = site_url.rstrip("/") + reverse("admin:index")
            self._demo_user("tongbientap", "Tổng biên tập", EDITORS_IN_CHIEF, login)
            self._demo_user("bientap", "Biên tập", EDITORS, login)
            reporter = self._demo_user("phongvien", "Phóng viên", REPORTERS, login)
            self._demo_user("kiemduyet", "Kiểm duyệt", MODERATORS, login)
            self._sent_for_review(reporter)

    def _portal(self):
        """Long Biên's name, logo and footer, unless the portal has its own."""
        if PortalIdentity.objects.exists():
            return
        portal = PortalIdentity(**demo_data.PORTAL)
        # Assigned, not logo.save(): assigning measures it, so its size is
        # stored and pages never open the file to find it.
        portal.logo = ContentFile(demo_logo(), name="bieu-trung-long-bien.png")
        portal.save()

    def _categories(self):
        categories = {}
        for data in demo_data.CATEGORIES:
            category, _ = Category.objects.get_or_create(
                slug=data["slug"], defaults={"name": data["name"], "order": data["order"]}
            )
            categories[data["slug"]] = category
        return categories

    def _authors(self):
        authors = {}
        for data in demo_data.AUTHORS:
            author, _ = Author.objects.get_or_create(
                name=data["name"], defaults={"bio": data["bio"]}
            )
            authors[data["name"]] = author
        return authors

    def _article(self, data, categories, authors, now, status):
        """Create one demo article with its photos unless it exists already."""
        slug = vietnamese_slugify(data["title"], max_length=230)
        if Article.objects.filter(slug=slug).exists():
            return 0
        published_at = now - timedelta(days=data["days_ago"])
        published_at = published_at.replace(hour=data["hour"], minute=data["minute"])
        if data["days_ago"] >= 0:
            # "Today" at a later hour would make the article scheduled.
            published_at = min(published_at, now - timedelta(minutes=5))
        article = Article(
            title=data["title"],
            slug=slug,
            source=data["source"],
            lead=_dated_lead(data["lead"], published_at),
            body=data["body"],
            category=categories[data["category"]],
            author=authors[data["author"]],
            status=status,
            published_at=published_at,
        )
        article.save()
        Article.objects.filter(pk=article.pk).update(view_count=data["views"])
        if status == Article.Status.PUBLISHED and 0 <= data["days_ago"] < 7:
            # Reads of the last days, so that "Đọc nhiều nhất" has something to show.
            DailyViews.objects.create(
                article=article, day=timezone.localdate(published_at), views=data["views"]
            )
        paragraphs = len(paragraph_starts(article.body))
        for order, photo in enumerate(data["photos"]):
            image = demo_photo(f"{slug}-{order}", photo["color"])
            item = ArticlePhoto(
                article=article,
                caption=photo["caption"],
                alt_text=photo["alt"],
                credit=photo["credit"],
                order=order,
                # The first stands under the lead; each other one after a
                # paragraph of its own, as an editor places them.
                after_paragraph=min(order, paragraphs - 1) or None if order else None,
            )
            item.image.save(f"{slug[:60]}-{order + 1}.jpg", ContentFile(image), save=False)
            item.save()
        return 1

    def _tags(self):
        for title, names in demo_data.TAGS.items():
            article = Article.objects.filter(title=title).first()
            if article:
                article.tags.add(*(Tag.objects.get_or_create(name=name)[0] for name in names))

    def _demo_user(self, username, first_name, group_name, login):
        password = secrets.token_urlsafe(9)
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.first_name = first_name
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=group_name)])
        self.stdout.write(
            self.style.WARNING(
                f"Tài khoản {group_name.lower()} mẫu: {username} / {password}  "
                f"(đăng nhập tại {login})"
            )
        )
        return user

    def _sent_for_review(self, reporter):
        """The demo draft is the demo reporter's, sent for review, so the
        editor's "Bài chờ duyệt" has an article in it (once: a draft the
        newsroom has since moved on is left as it is)."""
        slug = vietnamese_slugify(demo_data.DRAFT_ARTICLE["title"], max_length=230)
        draft = Article.objects.filter(
            slug=slug, status=Article.Status.DRAFT, created_by=None
        ).first()
        if draft is None or draft.events.exists():
            return
        draft.created_by = reporter
        draft.save(update_fields=["created_by"])
        workflow.move(draft, ArticleEvent.Action.SUBMIT, reporter)


def _dated_lead(lead, published_at):
    """Make "Sáng 24/11, ..." name the day the demo article is published, since
    publish times are set relative to the day the demo is loaded."""
    local = timezone.localtime(published_at)
    return re.sub(r"^(\w+ )?\d{1,2}/\d{1,2}\b", rf"\g<1>{local.day}/{local.month}", lead, count=1)
