"""The article as typed, before saving: the "Xem trước" button of the
article form posts what the form holds to `preview_view`, which draws the
public article page from it in a new tab, and stores nothing."""

from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from .models import ArticlePhoto
from .sanitize import sanitize_html
from .text import vietnamese_slugify
from .views import ArticlePreview

# Typed in a photo's inline form and shown at once; a new image is not (it is not stored yet).
PHOTO_TEXT_FIELDS = ("caption", "alt_text", "credit", "order", "after_paragraph")


class PreviewMixin:
    """For ArticleAdmin: `xem-truoc/` (add page) and `<id>/xem-truoc/`
    (change page), POST only, for those who may add or change that article."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("xem-truoc/", preview, name="{}_{}_preview".format(*info)),
            path("<path:object_id>/xem-truoc/", preview, name="{}_{}_preview".format(*info)),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def preview_view(self, request, object_id=None):
        """The article page from the posted form, validated by the form of
        the add or change page (without its check for saves made meanwhile:
        a preview saves nothing), or the form's errors. Never calls save()."""
        if object_id is None:
            allowed, article = self.has_add_permission(request), None
        else:
            # Refused before looking the article up: its existence is not told.
            if not self.has_change_permission(request):
                raise PermissionDenied
            article = self.get_object(request, unquote(object_id))
            if article is None:
                raise Http404
            allowed = self.has_change_permission(request, article)
        if not allowed:
            raise PermissionDenied
        form_class = self.get_form(
            request,
            article,
            change=article is not None,
            fields=flatten_fieldsets(self.get_fieldsets(request, article)),
        )
        form = form_class(request.POST, request.FILES, instance=article)
        form.preview = True
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": "Chưa xem trước được bài viết",
                "opts": self.opts,
                "form": form,
            }
            response = TemplateResponse(request, "admin/news/article/preview_errors.html", context)
            response["X-Robots-Tag"] = "noindex"
            return response
        shown = form.instance  # the form's data on it, unsaved
        shown.body = sanitize_html(shown.body)  # as Article.save() stores it
        shown.slug = shown.slug or vietnamese_slugify(shown.title) or "bai-viet"
        photos = self._photos_as_typed(request, article) if article else []
        if article is None:
            # An id no row has (ids start at 1): the page's lists of other
            # articles can place it, and it is never saved.
            shown.pk = 0
            shown.created_at = shown.updated_at = timezone.now()
        # What the page draws with the article, as typed, in place of what
        # Article.load_media would fetch.
        if "tags" in form.cleaned_data:
            tags = form.cleaned_data["tags"]
        else:  # a form without the field (read-only for this user)
            tags = list(article.tags.all()) if article else []
        shown._prefetched_objects_cache = {"photos": photos, "tags": tags}
        return ArticlePreview.response(request, shown)

    def _photos_as_typed(self, request, article):
        """The stored photos of `article` in the order and with the words
        typed in their inline forms, without those ticked for deletion."""
        photos = {photo.pk: photo for photo in ArticlePhoto.objects.filter(article=article)}
        for inline in self.get_inline_instances(request, article):
            if inline.model is not ArticlePhoto:
                continue
            formset_class = inline.get_formset(request, article)
            formset = formset_class(
                request.POST,
                request.FILES,
                instance=article,
                prefix=formset_class.get_default_prefix(),
            )
            for photo_form in formset.initial_forms:
                photo = photos.get(photo_form.instance.pk)
                if photo is None or not photo_form.is_valid():
                    continue
                if photo_form.cleaned_data.get("DELETE"):
                    del photos[photo.pk]
                    continue
                for name in PHOTO_TEXT_FIELDS:
                    setattr(photo, name, photo_form.cleaned_data[name])
        return sorted(photos.values(), key=lambda photo: (photo.order, photo.pk))
