import random
import re
import sys
import time
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from news import demo_data, portal, search
from news import text as folding
from news.demo_images import demo_photo
from news.forms import ArticlePhotoForm
from news.models import Article, ArticlePhoto, Author, Category
from news.storage import originals_storage
from news.text import vietnamese_slugify

PLACES = [
    "Bồ Đề", "Gia Thụy", "Ngọc Lâm", "Ngọc Thụy", "Phúc Đồng", "Phúc Lợi", "Sài Đồng",
    "Thạch Bàn", "Thượng Thanh", "Việt Hưng", "Long Biên", "Cự Khối", "Giang Biên", "Đức Giang",
]  # fmt: skip
COMMENT_TEXTS = [
    "Tôi hoan nghênh việc làm này, mong phường duy trì thường xuyên.",
    "Đề nghị phường sớm sửa lại đoạn đường trước cổng trường.",
    "Bài viết rất hữu ích, cảm ơn tòa soạn.",
    "Khu tôi ở vẫn còn tình trạng đổ rác không đúng giờ.",
    "Mong có thêm sân chơi cho trẻ em trong khu dân cư.",
    "Cho tôi hỏi thủ tục này làm trực tuyến ở đâu?",
]
STATUS_WEIGHTS = {"approved": 80, "pending": 10, "rejected": 7, "spam": 3}


