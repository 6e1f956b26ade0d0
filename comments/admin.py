from django.contrib import admin, messages
from django.core.cache import cache
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from news import search
from news.models import Article
from news.paginators import CappedPaginator, capped_count

from . import moderation
from .forms import normalize_phone
from .models import Comment, ModerationRecord
from .moderation import BUSIEST_KEY, COUNT_LIMIT, QUEUE_LIMIT


class ArticleFilter(admin.SimpleListFilter):
    """The articles whose comments wait the most, and the one chosen. Listing
    every commented article would grow without bound with the site."""

    title = "bài viết (nhiều bình luận chờ duyệt nhất)"
    parameter_name = "bai_viet"
    SHOWN = 15

    def lookups(self, request, model_admin):
        busiest = busiest_articles()
        if "visible_busiest" not in request.__dict__:  # asked twice per page
            request.visible_busiest = set(
                visible_articles(request.user)
                .filter(pk__in=[pk for pk, _, _ in busiest])
                .values_list("pk", flat=True)
            )
        choices = [
            (str(pk), f"{title} ({waiting})")
            for pk, title, waiting in busiest
            if pk in request.visible_busiest
        ]
        chosen = self.value()
        if chosen and chosen.isdigit() and chosen not in dict(choices):
            article = visible_articles(request.user).filter(pk=chosen).only("title").first()
            if article:
                choices.append((chosen, article.title))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(article_id=value)


class StatusFilter(admin.SimpleListFilter):
    """Status, opening on the queue: without a choice only pending comments
    are listed; "Tất cả" lists every status."""

    title = "trạng thái"
    parameter_name = "trang_thai"
    ALL = "tat-ca"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, (self.ALL, "Tất cả")]

    def value(self):
        return super().value() or Comment.Status.PENDING

    def queryset(self, request, queryset):
        if self.value() == self.ALL:
            return queryset
        return queryset.filter(status=self.value())

    def choices(self, changelist):
        # Django's own choices() adds an "All" entry that would mean "pending"
        # here; "Tất cả" is one of our lookups instead. Each choice shows its
        # count over the list as the other filters leave it, counted no
        # further than COUNT_LIMIT so that a million comments cost little.
        rows = changelist.get_queryset(
            self.request, exclude_parameters=[self.parameter_name]
        ).order_by()
        counts = {
            value: capped_count(rows.filter(status=value), COUNT_LIMIT)
            for value in Comment.Status.values
        }
        counts[self.ALL] = sum(counts.values())
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": f"{label} ({_shown(counts[value])})",
            }


def visible_articles(user):
    """The articles whose titles `user` may read: all for the newsroom, the
    public ones for moderators (a draft's or a scheduled article's title is
    the newsroom's until it is published)."""
    if user.has_perm("news.view_article"):
        return Article.objects.all()
    return Article.objects.published()


def _shown(count):
    return f"hơn {COUNT_LIMIT}" if count > COUNT_LIMIT else str(count)


def busiest_articles():
    """(id, title, waiting) of the ArticleFilter.SHOWN articles with the most
    comments among the COUNT_LIMIT oldest pending ones (those a moderator
    meets first), kept in the cache for a minute."""
    busiest = cache.get(BUSIEST_KEY)
    if busiest is None:
        oldest = Comment.objects.pending().order_by("submitted_at", "pk")[:COUNT_LIMIT]
        waiting = list(
            Comment.objects.filter(pk__in=oldest.values("pk"))
            .order_by()
            .values_list("article")
            .annotate(n=Count("pk"))
            .order_by("-n", "-article")[: ArticleFilter.SHOWN]
        )
        titles = dict(
            Article.objects.filter(pk__in=[pk for pk, _ in waiting]).values_list("pk", "title")
        )
        busiest = [(pk, titles[pk], n) for pk, n in waiting if pk in titles]
        cache.set(BUSIEST_KEY, busiest, 60)
    return busiest


# What a moderator sees in place of an unpublished article's title.
UNPUBLISHED = "(bài chưa đăng hoặc đã gỡ)"


