import re
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connections, models
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django_ckeditor_5.fields import CKEditor5Field
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit
from solo.models import SingletonModel

from . import text as folding
from .sanitize import sanitize_html
from .storage import get_originals_storage
from .text import vietnamese_slugify


class Category(models.Model):
    name = models.CharField("tên chuyên mục", max_length=100, unique=True)
    slug = models.SlugField(
        "đường dẫn",
        max_length=100,
        unique=True,
        blank=True,
        help_text="Để trống để tạo từ tên chuyên mục. Không đổi sau khi đã có bài đăng.",
    )
    order = models.PositiveSmallIntegerField(
        "thứ tự", default=0, help_text="Số nhỏ đứng trước trên thanh chuyên mục và trang chủ."
    )
    # Folded copy of the name for the admin's search (news/search.py), kept by save().
    search_name = models.TextField(default="", editable=False)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = vietnamese_slugify(self.name, max_length=100)
        self.search_name = folding.document(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})

    def clean(self):
        # A blank slug is made from the name on save; "Văn hóa" and "Van hoa"
        # make the same one, which the unique check on the form cannot see.
        slug = self.slug or vietnamese_slugify(self.name, max_length=100)
        if Category.objects.exclude(pk=self.pk).filter(slug=slug).exists():
            field = "slug" if self.slug else "name"
            message = f"Đường dẫn “{slug}” đã thuộc một chuyên mục khác; hãy nhập đường dẫn khác."
            raise ValidationError({field: message})