class Command(BaseCommand):
    help = (
        "Sinh một bộ dữ liệu lớn để đo hiệu năng (mặc định 100.000 bài viết và 1.000.000 bình "
        "luận ở mọi trạng thái). Chỉ dùng trên cơ sở dữ liệu thử: lệnh chỉ thêm, không xóa."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--comments", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--batch", type=int, default=2000)

    def handle(self, *args, articles, comments, seed, batch, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Lệnh này chỉ chạy với DEBUG bật (cài đặt dev hoặc test), để không làm bẩn "
                "cơ sở dữ liệu thật."
            )
        self.rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        self.paragraphs = [
            p for data in demo_data.ARTICLES for p in re.findall(r"<p>.*?</p>", data["body"])
        ]
        self.leads = [data["lead"] for data in demo_data.ARTICLES]
        self.titles = [data["title"] for data in demo_data.ARTICLES]
        categories = self._categories()
        authors = self._authors()
        images = self._images()
        started = time.monotonic()
        self._articles(articles, batch, categories, authors, images)
        # bulk_create sends no signal to keep the search index in step.
        progress = Progress("Chỉ mục tìm kiếm", Article.objects.count(), self.stderr)
        search.rebuild(progress.advance)
        progress.done()
        self._comments(comments, batch * 5)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã thêm {articles} bài viết và {comments} bình luận trong "
                f"{time.monotonic() - started:.0f} giây."
            )
        )

    def _categories(self):
        for data in demo_data.CATEGORIES:
            Category.objects.get_or_create(slug=data["slug"], defaults=data)
        return list(Category.objects.all())

    def _authors(self):
        for data in demo_data.AUTHORS:
            Author.objects.get_or_create(name=data["name"], defaults=data)
        return list(Author.objects.all())

    def _images(self):
        """A few drawn photos that every generated article refers to."""
        paths = []
        for n, color in enumerate(["#2f6f9f", "#9f5a2f", "#3f8f4f", "#7f3f8f"]):
            name = f"photos/generated/anh-{n}.jpg"
            # Originals, kept with the uploaded ones (news/storage.py).
            if not originals_storage.exists(name):
                originals_storage.save(name, ContentFile(demo_photo(seed=n, color_hex=color)))
            # The renditions pages name, made here: the articles' photos are
            # written in bulk, without the save that makes them for an upload.
            photo = ArticlePhoto(image=name)
            for spec in ArticlePhotoForm.RENDITIONS:
                getattr(photo, spec).generate()
            paths.append(name)
        return paths

    def _articles(self, total, batch, categories, authors, images):
        rng, now = self.rng, timezone.now()
        progress = Progress("Bài viết", total, self.stderr)
        offset = Article.objects.count()  # so that a second run makes new slugs
        source = portal.current().source  # once, not once per article
        for start in range(0, total, batch):
            rows = []
            for n in range(offset + start, offset + min(start + batch, total)):
                place = rng.choice(PLACES)
                title = f"{rng.choice(self.titles)} ({place}, số {n + 1})"
                lead = rng.choice(self.leads)
                body = "\n".join(rng.sample(self.paragraphs, k=rng.randint(3, 6)))
                rows.append(
                    Article(
                        title=title,
                        slug=f"{vietnamese_slugify(title, max_length=200)}-g{n}",
                        source=source,
                        lead=lead,
                        body=body,
                        category=rng.choice(categories),
                        author=rng.choice(authors),
                        status=Article.Status.DRAFT
                        if rng.random() < 0.02
                        else Article.Status.PUBLISHED,
                        published_at=now - timedelta(minutes=rng.randint(10, 5 * 365 * 24 * 60)),
                        view_count=rng.randint(0, 20_000),
                        search_title=folding.document(title),
                        search_document=folding.document(title, lead, folding.html_to_text(body)),
                    )
                )
            with transaction.atomic():
                created = Article.objects.bulk_create(rows)
                photos = [
                    ArticlePhoto(
                        article=article,
                        image=rng.choice(images),
                        width=1200,
                        height=750,
                        caption="Quang cảnh buổi lễ tại trụ sở phường.",
                        alt_text="Đại biểu và người dân dự buổi lễ",
                    )
                    for article in created
                    if rng.random() < 0.7
                ]
                ArticlePhoto.objects.bulk_create(photos)
            progress.advance(len(rows))
        progress.done()

    def _comments(self, total, batch):
        # Imported here: the comments app builds on news, not the reverse.
        from comments.models import Comment

        article_ids = list(Article.objects.values_list("pk", flat=True))
        if not total or not article_ids:
            return

        rng, now = self.rng, timezone.now()
        statuses = list(STATUS_WEIGHTS)
        weights = list(STATUS_WEIGHTS.values())
        progress = Progress("Bình luận", total, self.stderr)
        for start in range(0, total, batch):
            rows = [
                Comment(
                    article_id=rng.choice(article_ids),
                    name=f"Bạn đọc {rng.choice(PLACES)} {n}",
                    phone=f"+8491{rng.randrange(10**7):07d}" if rng.random() < 0.5 else "",
                    title=f"Ý kiến về {rng.choice(PLACES)}",
                    content=rng.choice(COMMENT_TEXTS),
                    status=rng.choices(statuses, weights)[0],
                    submitted_at=now - timedelta(minutes=rng.randint(1, 5 * 365 * 24 * 60)),
                    ip_address=f"203.0.113.{rng.randrange(1, 255)}",
                )
                for n in range(start, min(start + batch, total))
            ]
            for row in rows:  # bulk_create does not call save()
                row.search_text = folding.document(row.name, row.title, row.content)
            Comment.objects.bulk_create(rows)
            progress.advance(len(rows))
        progress.done()


class Progress:
    """A one-line progress bar on a terminal; plain lines otherwise."""

    def __init__(self, label, total, out):
        self.label, self.total, self.out = label, max(total, 1), out
        self.count, self.started = 0, time.monotonic()
        self.tty = sys.stderr.isatty()

    def advance(self, n):
        self.count += n
        share = self.count / self.total
        bar = "#" * int(share * 30)
        line = f"{self.label}: [{bar:<30}] {share:4.0%} {self.count}/{self.total}"
        if self.tty:
            self.out.write(f"\r{line}", ending="")
        elif int(share * 10) != int((self.count - n) / self.total * 10):
            self.out.write(line)

    def done(self):
        elapsed = time.monotonic() - self.started
        end = "\n" if self.tty else ""
        self.out.write(f"{end}{self.label}: xong trong {elapsed:.0f} giây.")
