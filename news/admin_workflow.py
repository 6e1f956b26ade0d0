"""The admin side of the newsroom's workflow (news/workflow.py): who sees and
edits which articles, the buttons under the article form ("Gửi duyệt",
"Trả lại", "Duyệt và đăng", "Đăng bài", "Gỡ bài"), and the log."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from longbien.admin import LogAdmin

from . import versions, workflow
from .models import Article, ArticleEvent, ArticlePhoto

# The name of the workflow buttons; the value is the action.
BUTTON = "_workflow"


def _action(request):
    return request.POST.get(BUTTON) if request.method == "POST" else None


class WorkflowMixin:
    """For ArticleAdmin. A reporter lists only their own articles and edits
    them only while a draft or returned; only `workflow.move` changes a
    status, after the form is saved, in the same transaction."""

    def get_queryset(self, request):
        articles = super().get_queryset(request)
        if not workflow.sees_every_article(request.user):
            articles = articles.filter(created_by=request.user)
        last_return = ArticleEvent.objects.filter(
            article=OuterRef("pk"), action=ArticleEvent.Action.RETURN
        ).order_by("-at", "-pk")
        return articles.annotate(return_note=Subquery(last_return.values("note")[:1]))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.may_edit(request.user, obj))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Refused before anything is saved, whatever the page showed.
        action = _action(request)
        if action:
            article = self.get_object(request, unquote(object_id)) if object_id else None
            if object_id is None or article is not None:
                status = article.status if article else Article.Status.DRAFT
                if not workflow.can(request.user, action, status):
                    raise PermissionDenied
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        action = _action(request)
        if action:
            article = form.instance
            live = article.draft_of
            workflow.move(article, action, request.user, form.cleaned_data.get("review_note", ""))
            if live and action in workflow.PUBLISHING:
                live.refresh_from_db()
                request.draft_applied_to = live
                seen = (
                    "bạn đọc thấy nội dung mới ngay."
                    if live.is_public
                    else "bài chưa hiện với bạn đọc (đang gỡ hoặc hẹn giờ)."
                )
                self.message_user(
                    request, f"Đã đăng bản sửa vào bài “{live}”: {seen}", messages.SUCCESS
                )
                return
            label = label_for(workflow.TRANSITIONS[action], article)
            self.message_user(request, f"{label}: “{article}”.", messages.SUCCESS)

    def response_change(self, request, obj):
        # A copy published into its article is gone: no "changed" message
        # linking to it, the article's page instead.
        live = getattr(request, "draft_applied_to", None)
        if live is not None:
            return redirect(reverse("admin:news_article_change", args=[live.pk]))
        return super().response_change(request, obj)

    def _after_move(self, request, obj, response):
        # The article's own page again while its user may still edit it.
        if _action(request) and self.has_change_permission(request, obj):
            return redirect(reverse("admin:news_article_change", args=[obj.pk]))
        return response

    def get_urls(self):
        start = self.admin_site.admin_view(self.start_draft_view)
        return [
            path("<path:object_id>/ban-sua/", start, name="news_article_start_draft"),
            *super().get_urls(),
        ]

    def start_draft_view(self, request, object_id):
        """POST, from the live article's form ("Tạo bản sửa"): the copy of
        the article, made with what the form holds now, then the copy's form.
        What was typed goes into the copy only when nobody saved the article
        since the form was opened (else the copy would quietly undo that
        save): then the copy is made from the article as it is, and the
        typing stays kept in the browser, offered back on the article's form."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, unquote(object_id))
        if article is None or not workflow.may_draft(request.user, article):
            raise PermissionDenied
        existing = article.drafts.first()
        if existing is not None:
            self.message_user(
                request,
                "Bài này đã có một bản sửa; đây là bản đó. Những gì bạn gõ ở trang bài đang đăng "
                "chưa được chép sang.",
                messages.WARNING,
            )
            return redirect(_change_url(existing))
        typed = "title" in request.POST  # pressed under the form, not posted bare
        opened = _revision(request.POST.get("opened_revision"))
        saved_since = typed and versions.saved_since(article, opened)
        copy = workflow.start_draft(article, request.user)
        if saved_since:
            latest, what = saved_since
            self.message_user(
                request,
                f"Đã tạo bản sửa từ bài như hiện nay. Bài đã được {versions.who(latest)} lưu lúc "
                f"{versions.when(latest)}, sau khi bạn mở trang ({what}), nên những gì bạn gõ "
                "chưa được chép sang; trình duyệt vẫn giữ chúng ở trang bài đang đăng.",
                messages.WARNING,
            )
        if not typed or saved_since:
            if not typed:
                self.message_user(request, DRAFT_MADE, messages.SUCCESS)
            return redirect(_change_url(copy))
        # The form as typed, saved into the copy by the copy's own form.
        request.POST = typed_into(copy, request.POST)
        response = self.changeform_view(request, str(copy.pk), form_url=_change_url(copy))
        if response.status_code != 302:
            return response  # the copy's form with what is wrong, as typed
        self.message_user(
            request, f"{DRAFT_MADE} Những gì bạn đang gõ đã vào bản sửa.", messages.SUCCESS
        )
        return redirect(_change_url(copy))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.draft_of_id:
            return fieldsets
        # A copy keeps the live article's address and publish time.
        hidden = {"slug", "published_at"}
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]

    def response_post_save_add(self, request, obj):
        return self._after_move(request, obj, super().response_post_save_add(request, obj))

    def response_post_save_change(self, request, obj):
        return self._after_move(request, obj, super().response_post_save_change(request, obj))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        status = obj.status if obj else Article.Status.DRAFT
        can_act = self.has_change_permission(request, obj)
        actions = workflow.actions_for(request.user, status) if can_act else []
        context["workflow"] = {
            "status": Article.Status(status).label,
            "scheduled": obj is not None and status == Article.Status.PUBLISHED
            and not obj.is_public,
            "return_note": workflow.last_return_note(obj) if obj else "",
            "actions": [(t.action, label_for(t, obj)) for t in actions],
            "button": BUTTON,
            "asks_note": any(t.needs_note for t in actions),
            # A copy: the live article it changes. A live article: its open
            # copy, or whether this user may make one.
            "draft_of": obj.draft_of if obj and obj.draft_of_id else None,
            "draft": obj.drafts.select_related("created_by").first() if obj else None,
            "may_draft": obj is not None and workflow.may_draft(request.user, obj),
        }  # fmt: skip
        return super().render_change_form(request, context, add, change, form_url, obj)

    @transaction.atomic
    def delete_model(self, request, obj):
        workflow.record_deleted([obj], request.user)
        super().delete_model(request, obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        workflow.record_deleted(queryset, request.user)
        super().delete_queryset(request, queryset)

    @admin.display(description="trạng thái", ordering="status")
    def status_label(self, article):
        if article.draft_of_id:
            return f"Bản sửa bài đang đăng · {article.get_status_display()}"
        if article.status == Article.Status.PUBLISHED and not article.is_public:
            return "Hẹn giờ"
        note = getattr(article, "return_note", None)
        if article.status == Article.Status.RETURNED and note:
            return f"Bị trả lại: {Truncator(note).chars(80)}"
        return article.get_status_display()


DRAFT_MADE = "Đã tạo bản sửa. Bạn đọc vẫn thấy bài đang đăng cho đến khi bản sửa được đăng."


def _change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def _revision(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def typed_into(copy, data):
    """The live article's form `data` made the copy's: its photos named by
    the copy's photos made from them, the version it was opened at the
    copy's, no other inline rows (the article's old addresses stay its own),
    and no workflow button."""
    data = data.copy()
    data.pop(BUTTON, None)
    data["opened_revision"] = str(versions.latest_revision_id(copy) or "")
    by_file = {photo.image.name: photo.pk for photo in copy.photos.all()}
    live_files = dict(
        ArticlePhoto.objects.filter(article=copy.draft_of_id).values_list("pk", "image")
    )
    # Django's formsets read no more than 1,000 forms (absolute_max); neither do we.
    for n in range(min(_revision(data.get("photos-TOTAL_FORMS")) or 0, 1000)):
        live_pk = _revision(data.get(f"photos-{n}-id"))
        if live_pk is not None:
            data[f"photos-{n}-id"] = str(by_file.get(live_files.get(live_pk), ""))
        data[f"photos-{n}-article"] = str(copy.pk)
    for name in list(data):
        if name.startswith("old_slugs-"):
            del data[name]
    data.update({"old_slugs-TOTAL_FORMS": "0", "old_slugs-INITIAL_FORMS": "0"})
    return data


def label_for(transition, article):
    """The button's words: on a copy of a live article, publishing it writes
    it into the article."""
    if article is not None and article.draft_of_id and transition.action in workflow.PUBLISHING:
        return DRAFT_LABELS[transition.action]
    return transition.label


DRAFT_LABELS = {
    ArticleEvent.Action.APPROVE: "Duyệt và đăng bản sửa",
    ArticleEvent.Action.PUBLISH: "Đăng bản sửa",
}


@admin.register(ArticleEvent)
class ArticleEventAdmin(LogAdmin):
    """The log, read only: what it says cannot be changed or removed."""

    list_display = ("at", "action", "article_link", "user", "from_status", "to_status", "note")
    list_filter = ("action",)
    list_select_related = ("user",)
    date_hierarchy = "at"
    show_facets = admin.ShowFacets.NEVER

    @admin.display(description="bài viết", ordering="article_title")
    def article_link(self, event):
        if event.article_id is None:
            return format_html("{} <em>(đã xóa)</em>", event.article_title)
        url = reverse("admin:news_article_change", args=[event.article_id])
        return format_html('<a href="{}">{}</a>', url, event.article_title)