class QueuePaginator(CappedPaginator):
    limit = QUEUE_LIMIT


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """The moderation queue. Readers' words are never edited here: only the
    status changes, through the functions in comments.moderation."""

    list_display = ("title", "name", "article_link", "excerpt", "submitted_at", "status")
    list_display_links = ("title",)
    list_filter = (StatusFilter, ArticleFilter)
    list_select_related = ("article",)
    # Searched through the folded copy of name, title and text, and the
    # phone number (get_search_results).
    search_fields = ("search_text",)
    search_help_text = "Tìm theo họ tên, số điện thoại, tiêu đề hoặc nội dung."
    # No date_hierarchy: its year links cost a DISTINCT over every comment.
    ordering = ("submitted_at", "pk")
    # A moderator reads each comment before acting on it; 50 a page fit that,
    # and drawing 100 rows of admin widgets took 90 ms of a 100 ms page.
    list_per_page = 50
    # Counting a million rows for "x of y" would take longer than the page.
    paginator = QueuePaginator
    show_full_result_count = False
    # Django's counts add a column per filter choice to one query, and have no
    # Vietnamese for their toggle; StatusFilter counts statuses itself.
    show_facets = admin.ShowFacets.NEVER
    list_max_show_all = 1000
    actions = ("approve", "reject", "mark_spam", "trash", "restore", "empty_trash")
    fieldsets = (
        (None, {"fields": ("article_link", "name", "phone", "title", "content", "status")}),
        (
            "Thông tin gửi và kiểm duyệt",
            {
                "fields": (
                    "submitted_at",
                    "ip_address",
                    "user_agent",
                    "moderated_by",
                    "moderated_at",
                )
            },
        ),
    )
    readonly_fields = (
        "article_link",
        "name",
        "phone",
        "title",
        "content",
        "submitted_at",
        "ip_address",
        "user_agent",
        "moderated_by",
        "moderated_at",
    )

    def has_add_permission(self, request):
        # Comments come from readers only.
        return False

    def get_list_display(self, request):
        return [self._article_column(request, name) for name in self.list_display]

    def get_readonly_fields(self, request, obj=None):
        return [self._article_column(request, name) for name in self.readonly_fields]

    def get_fieldsets(self, request, obj=None):
        return [
            (
                title,
                {
                    **options,
                    "fields": [self._article_column(request, f) for f in options["fields"]],
                },
            )
            for title, options in self.fieldsets
        ]

    @staticmethod
    def _article_column(request, name):
        """The newsroom sees every article; a moderator sees only public
        articles' titles (article_if_public)."""
        if name == "article_link" and not request.user.has_perm("news.view_article"):
            return "article_if_public"
        return name

    @admin.display(description="bài viết", ordering="article__title")
    def article_if_public(self, comment):
        if not comment.article.is_public:
            return UNPUBLISHED
        return self.article_link(comment)

    @admin.display(description="bài viết", ordering="article__title")
    def article_link(self, comment):
        article = comment.article
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            article.get_absolute_url(),
            Truncator(article.title).chars(80),
        )

    def view_on_site(self, comment):
        """ "Xem trên trang web": the comment under its article, once both
        are public; nothing for a comment not shown or an unpublished article."""
        if comment.status == Comment.Status.APPROVED and comment.article.is_public:
            return comment.get_absolute_url()
        return None

    @admin.display(description="trích đoạn")
    def excerpt(self, comment):
        # Returned as plain text: the admin escapes it.
        return Truncator(comment.content).chars(140)

    def get_search_results(self, request, queryset, search_term):
        """Words of the name, title or text, without diacritics or case
        ("vay tien" finds "Vay tiền"; each word must begin a word of the
        comment), or a phone number however it is typed ("0912 345 678"
        finds the stored "+84912345678")."""
        if not search_term.strip():
            return queryset, False
        terms = search.query_words(search_term)
        results = queryset if terms else queryset.none()
        for term in terms:
            results = results.filter(search_text__contains=f" {term}")
        phone = normalize_phone(search_term)
        if phone:
            results |= queryset.filter(phone=phone)
        return results, False

    def save_model(self, request, obj, form, change):
        # Only the status is editable; a change is recorded like a bulk action.
        if "status" in form.changed_data:
            moderation.moderate(Comment.objects.filter(pk=obj.pk), obj.status, request.user)

    def _moderate(self, request, queryset, action, done):
        count = action(queryset, request.user)
        self.message_user(request, f"{done} {count} bình luận.", messages.SUCCESS)

    @admin.action(description="Duyệt (đăng) các bình luận đã chọn", permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, moderation.approve, "Đã duyệt")

    @admin.action(description="Từ chối các bình luận đã chọn", permissions=["change"])
    def reject(self, request, queryset):
        self._moderate(request, queryset, moderation.reject, "Đã từ chối")

    @admin.action(description="Đánh dấu spam các bình luận đã chọn", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, moderation.mark_spam, "Đã đánh dấu spam")

    @admin.action(description="Chuyển các bình luận đã chọn vào thùng rác", permissions=["change"])
    def trash(self, request, queryset):
        self._moderate(request, queryset, moderation.trash, "Đã chuyển vào thùng rác")

    @admin.action(
        description="Khôi phục các bình luận đã chọn từ thùng rác về hàng chờ",
        permissions=["change"],
    )
    def restore(self, request, queryset):
        self._moderate(request, queryset, moderation.restore, "Đã khôi phục")

    @admin.action(
        description="Xóa hẳn các bình luận đã chọn trong thùng rác", permissions=["delete"]
    )
    def empty_trash(self, request, queryset):
        count = moderation.empty_trash(queryset, request.user)
        self.message_user(
            request,
            f"Đã xóa hẳn {count} bình luận trong thùng rác; "
            "bình luận ngoài thùng rác được giữ nguyên.",
            messages.SUCCESS,
        )

    def get_actions(self, request):
        # Comments are never deleted outright: to the trash first, and only
        # an editor empties it (empty_trash).
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        # Only what is in the trash can be deleted, and only by an editor.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.status == Comment.Status.TRASH)


@admin.register(ModerationRecord)
class ModerationRecordAdmin(admin.ModelAdmin):
    """The moderation log: read only, for moderators and editors alike."""

    list_display = ("at", "moderator", "from_status", "to_status", "count", "comments")
    list_filter = ("to_status", "from_status")
    list_select_related = ("moderator",)
    date_hierarchy = None
    list_per_page = 100
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="số bình luận")
    def count(self, record):
        return len(record.comment_ids)

    @admin.display(description="bình luận")
    def comments(self, record):
        links = [
            format_html(
                '<a href="{}">#{}</a>', reverse("admin:comments_comment_change", args=[pk]), pk
            )
            for pk in record.comment_ids[:20]
        ]
        more = len(record.comment_ids) - len(links)
        return format_html(
            "{}{}",
            format_html_join(" ", "{}", ((link,) for link in links)),
            f" … và {more} bình luận khác" if more > 0 else "",
        )
