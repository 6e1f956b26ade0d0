import re

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.cache import cache
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from longbien.admin import LogAdmin
from news import text as folding
from news.models import Article
from news.paginators import CappedPaginator, capped_count

from . import moderation
from .forms import BlockedPhraseForm, OfficeForm, ReplyForm, normalize_phone
from .models import BlockedPhrase, Comment, ModerationRecord, Office, Reply
from .moderation import (
    BUSIEST_KEY,
    COUNT_LIMIT,
    QUEUE_LIMIT,
    UNPUBLISHED,
    count_label,
    visible_articles,
)


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
                "display": f"{label} ({count_label(counts[value])})",
            }


class HeldFilter(admin.SimpleListFilter):
    """Comments the screening held back at posting time (comments.spam)."""

    title = "giữ lại"
    parameter_name = "giu_lai"

    def lookups(self, request, model_admin):
        return [("co", "Bị giữ lại"), ("khong", "Không")]

    def queryset(self, request, queryset):
        if self.value() == "co":
            return queryset.exclude(held_for=[])
        if self.value() == "khong":
            return queryset.filter(held_for=[])
        return queryset


# An id the database can compare: ASCII digits, not too many ("²" is a digit
# to str.isdigit).
ID = re.compile(r"[0-9]{1,18}")


class ReaderFilter(admin.SimpleListFilter):
    """ "Who is this reader": the other comments sent from the phone number
    or address of comment `?cung_nguoi_gui=<id>` (linked from a comment's
    page and from the keyboard queue). Shown only while chosen."""

    title = "cùng người gửi"
    parameter_name = "cung_nguoi_gui"

    def lookups(self, request, model_admin):
        # A filter without choices is not applied: give the chosen one, even
        # one naming no comment (it then lists nothing).
        value = self.value()
        if value is None:
            return []
        return [(value, f"Cùng số điện thoại hoặc địa chỉ IP với bình luận #{value}")]

    def comment(self):
        value = self.value()
        if not (value and ID.fullmatch(value)):
            return None
        return Comment.objects.only("pk", "phone", "ip_address").filter(pk=value).first()

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        comment = self.comment()
        if comment is None:
            return queryset.none()
        return queryset & Comment.objects.from_same_reader(comment)


def reader_history_url(comment):
    """The comment list showing every other comment of `comment`'s sender,
    whatever their status."""
    changelist = reverse("admin:comments_comment_changelist")
    return (
        f"{changelist}?{ReaderFilter.parameter_name}={comment.pk}"
        f"&{StatusFilter.parameter_name}={StatusFilter.ALL}"
    )


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


class ReplyInline(admin.StackedInline):
    """The portal's answer, on the comment's page: written or edited by a
    moderator or an editor through comments.moderation.answer, which
    records who and when."""

    model = Reply
    form = ReplyForm
    extra = 1
    max_num = 1
    can_delete = False
    verbose_name = "trả lời của cổng thông tin"
    verbose_name_plural = "trả lời của cổng thông tin"
    fields = ("text", "office", "published", "written", "edited")
    readonly_fields = ("written", "edited")

    @admin.display(description="viết bởi")
    def written(self, reply):
        return _by(reply.written_by, reply.written_at) if reply.pk else "—"

    @admin.display(description="sửa sau cùng")
    def edited(self, reply):
        return _by(reply.edited_by, reply.edited_at) if reply.edited_at else "—"


def _by(user, at, nobody="—"):
    """ "Nguyễn Văn A, 10:03 02/12/2026": a name, not a link to the user's
    admin page, which moderators and editors may not open; `nobody` when
    no user did it."""
    name = (user.get_full_name() or user.get_username()) if user else nobody
    return f"{name}, {date_format(timezone.localtime(at), 'H:i d/m/Y')}" if at else name


# The confirmation of a bulk approval with held comments (CommentAdmin.approve):
# the button chosen, and the held comments the page named.
HELD_CHOICE = "duyet_giu_lai"
HELD_ALL = "tat-ca"
HELD_OTHERS = "chi-binh-luan-khac"
HELD_NAMED = "giu_lai_da_neu"


# The confirmation of "Xóa hẳn" (CommentAdmin.empty_trash), and how many of
# the comments it deletes it names.
EMPTY_CONFIRMED = "xac_nhan_xoa_han"
EMPTY_SHOWN = 50


