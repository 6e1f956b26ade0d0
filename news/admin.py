import logging

from django import forms
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.utils.html import format_html
from django.utils.text import capfirst
from solo.admin import SingletonModelAdmin

from . import text as folding
from .admin_preview import PreviewMixin
from .admin_versions import VersionHistoryMixin
from .admin_workflow import WorkflowMixin
from .forms import ArticleForm, ArticlePhotoForm, ArticlePhotoFormSet, PortalIdentityForm
from .models import Article, ArticlePhoto, ArticleSlug, Author, Category, PortalIdentity, Tag

logger = logging.getLogger(__name__)


class WideTextMixin:
    """Full-width inputs for the fields named in `wide_fields` (titles and
    captions run long in Vietnamese)."""

    wide_fields = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.wide_fields:
            kwargs["widget"] = forms.TextInput(attrs={"class": "vLargeTextField"})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class FoldedSearchMixin:
    """The admin's search as readers search the site (news/search.py):
    without diacritics or case, each word typed beginning a word of one of
    `search_fields`, which name the folded copies the models keep. "bo de"
    and "BỒ ĐỀ" find "Bồ Đề"; the autocomplete of related fields, which
    asks the same method, too."""

    search_help_text = "Tìm không phân biệt dấu và chữ hoa: “bo de” tìm được “Bồ Đề”."

    def get_search_results(self, request, queryset, search_term):
        terms = folding.query_words(search_term[: folding.MAX_QUERY_LENGTH])
        if not terms:
            # Nothing typed lists everything; only punctuation finds nothing.
            return (queryset.none() if search_term.strip() else queryset), False
        for term in terms:
            queryset = queryset.filter(self.folded_match(term))
        return queryset, False

    def folded_match(self, term):
        """The condition for one folded word of the query."""
        match = Q()
        for field in self.search_fields:
            match |= Q(**{f"{field}__contains": f" {term}"})
        return match


class TagLinksNamedMixin:
    """Deleting an article or a tag deletes the rows that link articles to
    tags (the table Django makes for Article.tags). Django's confirmation
    would list them as "Article-tag relationship: Article_tags object (16)";
    here they read "Từ khóa gắn với bài: Bồ Đề – <title>", named in one query."""

    LABEL = "từ khóa gắn với bài"

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = Article.tags.through
        count = counts.pop(links._meta.verbose_name_plural, None)
        if count is None:
            return deleted, counts, perms_needed, protected
        counts[self.LABEL] = count
        related = "article__in" if self.model is Article else "tag__in"
        # The line Django writes for each link, and the one shown instead.
        named = {
            f"{capfirst(links._meta.verbose_name)}: {link}": (
                f"{capfirst(self.LABEL)}: {link.tag} – {link.article}"
            )
            for link in links.objects.filter(**{related: objs}).select_related("tag", "article")
        }
        return _renamed(deleted, named), counts, perms_needed, protected


def _renamed(lines, named):
    """The nested list of a delete confirmation with the lines in `named` replaced."""
    return [
        _renamed(line, named) if isinstance(line, list) else named.get(line, line) for line in lines
    ]


class ArticlePhotoInline(WideTextMixin, admin.StackedInline):
    model = ArticlePhoto
    form = ArticlePhotoForm
    formset = ArticlePhotoFormSet
    extra = 1
    wide_fields = ("caption", "alt_text")
    fields = (("image", "preview"), "caption", "alt_text", ("credit", "order"), "after_paragraph")
    readonly_fields = ("preview",)

    @admin.display(description="Xem trước")
    def preview(self, photo):
        if not photo.pk or not photo.image:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" width="160" height="100">', photo.thumbnail.url, photo.alt_text
        )


