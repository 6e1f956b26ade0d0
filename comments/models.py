from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils import timezone

from news import text as folding
from news.models import Article


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """Comments readers may see: only those a moderator approved."""
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        """The moderation queue: comments nobody has looked at yet."""
        return self.filter(status=Comment.Status.PENDING)

    def from_same_reader(self, comment):
        """The other comments sent from `comment`'s phone number or address
        ("who is this reader"), whatever their status. Nothing for a comment
        with neither (both are blanked after COMMENTS_PERSONAL_DATA_DAYS)."""
        same = models.Q()
        if comment.phone:
            same |= models.Q(phone=comment.phone)
        if comment.ip_address:
            same |= models.Q(ip_address=comment.ip_address)
        if not same:
            return self.none()
        return self.filter(same).exclude(pk=comment.pk)

    def resubmissions(self, *, article, name, title, content, ip_address, now=None):
        """Comments that a new post with these values would repeat: same
        article, author, text and address within COMMENTS_DUPLICATE_MINUTES."""
        since = (now or timezone.now()) - timedelta(minutes=settings.COMMENTS_DUPLICATE_MINUTES)
        return self.filter(
            article=article,
            submitted_at__gte=since,
            name=name,
            title=title,
            content=content,
            ip_address=ip_address,
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Chờ duyệt"
        APPROVED = "approved", "Đã duyệt"
        REJECTED = "rejected", "Từ chối"
        SPAM = "spam", "Spam"
        TRASH = "trash", "Thùng rác"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments", verbose_name="bài viết"
    )
    name = models.CharField("họ tên", max_length=80)
    phone = models.CharField(
        "số điện thoại",
        max_length=16,
        blank=True,
        help_text="Dạng chuẩn +84…; chỉ người kiểm duyệt xem được, không bao giờ công khai.",
    )
    title = models.CharField("tiêu đề", max_length=150)
    content = models.TextField("nội dung", max_length=3000)
    status = models.CharField(
        "trạng thái",
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        help_text="Chỉ bình luận “Đã duyệt” hiện dưới bài viết.",
    )
    submitted_at = models.DateTimeField("gửi lúc", default=timezone.now, editable=False)
    ip_address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True, editable=False)
    user_agent = models.CharField("trình duyệt", max_length=500, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="người kiểm duyệt",
    )
    moderated_at = models.DateTimeField("kiểm duyệt lúc", null=True, blank=True, editable=False)
    # Name, title and text folded for the queue's search (news.search):
    # "vay tien" finds "Vay tiền". Kept by save().
    search_text = models.TextField(default="", editable=False)
    # Why the screening at posting time held this comment back (comments.spam):
    # "Có liên kết", "Có số điện thoại", "Từ bị chặn: …". Shown in the queue;
    # a bulk approve asks before publishing such a comment.
    held_for = models.JSONField("lý do giữ lại", default=list, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        get_latest_by = "submitted_at"
        verbose_name = "bình luận"
        verbose_name_plural = "bình luận"
        indexes = [
            # The article page: approved comments of one article, oldest first.
            models.Index(fields=["article", "status", "submitted_at"], name="comment_article_idx"),
            # The moderation queue: pending comments, oldest first.
            models.Index(fields=["status", "submitted_at"], name="comment_queue_idx"),
            # The queue with every status ("Tất cả"), oldest first.
            models.Index(fields=["submitted_at", "id"], name="comment_submitted_idx"),
            # "Who is this reader": the other comments from one phone or address.
            models.Index(fields=["phone"], name="comment_phone_idx"),
            models.Index(fields=["ip_address"], name="comment_ip_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "approved", "rejected", "spam", "trash"]),
                name="comment_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.name}: {self.title}"

    def save(self, *args, **kwargs):
        self.search_text = folding.document(self.name, self.title, self.content)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:article", kwargs={"slug": self.article.slug}) + f"#binh-luan-{self.pk}"

    @property
    def is_held(self):
        return bool(self.held_for)

    @property
    def public_reply(self):
        """The portal's answer shown under this comment, if there is one to show."""
        try:
            reply = self.reply
        except ObjectDoesNotExist:
            return None
        return reply if reply.published else None


# How an answer is signed when no office is chosen.
EDITORIAL_BOARD = "Ban biên tập"


class Office(models.Model):
    """An office on whose behalf the portal answers readers (kept by editors)."""

    name = models.CharField(
        "tên đơn vị",
        max_length=120,
        unique=True,
        help_text="Tên đầy đủ, đúng như ký dưới câu trả lời: “UBND phường Long Biên”.",
    )
    active = models.BooleanField(
        "đang dùng",
        default=True,
        help_text="Bỏ chọn khi đơn vị không còn trả lời; các câu trả lời cũ vẫn giữ tên này.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "đơn vị trả lời"
        verbose_name_plural = "đơn vị trả lời"

    def __str__(self):
        return self.name


class Reply(models.Model):
    """The portal's public answer to a reader's comment: plain text, shown
    right under the comment once both are public."""

    comment = models.OneToOneField(
        Comment, on_delete=models.CASCADE, related_name="reply", verbose_name="bình luận"
    )
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name="ký tên",
        help_text=f"Để trống: câu trả lời ký “{EDITORIAL_BOARD}”.",
    )
    text = models.TextField(
        "nội dung trả lời",
        max_length=3000,
        help_text="Văn bản thường, không định dạng; địa chỉ web (https://…) thành liên kết.",
    )
    published = models.BooleanField(
        "công khai",
        default=True,
        help_text="Câu trả lời hiện dưới bình luận khi bình luận đã được duyệt.",
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name="người viết",
    )
    written_at = models.DateTimeField("viết lúc", default=timezone.now, editable=False)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="người sửa sau cùng",
    )
    edited_at = models.DateTimeField("sửa lúc", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["written_at", "pk"]
        get_latest_by = "written_at"
        verbose_name = "trả lời bạn đọc"
        verbose_name_plural = "trả lời bạn đọc"

    def __str__(self):
        # Shown after "trả lời của cổng thông tin" on the comment's page.
        return self.signature

    def get_absolute_url(self):
        return self.comment.get_absolute_url()

    @property
    def signature(self):
        return self.office.name if self.office_id else EDITORIAL_BOARD


class BlockedPhrase(models.Model):
    """A word or phrase editors keep out of published comments. Matched
    without diacritics or case, on whole words."""

    class Action(models.TextChoices):
        HOLD = "hold", "Giữ lại chờ duyệt, kèm lý do"
        SPAM = "spam", "Chuyển thẳng vào Spam"

    phrase = models.CharField(
        "từ hoặc cụm từ",
        max_length=100,
        help_text="Không phân biệt dấu và chữ hoa: “vay tien” chặn cả “Vay tiền”.",
    )
    folded = models.CharField(max_length=100, unique=True, editable=False)
    action = models.CharField("khi gặp", max_length=10, choices=Action.choices, default=Action.HOLD)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name="người thêm",
    )
    added_at = models.DateTimeField("thêm lúc", default=timezone.now, editable=False)

    class Meta:
        ordering = ["folded"]
        verbose_name = "từ bị chặn"
        verbose_name_plural = "từ bị chặn"

    def __str__(self):
        return self.phrase

    def save(self, *args, **kwargs):
        self.folded = " ".join(folding.words(self.phrase))
        super().save(*args, **kwargs)


class ModerationRecord(models.Model):
    """One moderation action, a bulk one included: who moved which comments
    from which status to which, and when. Written by comments.moderation
    only; nobody edits or deletes it in the admin."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="người kiểm duyệt",
    )
    at = models.DateTimeField("lúc", default=timezone.now, db_index=True)
    from_status = models.CharField("từ trạng thái", max_length=10, choices=Comment.Status.choices)
    # Emptying the trash deletes comments: they go to "deleted".
    DELETED = "deleted"
    to_status = models.CharField(
        "sang trạng thái",
        max_length=10,
        choices=[*Comment.Status.choices, (DELETED, "Đã xóa hẳn")],
    )
    comment_ids = models.JSONField("mã bình luận", default=list)

    class Meta:
        ordering = ["-at", "-pk"]
        get_latest_by = "at"
        verbose_name = "nhật ký kiểm duyệt"
        verbose_name_plural = "nhật ký kiểm duyệt"

    def __str__(self):
        return (
            f"{self.get_from_status_display()} → {self.get_to_status_display()}: "
            f"{len(self.comment_ids)} bình luận"
        )