class QueuePaginator(CappedPaginator):
    limit = QUEUE_LIMIT


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """The moderation queue. Readers' words are never edited here: only the
    status changes, through the functions in comments.moderation."""

    list_display = (
        "title",
        "name",
        "article_link",
        "excerpt",
        "held_reasons",
        "submitted_at",
        "status",
    )
    list_display_links = ("title",)
    list_filter = (StatusFilter, HeldFilter, ArticleFilter, ReaderFilter)
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
        (
            None,
            {
                "fields": (
                    "article_link",
                    "name",
                    "phone",
                    "title",
                    "content",
                    "held_reasons",
                    "status",
                )
            },
        ),
        (
            "Thông tin gửi và kiểm duyệt",
            {
                "fields": (
                    "submitted_at",
                    "ip_address",
                    "user_agent",
                    "other_comments",
                    "moderated",
                )
            },
        ),
    )
    # Everything on the page but the status: readers' words are never edited.
    readonly_fields = tuple(
        name for _, options in fieldsets for name in options["fields"] if name != "status"
    )
    inlines = [ReplyInline]

    def has_add_permission(self, request):
        # Comments come from readers only.
        return False

    # For the keyboard queue (comments.queue), which links into this list.
    reader_history_url = staticmethod(reader_history_url)

    @staticmethod
    def status_list_url(status):
        """This list, showing the comments of `status`."""
        changelist = reverse("admin:comments_comment_changelist")
        return f"{changelist}?{StatusFilter.parameter_name}={status}"

    def get_urls(self):
        # The keyboard queue, hang-cho/, ahead of the admin's "<id>/" routes.
        # Imported here: comments.queue imports this module.
        from .queue import urls as queue_urls

        return [*queue_urls(self), *super().get_urls()]

    def get_list_display(self, request):
        return [self._article_column(request, name) for name in self.list_display]

    def get_readonly_fields(self, request, obj=None):
        fields = [self._article_column(request, name) for name in self.readonly_fields]
        if not request.user.has_perm("comments.change_comment"):
            fields.append("status")  # an editor answering a comment does not moderate it
        return fields

    def has_change_permission(self, request, obj=None):
        """Moderators change a comment's status. Those who may only answer
        (editors) may save a comment's page for its reply alone: its status
        is read-only to them (get_readonly_fields), and the list's actions,
        which ask without a comment, stay closed to them."""
        if super().has_change_permission(request, obj):
            return True
        user = request.user
        return obj is not None and (
            user.has_perm("comments.add_reply") or user.has_perm("comments.change_reply")
        )

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

    @admin.display(description="kiểm duyệt")
    def moderated(self, comment):
        if comment.moderated_at is None:
            return "Chưa ai kiểm duyệt."
        return _by(comment.moderated_by, comment.moderated_at, nobody=AUTOMATIC_FILTER)

    @admin.display(description="bình luận khác của người này")
    def other_comments(self, comment):
        count = capped_count(Comment.objects.from_same_reader(comment), COUNT_LIMIT)
        if not count:
            return "Không có bình luận nào khác từ cùng số điện thoại hoặc địa chỉ IP."
        return format_html(
            '<a href="{}">{} bình luận khác từ cùng số điện thoại hoặc địa chỉ IP</a>',
            reader_history_url(comment),
            count_label(count),
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Reply:
            return super().save_formset(request, form, formset, change)
        # What the admin's history says changed, as formset.save() would tell it.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for reply_form in formset.forms:
            if reply_form.has_changed() and reply_form.is_valid():
                new = reply_form.instance.pk is None
                reply = moderation.answer(form.instance, reply_form, request.user)
                if new:
                    formset.new_objects.append(reply)
                else:
                    formset.changed_objects.append((reply, reply_form.changed_data))

    def action_checkbox(self, comment):
        # Drawn here, not by a form widget: fifty widget templates took a
        # sixth of the list's time. Its label in Vietnamese, naming the comment.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="Chọn bình luận “{}”">',
            helpers.ACTION_CHECKBOX_NAME,
            comment.pk,
            comment,
        )

    @admin.display(description="trích đoạn")
    def excerpt(self, comment):
        # Returned as plain text: the admin escapes it.
        return Truncator(comment.content).chars(140)

    @admin.display(description="lý do giữ lại")
    def held_reasons(self, comment):
        # Plain text, escaped by the admin: "Có liên kết · Từ bị chặn: vay tiền".
        return " · ".join(comment.held_for)

    def get_search_results(self, request, queryset, search_term):
        """Words of the name, title or text, without diacritics or case
        ("vay tien" finds "Vay tiền"; each word must begin a word of the
        comment), or a phone number however it is typed ("0912 345 678"
        finds the stored "+84912345678")."""
        if not search_term.strip():
            return queryset, False
        terms = folding.query_words(search_term)
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
        """Approve the selection at once, unless it holds comments that the
        screening held back (comments.spam) and nobody has approved yet:
        nothing is approved before a page names them (_confirm_held). Its
        "all" approves the selection with the held comments it named (one
        held back since is named on a new page); "others" approves only the
        comments not held back."""
        held = queryset.exclude(held_for=[]).exclude(status=Comment.Status.APPROVED)
        choice = request.POST.get(HELD_CHOICE)
        if choice == HELD_OTHERS:
            count = moderation.approve(queryset.filter(held_for=[]), request.user)
            waiting = held.count()
            self.message_user(
                request,
                f"Đã duyệt {count} bình luận; {waiting} bình luận bị giữ lại vẫn chờ duyệt.",
                messages.SUCCESS,
            )
            return None
        named = request.POST.getlist(HELD_NAMED) if choice == HELD_ALL else []
        named = [pk for pk in named if pk.isdigit()]
        if held.exclude(pk__in=named).exists():
            return self._confirm_held(request, queryset, held)
        # Held comments only if named: one held back a moment ago waits.
        chosen = queryset.filter(Q(held_for=[]) | Q(pk__in=named))
        self._moderate(request, chosen, moderation.approve, "Đã duyệt")
        return None

    def _confirm_held(self, request, queryset, held):
        """The page naming the held comments of a bulk approval, built like
        Django's delete_selected confirmation: it posts the action again
        with the same selection, the held comments it named and a choice.
        An article's title is shown only to those who may read it."""
        article = getattr(self, self._article_column(request, "article_link"))
        held = held.select_related("article").order_by("submitted_at", "pk")
        others = queryset.filter(held_for=[]).exclude(status=Comment.Status.APPROVED)
        context = {
            **self.admin_site.each_context(request),
            "title": "Duyệt cả bình luận bị giữ lại?",
            "subtitle": None,
            "opts": self.opts,
            "held": [
                {
                    "comment": comment,
                    "reasons": self.held_reasons(comment),
                    "excerpt": self.excerpt(comment),
                    "article": article(comment),
                }
                for comment in held
            ],
            "others": others.count(),
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "named_field": HELD_NAMED,
            "choice_field": HELD_CHOICE,
            "all_choice": HELD_ALL,
            "others_choice": HELD_OTHERS,
            "back": request.get_full_path(),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/comments/comment/approve_held.html", context)

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
        """Delete for good the selected comments that are in the trash, once
        a page has named them and the editor confirmed (it cannot be undone)."""
        trashed = queryset.filter(status=Comment.Status.TRASH)
        if not trashed.exists():
            self.message_user(
                request,
                "Không có bình luận nào trong thùng rác trong số đã chọn, nên không xóa gì: "
                "chỉ bình luận trong thùng rác mới xóa hẳn được.",
                messages.WARNING,
            )
            return None
        if request.POST.get(EMPTY_CONFIRMED) != "yes":
            return self._confirm_empty(request, queryset, trashed)
        count = moderation.empty_trash(queryset, request.user)
        self.message_user(
            request,
            f"Đã xóa hẳn {count} bình luận trong thùng rác; "
            "bình luận ngoài thùng rác được giữ nguyên.",
            messages.SUCCESS,
        )
        return None

    def _confirm_empty(self, request, queryset, trashed):
        """The page naming what "Xóa hẳn" would delete, posting the action
        again with the same selection and the confirmation."""
        shown = list(trashed.order_by("submitted_at", "pk")[:EMPTY_SHOWN])
        context = {
            **self.admin_site.each_context(request),
            "title": "Xóa hẳn các bình luận trong thùng rác?",
            "subtitle": None,
            "opts": self.opts,
            "count": trashed.count(),
            "shown": shown,
            "kept": queryset.exclude(status=Comment.Status.TRASH).count(),
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "confirmed_field": EMPTY_CONFIRMED,
            "back": request.get_full_path(),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/comments/comment/empty_trash.html", context)

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


# Who moved a comment when no moderator did (ModerationRecordAdmin).
AUTOMATIC_FILTER = "Bộ lọc tự động"


@admin.register(ModerationRecord)
class ModerationRecordAdmin(LogAdmin):
    """The moderation log: read only, for moderators and editors alike."""

    list_display = ("at", "moderator_or_filter", "from_status", "to_status", "count", "comments")
    list_filter = ("to_status", "from_status")
    list_select_related = ("moderator",)
    date_hierarchy = None
    list_per_page = 100
    show_full_result_count = False

    @admin.display(description="người kiểm duyệt", ordering="moderator")
    def moderator_or_filter(self, record):
        # No moderator: the screening at posting time moved it (comments.spam).
        return record.moderator or AUTOMATIC_FILTER

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


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    """The offices on whose behalf the portal answers readers, kept by editors."""

    form = OfficeForm
    list_display = ("name", "active", "reply_count")
    list_filter = ("active",)
    search_fields = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(reply_total=Count("replies"))

    @admin.display(description="số câu trả lời", ordering="reply_total")
    def reply_count(self, office):
        return office.reply_total


@admin.register(BlockedPhrase)
class BlockedPhraseAdmin(admin.ModelAdmin):
    """The words editors block in readers' comments (comments.spam);
    moderators may read the list."""

    form = BlockedPhraseForm
    list_display = ("phrase", "action", "added_by", "added_at")
    list_filter = ("action",)
    list_select_related = ("added_by",)
    # Searched through the folded phrase: "vay tien" finds "Vay tiền".
    search_fields = ("folded",)
    search_help_text = "Tìm không phân biệt dấu và chữ hoa."

    def get_readonly_fields(self, request, obj=None):
        return ("added_by", "added_at") if obj else ()

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        folded = " ".join(folding.words(search_term))
        if not folded:
            return queryset.none(), False
        return queryset.filter(folded__contains=folded), False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)