class ArticleSlugInline(admin.TabularInline):
    model = ArticleSlug
    extra = 0
    fields = ("slug", "created_at")
    readonly_fields = ("slug", "created_at")
    can_delete = False
    verbose_name_plural = "đường dẫn cũ (vẫn chuyển về bài này)"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(
    PreviewMixin,
    WorkflowMixin,
    VersionHistoryMixin,
    FoldedSearchMixin,
    TagLinksNamedMixin,
    WideTextMixin,
    admin.ModelAdmin,
):
    list_display = (
        "title",
        "status_label",
        "category",
        "author",
        "published_at",
        "view_count",
    )
    list_filter = ("status", "category", "author")
    list_select_related = ("category", "author")
    # Title, lead and body (folded by Article.save); the author's name in folded_match.
    search_fields = ("search_document",)
    date_hierarchy = "published_at"
    # No counts beside the filters: each would count over every article.
    show_facets = admin.ShowFacets.NEVER
    autocomplete_fields = ("author", "tags")
    inlines = (ArticlePhotoInline, ArticleSlugInline)
    readonly_fields = ("view_count", "created_at", "updated_at")
    fieldsets = (
        # opened_revision: hidden, the version the editor opened (ArticleForm.clean).
        # live_revision_seen: hidden, on a copy of a live article (ArticleForm._check_live_article).
        (
            None,
            {
                "fields": (
                    *("title", "slug", "category", "author", "tags"),
                    *("opened_revision", "live_revision_seen"),
                )
            },
        ),
        ("Nội dung", {"fields": ("source", "lead", "body")}),
        # The status moves by the buttons below the form (news/admin_workflow.py).
        ("Xuất bản", {"fields": ("published_at", "allow_comments")}),
        (
            "Thông tin",
            {"fields": ("view_count", "created_at", "updated_at"), "classes": ("collapse",)},
        ),
    )
    save_on_top = True
    wide_fields = ("title", "slug")
    form = ArticleForm

    class Media:
        # Drafts kept in the browser; on every page of the article admin, so
        # that the page after a save removes the draft saved (see the script).
        js = (
            forms.Script("js/article-draft.js", defer=True),
            # The photos' places follow the body as it is typed.
            forms.Script("js/photo-places.js", defer=True),
        )
        css = {"all": ("css/article-draft.css",)}

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Django saves an article and its photos in one transaction. When
        storing a photo fails (disk full, media directory not writable), the
        transaction is rolled back, `save_formset` removes the files written,
        and the editor gets the form back, as typed, with the reason."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OSError:
            if request.method != "POST":
                raise
            logger.exception("Storing the photos of an article failed; nothing was saved")
        request.article_storage_failed = True
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # A class made for this request only, by modelform_factory.
        form.storage_failed = getattr(request, "article_storage_failed", False)
        form.editor = request.user  # who saves: a conflict with their own other tab says so
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # A save refused as a whole (someone saved meanwhile, the live
        # article changed under its copy, storage failed) is said as such,
        # not as Django's "correct the errors below" over fields without any.
        form = context["adminform"].form
        formsets = (inline.formset for inline in context["inline_admin_formsets"])
        formsets_valid = all(formset.total_error_count() == 0 for formset in formsets)
        if form.errors and set(form.errors) == {NON_FIELD_ERRORS} and formsets_valid:
            context["refusal"] = form.non_field_errors()
            context["errors"] = None
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_formset(self, request, form, formset, change):
        try:
            super().save_formset(request, form, formset, change)
        except OSError:
            if formset.model is ArticlePhoto:
                for photo_form in formset.forms:
                    photo_form.discard_upload()
            raise

    def get_deleted_objects(self, objs, request):
        """An article takes its readers' comments and its old slugs with it.
        Editors may delete articles without the right to moderate comments
        or manage redirects, which Django would otherwise require."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        goes_with_article = {
            str(ArticleSlug._meta.verbose_name),
            str(apps.get_model("comments", "Comment")._meta.verbose_name),
        }
        return deleted, counts, perms_needed - goes_with_article, protected

    def folded_match(self, term):
        # The matching authors by their ids, not through a join: on PostgreSQL
        # the OR is then answered from the trigram index on search_document
        # and the index on author, without reading every article.
        authors = Author.objects.filter(search_name__contains=f" {term}")
        return super().folded_match(term) | Q(author__in=list(authors.values_list("pk", flat=True)))


@admin.register(Category)
class CategoryAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("search_name",)


@admin.register(Author)
class AuthorAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("search_name",)


@admin.register(Tag)
class TagAdmin(FoldedSearchMixin, TagLinksNamedMixin, admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("search_name",)


@admin.register(PortalIdentity)
class PortalIdentityAdmin(WideTextMixin, SingletonModelAdmin):
    """One page, "Thông tin trang": the editor-in-chief's or a superuser's
    (news/roles.py). Saving it redraws every public page (news/signals.py)."""

    form = PortalIdentityForm
    wide_fields = (
        "name",
        "tagline",
        "description",
        "governing_body",
        "responsible_person",
        "licence",
        "address",
    )
    fieldsets = (
        ("Tên và biểu trưng", {"fields": ("name", "short_name", "tagline", "description", "logo")}),
        ("Bài viết", {"fields": ("source",)}),
        (
            "Chân trang",
            {
                "description": "Thông tin pháp lý hiện cuối mọi trang. Để trống dòng nào thì "
                "dòng đó không hiện.",
                "fields": (
                    "governing_body",
                    "responsible_person",
                    "licence",
                    "address",
                    "phone",
                    "email",
                ),
            },
        ),
    )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Refused before the row is made (SingletonModelAdmin makes it first).
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        self.message_user(
            request, "Đã lưu thông tin trang; mọi trang của bạn đọc hiện thông tin mới."
        )
        return HttpResponseRedirect(request.path)