class Author(models.Model):
    name = models.CharField(
        "tên ký bài", max_length=100, help_text="Tên in dưới bài viết, ví dụ: Đông Hải."
    )
    bio = models.TextField("giới thiệu", blank=True)
    # Folded copy of the name for the admin's search (news/search.py), kept by save().
    search_name = models.TextField(default="", editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "tác giả"
        verbose_name_plural = "tác giả"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = folding.document(self.name)
        super().save(*args, **kwargs)


class Tag(models.Model):
    """A keyword an editor attaches to articles ("cầu Long Biên", "ngập úng");
    each has a page listing its articles."""

    name = models.CharField("từ khóa", max_length=60, unique=True)
    slug = models.SlugField("đường dẫn", max_length=80, unique=True, blank=True)
    # Folded copy of the name for the admin's search (news/search.py), kept by save().
    search_name = models.TextField(default="", editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "từ khóa"
        verbose_name_plural = "từ khóa"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = vietnamese_slugify(self.name, max_length=80) or "tu-khoa"
        self.search_name = folding.document(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:tag", kwargs={"slug": self.slug})

    def clean(self):
        slug = self.slug or vietnamese_slugify(self.name, max_length=80)
        if Tag.objects.exclude(pk=self.pk).filter(slug=slug).exists():
            raise ValidationError(
                {"name": f"Đã có từ khóa cùng đường dẫn “{slug}”; hãy dùng từ khóa đó."}
            )


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Articles readers may see: published, and their publish time has come.

        This is the one definition of "public" used by views, feeds and tests.
        """
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def scheduled(self, now=None):
        """Published articles whose publish time is still to come, soonest first."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now()
        ).order_by("published_at")

    def newer_than(self, article):
        # The plain bound on published_at lets the index start at the
        # article; the OR alone made PostgreSQL read from the far end
        # (200 ms for an article 10,000 back).
        return (
            self.filter(published_at__gte=article.published_at)
            .filter(
                Q(published_at__gt=article.published_at)
                | Q(published_at=article.published_at, pk__gt=article.pk)
            )
            .order_by("published_at", "pk")
        )

    def older_than(self, article):
        return (
            self.filter(published_at__lte=article.published_at)
            .filter(
                Q(published_at__lt=article.published_at)
                | Q(published_at=article.published_at, pk__lt=article.pk)
            )
            .order_by("-published_at", "-pk")
        )

    def with_comment_count(self):
        """Annotate `comment_count`: the approved comments of each article,
        counted in a subquery so that it combines with any other annotation."""
        # The comment model through its relation: comments.models imports this module.
        comments = self.model._meta.get_field("comments").related_model
        approved = (
            comments.objects.approved()
            .filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(comment_count=Coalesce(Subquery(approved), 0))

    def latest_by_category(self, per_category):
        """The newest public articles of every category, `per_category` each,
        as [(category, [articles])] in menu order, in three queries. Each
        category's articles come from its own small subquery, answered by
        article_category_idx, so the cost stays the same at 100,000 articles
        (a window over every public article took a second there, and ORed
        subqueries made PostgreSQL read the whole table)."""
        categories = list(Category.objects.all())
        if not categories:
            return []
        per_category_ids = [
            self.published()
            .filter(category=category)
            .order_by("-published_at", "-pk")
            .values("pk")[:per_category]
            for category in categories
        ]
        if connections[self.db].features.supports_slicing_ordering_in_compound:
            # PostgreSQL: one UNION ALL of index scans.
            newest = Q(pk__in=per_category_ids[0].union(*per_category_ids[1:], all=True))
        else:
            # SQLite cannot LIMIT inside a UNION; ORed subqueries do there.
            newest = Q()
            for ids in per_category_ids:
                newest |= Q(pk__in=ids)
        articles = (
            self.filter(newest)
            .for_listing()
            .order_by("category__order", "category__name", "-published_at", "-pk")
        )
        blocks = {}
        for article in articles:
            blocks.setdefault(article.category, []).append(article)
        return list(blocks.items())

    def most_read(self, days, count, today=None):
        """The `count` public articles read most in the last `days` days
        (today included), with `recent_views`, from the per-day counts: two
        small queries whatever the number of articles."""
        since = (today or timezone.localdate()) - timedelta(days=days - 1)
        public = self.published()
        top = (
            DailyViews.objects.filter(day__gte=since, article__in=public.values("pk"))
            .values("article")
            .annotate(total=Sum("views"))
            .order_by("-total", "-article")[:count]
        )
        totals = {row["article"]: row["total"] for row in top}
        articles = (
            public.filter(pk__in=totals)
            .select_related("category")
            .only("title", "slug", "published_at", "category__name", "category__slug")
        )
        for article in articles:
            article.recent_views = totals[article.pk]
        return sorted(articles, key=lambda article: (-article.recent_views, -article.pk))

    def for_listing(self):
        """What an article card needs, in a fixed number of queries."""
        return (
            self.select_related("category", "author")
            .prefetch_related(
                models.Prefetch("photos", queryset=ArticlePhoto.objects.order_by("order", "pk"))
            )
            .with_comment_count()
            .defer("search_title", "search_document")
        )


def default_source():
    """The source code a new article's lead begins with: the portal's (one
    small query, made only when an article is created without one)."""
    source = PortalIdentity.objects.values_list("source", flat=True).first()
    return source or PortalIdentity._meta.get_field("source").default


class Article(models.Model):
    class Status(models.TextChoices):
        # Who may move an article from one to another: news/workflow.py.
        DRAFT = "draft", "Bản nháp"
        SUBMITTED = "submitted", "Chờ duyệt"
        RETURNED = "returned", "Trả lại"
        PUBLISHED = "published", "Xuất bản"
        UNPUBLISHED = "unpublished", "Đã gỡ"

    title = models.CharField("tiêu đề", max_length=250)
    slug = models.SlugField(
        "đường dẫn",
        max_length=250,
        unique=True,
        blank=True,
        help_text="Để trống để tạo từ tiêu đề. Nếu sửa, đường dẫn cũ vẫn chuyển về bài này.",
    )
    source = models.CharField(
        "nguồn",
        max_length=20,
        default=default_source,
        help_text="Mã tòa soạn đứng đầu sapo, ví dụ HNP (in ra: “HNP - …”); điền sẵn mã của "
        "trang (Thông tin trang).",
    )
    lead = models.TextField(
        "sapo",
        max_length=1000,
        help_text="Một hoặc hai câu tóm tắt, không gõ mã nguồn ở đầu (hệ thống tự thêm).",
    )
    body = CKEditor5Field("nội dung", config_name="default", blank=True)
    category = models.ForeignKey(
        Category, verbose_name="chuyên mục", on_delete=models.PROTECT, related_name="articles"
    )
    author = models.ForeignKey(
        Author,
        verbose_name="tác giả",
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="Người ký tên cuối bài.",
    )
    status = models.CharField(
        "trạng thái",
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        # Changed only through news.workflow.move, which records who and when.
        editable=False,
        help_text="Bài chỉ hiện với bạn đọc khi ở trạng thái Xuất bản và đã đến giờ đăng.",
    )
    published_at = models.DateTimeField(
        "thời gian đăng",
        default=timezone.now,
        help_text="Giờ Hà Nội. Đặt giờ trong tương lai để hẹn giờ đăng bài.",
    )
    tags = models.ManyToManyField(
        Tag,
        verbose_name="từ khóa",
        related_name="articles",
        blank=True,
        help_text="Vài từ khóa chính của bài (địa danh, sự kiện); bạn đọc bấm vào để xem các bài "
        "cùng từ khóa.",
    )
    allow_comments = models.BooleanField(
        "cho phép bình luận",
        default=True,
        # The admin's form says after how many days (news.forms.ArticleForm).
        help_text="Bỏ chọn để đóng bình luận của bài này.",
    )
    view_count = models.PositiveIntegerField("lượt xem", default=0, editable=False)
    # Folded copies of the text for search (news/search.py), kept by save().
    search_title = models.TextField(default="", editable=False)
    search_document = models.TextField(default="", editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    # The account that wrote the article (not its byline, `author`): a
    # reporter edits only their own. None for articles older than roles.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Set on a "bản sửa": a copy of a live article that editors change,
    # preview and send for approval while readers keep seeing the article;
    # publishing it writes it into the article (news/workflow.py). A copy is
    # never public itself: its status never becomes Xuất bản.
    draft_of = models.ForeignKey(
        "self",
        verbose_name="bản sửa của bài",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="drafts",
    )
    # The article's version (a revision id, news/versions.py) the copy was
    # made from: publishing the copy over a later save is refused.
    draft_base_revision = models.PositiveIntegerField(null=True, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        # Moves between statuses (news/workflow.py); given to roles in news/roles.py.
        permissions = [
            ("submit_article", "Có thể gửi bài chờ duyệt"),
            ("review_article", "Có thể duyệt và trả lại bài"),
            ("publish_article", "Có thể đăng và gỡ bài"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["draft_of"],
                condition=models.Q(draft_of__isnull=False),
                name="article_one_draft_per_article",
            )
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            models.Index(
                fields=["category", "status", "-published_at"], name="article_category_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.search_title = folding.document(self.title)
        self.search_document = folding.document(
            self.title, self.lead, folding.html_to_text(self.body)
        )
        if not self.slug:
            self.slug = self._unique_slug()
        if self.pk:
            self._remember_old_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:article", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug:
            old = ArticleSlug.objects.filter(slug=self.slug).exclude(article_id=self.pk).first()
            if old:
                raise ValidationError(
                    {"slug": "Đường dẫn này từng thuộc một bài khác và vẫn chuyển về bài đó."}
                )

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    def load_media(self):
        """Fetch the photos and tags of this article, once (two queries): a
        page calls it only when it draws them, not when they come from a
        cached fragment."""
        models.prefetch_related_objects(
            [self],
            models.Prefetch("photos", queryset=ArticlePhoto.objects.order_by("order", "pk")),
            "tags",
        )
        return ""

    @property
    def first_photo(self):
        """The lead photo; uses prefetched photos when the queryset has them."""
        photos = list(self.photos.all())
        return photos[0] if photos else None

    def _unique_slug(self):
        base = vietnamese_slugify(self.title, max_length=230) or "bai-viet"
        slug, n = base, 2
        taken = Article.objects.exclude(pk=self.pk)
        while (
            taken.filter(slug=slug).exists()
            or ArticleSlug.objects.filter(slug=slug).exclude(article_id=self.pk).exists()
        ):
            slug, n = f"{base}-{n}", n + 1
        return slug

    def _remember_old_slug(self):
        old = Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        if old and old != self.slug:
            ArticleSlug.objects.update_or_create(slug=old, defaults={"article_id": self.pk})
        ArticleSlug.objects.filter(slug=self.slug).delete()


class ArticleEvent(models.Model):
    """One recorded step in an article's life (news/workflow.py): who did
    what, when. Kept when the article is deleted, with its title as it was."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "Gửi duyệt"
        RETURN = "return", "Trả lại"
        APPROVE = "approve", "Duyệt và đăng"
        PUBLISH = "publish", "Đăng bài"
        UNPUBLISH = "unpublish", "Gỡ bài"
        DELETE = "delete", "Xóa bài"
        RESTORE = "restore", "Khôi phục phiên bản"
        # A change of a live article made aside (news/workflow.py, "bản sửa").
        DRAFT_LIVE = "draft_live", "Tạo bản sửa"
        APPLY_DRAFT = "apply_draft", "Đăng bản sửa"
        DISCARD_DRAFT = "discard_draft", "Bỏ bản sửa"

    article = models.ForeignKey(
        Article,
        verbose_name="bài viết",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    article_title = models.CharField("tiêu đề bài", max_length=250)
    action = models.CharField("việc", max_length=20, choices=Action.choices)
    from_status = models.CharField(
        "từ trạng thái", max_length=20, choices=Article.Status.choices, blank=True
    )
    to_status = models.CharField(
        "sang trạng thái", max_length=20, choices=Article.Status.choices, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người làm",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField("lúc", default=timezone.now)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        get_latest_by = "at"
        verbose_name = "nhật ký bài viết"
        verbose_name_plural = "nhật ký bài viết"
        indexes = [models.Index(fields=["-at"], name="articleevent_at_idx")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.article_title}"

    @classmethod
    def record(cls, article, action, user, from_status="", to_status="", note=""):
        """Store one line of the log about `article`."""
        return cls.objects.create(
            article=article,
            article_title=article.title,
            action=action,
            from_status=from_status,
            to_status=to_status,
            user=user,
            note=note,
        )


class DailyViews(models.Model):
    """Reads of an article on one day (Hà Nội time), for "Đọc nhiều nhất"."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="daily_views", verbose_name="bài viết"
    )
    day = models.DateField("ngày")
    views = models.PositiveIntegerField("lượt xem", default=0)

    class Meta:
        ordering = ["-day", "-views"]
        get_latest_by = "day"
        verbose_name = "lượt xem trong ngày"
        verbose_name_plural = "lượt xem theo ngày"
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="dailyviews_article_day")
        ]
        indexes = [models.Index(fields=["day"], name="dailyviews_day_idx")]

    def __str__(self):
        return f"{self.views} lượt xem ngày {self.day:%d/%m/%Y}"


class ArticleSlug(models.Model):
    """A former slug of an article: its old URL redirects permanently."""

    slug = models.SlugField("đường dẫn cũ", max_length=250, unique=True)
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="old_slugs", verbose_name="bài viết"
    )
    created_at = models.DateTimeField("đổi lúc", auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "đường dẫn cũ"
        verbose_name_plural = "đường dẫn cũ"

    def __str__(self):
        return self.slug


LARGE_SIZE = 960


MEDIUM_SIZE = 480
RANDOM_NAME = re.compile(r"[0-9a-f]{32}\.[a-z]+")


def photo_upload_to(instance, filename):
    """photos/<year>/<month>/<random>.<ext>: never the uploader's file name.
    The admin's form chooses the random name itself (so it knows where a
    failed write went); any other name is replaced here."""
    name = Path(filename).name
    if not RANDOM_NAME.fullmatch(name):
        name = f"{uuid.uuid4().hex}{Path(name).suffix.lower()}"
    return timezone.now().strftime("photos/%Y/%m/") + name


class ArticlePhoto(models.Model):
    """A captioned photo of an article: the first under the lead, the others
    in the text, each after the paragraph the editor chose. Uploads are
    checked by news.forms.CheckedImageField (size, pixels, format) and
    stripped of their metadata before they are stored; the original is kept
    out of readers' reach (news/storage.py), who get the renditions."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="photos", verbose_name="bài viết"
    )
    image = models.ImageField(
        "ảnh",
        upload_to=photo_upload_to,
        storage=get_originals_storage,
        width_field="width",
        height_field="height",
        help_text="JPEG, PNG, GIF hoặc WebP; tối đa 10 MB. Bạn đọc nhận bản đã thu nhỏ.",
    )
    caption = models.CharField(
        "chú thích",
        max_length=300,
        help_text="Một câu: ai trong ảnh và đang làm gì.",
    )
    alt_text = models.CharField(
        "mô tả ảnh",
        max_length=200,
        help_text="Mô tả ngắn nội dung ảnh cho người khiếm thị dùng trình đọc màn hình.",
    )
    width = models.PositiveIntegerField("rộng", null=True, editable=False)
    height = models.PositiveIntegerField("cao", null=True, editable=False)
    credit = models.CharField("tác giả ảnh", max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(
        "thứ tự", default=0, help_text="Ảnh có số nhỏ nhất đứng đầu bài, ngay dưới sapo."
    )
    after_paragraph = models.PositiveSmallIntegerField(
        "đặt sau đoạn",
        null=True,
        blank=True,
        help_text="Chỗ của ảnh trong bài: sau đoạn văn thứ mấy. Để trống thì ảnh đứng cuối bài. "
        "Ảnh đầu tiên luôn ở dưới sapo.",
    )

    large = ImageSpecField(
        source="image",
        processors=[ResizeToFit(LARGE_SIZE, LARGE_SIZE, upscale=False)],
        format="JPEG",
        options={"quality": 82, "progressive": True},
    )
    medium = ImageSpecField(
        source="image",
        processors=[ResizeToFit(MEDIUM_SIZE, MEDIUM_SIZE, upscale=False)],
        format="JPEG",
        options={"quality": 80, "progressive": True},
    )
    card = ImageSpecField(
        source="image",
        processors=[ResizeToFill(480, 300)],
        format="JPEG",
        options={"quality": 80, "progressive": True},
    )
    thumbnail = ImageSpecField(
        source="image",
        processors=[ResizeToFill(160, 100)],
        format="JPEG",
        options={"quality": 75},
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "ảnh"
        verbose_name_plural = "ảnh trong bài"

    def __str__(self):
        return self.caption

    @property
    def large_size(self):
        """(width, height) of the `large` rendition, from the stored size of
        the original, so pages reserve the photo's space without opening it."""
        if not self.width or not self.height:
            return None
        return fitted_size(self.width, self.height, LARGE_SIZE)

    @property
    def srcset(self):
        """The `srcset` of the photo: the 480 rendition only where it is
        smaller than the large one."""
        if self.width and max(self.width, self.height) <= MEDIUM_SIZE:
            return ""
        medium = fitted_size(self.width, self.height, MEDIUM_SIZE)
        large = self.large_size
        if not medium or not large:
            return ""
        return f"{self.medium.url} {medium[0]}w, {self.large.url} {large[0]}w"


def fitted_size(width, height, box):
    """(width, height) of an image of `width`×`height` resized to fit in a
    `box`×`box` square, never enlarged (ResizeToFit(upscale=False))."""
    if not width or not height:
        return None
    scale = min(1, box / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def logo_upload_to(instance, filename):
    return "portal/" + filename


class PortalIdentity(SingletonModel):
    """Who publishes the portal: its name, logo, the source code leads begin
    with, and the legal footer a Vietnamese news portal shows on every page.
    One row, changed in the admin by the editor-in-chief or a superuser (see
    news/roles.py); read through news.portal.current(), cached under the
    version of the `menu` tag, which every public page carries, so a change
    purges every page once it commits (news/signals.py)."""

    name = models.CharField(
        "tên trang",
        max_length=150,
        default="Trang thông tin điện tử",
        help_text="Tên đầy đủ, ở đầu mọi trang, trên thẻ tiêu đề và trong RSS, "
        "ví dụ: Tin tức Long Biên.",
    )
    short_name = models.CharField(
        "tên viết tắt",
        max_length=6,
        default="TT",
        help_text="Hai, ba chữ cái in trên ô vuông đỏ đầu trang khi chưa có biểu trưng, ví dụ: LB.",
    )
    tagline = models.CharField(
        "dòng giới thiệu",
        max_length=200,
        blank=True,
        help_text="Một dòng dưới tên trang, ví dụ: Thông tin phường Long Biên, thành phố Hà Nội.",
    )
    description = models.CharField(
        "mô tả trang",
        max_length=300,
        blank=True,
        help_text="Một câu giới thiệu trang cho công cụ tìm kiếm và mạng xã hội, ví dụ: Tin tức, "
        "sự kiện và hoạt động của phường Long Biên, Hà Nội.",
    )
    source = models.CharField(
        "mã nguồn tin",
        max_length=20,
        default="TTĐT",
        help_text="Mã tòa soạn điền sẵn đứng đầu sapo của bài mới, ví dụ HNP (in ra: “HNP - …”). "
        "Bài đã có giữ mã của mình.",
    )
    logo = models.ImageField(
        "biểu trưng",
        upload_to=logo_upload_to,
        width_field="logo_width",
        height_field="logo_height",
        blank=True,
        help_text="Ảnh vuông, PNG hoặc JPEG, từ 112 điểm ảnh mỗi cạnh; hiện ở đầu trang, trên "
        "biểu tượng của trang và khi chia sẻ bài không có ảnh.",
    )
    logo_width = models.PositiveIntegerField(null=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, editable=False)
    governing_body = models.CharField(
        "cơ quan chủ quản",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Ủy ban nhân dân phường Long Biên.",
    )
    responsible_person = models.CharField(
        "người chịu trách nhiệm",
        max_length=200,
        blank=True,
        help_text="Họ tên và chức vụ, ví dụ: Nguyễn Văn A — Phó Chủ tịch UBND phường.",
    )
    licence = models.CharField(
        "giấy phép",
        max_length=300,
        blank=True,
        help_text="Số giấy phép, cơ quan cấp và ngày cấp, như ghi trên giấy phép.",
    )
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField(
        "điện thoại",
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9 .()-]{8,40}$",
                "Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm, gạch ngang hoặc ngoặc, "
                "ví dụ: 024 3827 1234.",
            )
        ],
    )
    email = models.EmailField("thư điện tử", blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "thông tin trang"
        verbose_name_plural = "thông tin trang"

    def __str__(self):
        return self.name

    @property
    def has_legal_footer(self):
        legal = ("governing_body", "responsible_person", "licence", "address", "phone", "email")
        return any(getattr(self, name) for name in legal)
