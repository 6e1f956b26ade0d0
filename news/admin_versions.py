"""The admin side of article versions (news/versions.py): each save in the
admin is one revision with its user; the history page compares any two
versions; a version can be restored, as a new one."""

import reversion
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from . import versions

# Versions listed on the history page, newest first; any two can be compared.
HISTORY_LENGTH = 30


class VersionHistoryMixin:
    """For ArticleAdmin: who may view an article may read its history; who
    may change it may restore a version."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        if object_id:
            article = self.get_object(request, unquote(object_id))
            if article is not None and self.has_change_permission(request, article):
                versions.keep_baseline(article)
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment("" if object_id else "Tạo bài")
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        restore = self.admin_site.admin_view(self.restore_view)
        return [
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                restore,
                name="{}_{}_restore".format(*info),
            ),
            *super().get_urls(),
        ]

    def _article(self, request, object_id, allowed):
        article = self.get_object(request, unquote(object_id))
        if article is None or not allowed(request, article):
            raise PermissionDenied
        return article

    def history_view(self, request, object_id, extra_context=None):
        """The versions of the article, and the differences between two of
        them: ?tu=<version>&den=<version>, by default the newest and the one
        before it."""
        article = self._article(request, object_id, self.has_view_or_change_permission)
        kept = versions.article_versions(article)
        shown = list(kept[: HISTORY_LENGTH + 1])
        snapshots = [versions.snapshot(version) for version in shown]
        rows = [
            {
                "version": version,
                "when": versions.when(version),
                "who": versions.who(version),
                "changed": (
                    [c.label for c in versions.compare_snapshots(snapshots[i + 1], snapshots[i])]
                    if i + 1 < len(shown)
                    else None
                ),
            }
            for i, version in enumerate(shown[:HISTORY_LENGTH])
        ]
        new = _chosen(kept, request.GET.get("den")) or (shown[0] if shown else None)
        old = _chosen(kept, request.GET.get("tu")) or (shown[1] if len(shown) > 1 else None)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Lịch sử phiên bản: {article}",
            "opts": self.opts,
            "object": article,
            "rows": rows,
            "more": kept.count() - len(rows),
            "old": old,
            "new": new,
            "old_when": old and versions.when(old),
            "new_when": new and versions.when(new),
            "changes": versions.compare(old, new) if old and new else None,
            "can_restore": self.has_change_permission(request, article),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/news/article/versions.html", context)

    def restore_view(self, request, object_id, version_id):
        """GET: what restoring the version would change. POST: restore it."""
        article = self._article(request, object_id, self.has_change_permission)
        kept = versions.article_versions(article)
        version = get_object_or_404(kept, pk=version_id)
        if request.method == "POST":
            versions.restore(version, request.user)
            moment = versions.when(version)
            self.log_change(request, article, f"Khôi phục phiên bản của {moment}")
            self.message_user(
                request, f"Đã khôi phục phiên bản của {moment}, lưu thành phiên bản mới."
            )
            return redirect(reverse("admin:news_article_change", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Khôi phục phiên bản của {versions.when(version)}",
            "opts": self.opts,
            "object": article,
            "version": version,
            "who": versions.who(version),
            "when": versions.when(version),
            "changes": versions.compare(kept.first(), version),
        }
        return TemplateResponse(request, "admin/news/article/restore_version.html", context)


def _chosen(kept, version_id):
    """The version of `kept` named in the query string, if it is one."""
    if not version_id or not version_id.isdigit():
        return None
    return kept.filter(pk=version_id).first()
