"""The admin side of the newsroom's workflow (news/workflow.py): who sees and
edits which articles, the buttons under the article form ("Gửi duyệt",
"Trả lại", "Duyệt và đăng", "Đăng bài", "Gỡ bài"), and the log."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from longbien.admin import LogAdmin

from . import workflow
from .models import Article, ArticleEvent

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
            workflow.move(article, action, request.user, form.cleaned_data.get("review_note", ""))
            label = workflow.TRANSITIONS[action].label
            self.message_user(request, f"{label}: “{article}”.", messages.SUCCESS)

    def _after_move(self, request, obj, response):
        # The article's own page again while its user may still edit it.
        if _action(request) and self.has_change_permission(request, obj):
            return redirect(reverse("admin:news_article_change", args=[obj.pk]))
        return response

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
            "actions": actions,
            "button": BUTTON,
            "asks_note": any(t.needs_note for t in actions),
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
        if article.status == Article.Status.PUBLISHED and not article.is_public:
            return "Hẹn giờ"
        note = getattr(article, "return_note", None)
        if article.status == Article.Status.RETURNED and note:
            return f"Bị trả lại: {Truncator(note).chars(80)}"
        return article.get_status_display()


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
