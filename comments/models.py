from django.conf import settings
from django.db import models
from django.urls import reverse

from news.models import Article


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """Comments readers may see: only those a moderator approved."""
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        """The moderation queue: comments nobody has looked at yet."""
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Chờ duyệt"
        APPROVED = "approved", "Đã duyệt"
        REJECTED = "rejected", "Từ chối"
        SPAM = "spam", "Spam"

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
        db_index=True,
    )
    submitted_at = models.DateTimeField("gửi lúc", auto_now_add=True)
    ip_address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    user_agent = models.CharField("trình duyệt", max_length=500, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người kiểm duyệt",
    )
    moderated_at = models.DateTimeField("kiểm duyệt lúc", null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        get_latest_by = "submitted_at"
        verbose_name = "bình luận"
        verbose_name_plural = "bình luận"
        indexes = [
            models.Index(fields=["article", "status", "submitted_at"], name="comment_article_idx"),
            models.Index(fields=["status", "submitted_at"], name="comment_queue_idx"),
        ]

    def __str__(self):
        return f"{self.name}: {self.title}"

    def get_absolute_url(self):
        return reverse("news:article", kwargs={"slug": self.article.slug}) + f"#binh-luan-{self.pk}"
