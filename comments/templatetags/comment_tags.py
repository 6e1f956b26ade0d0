from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from comments.forms import CommentForm
from comments.models import Comment
from comments.moderation import COUNT_LIMIT, comments_open
from news import caching
from news.paginators import capped_count

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """The approved comments of `article`, oldest first, each with the
    portal's answer, and the form (the
    bound one from the view after a mistake, this reader's own) or the
    "closed" notice. One query for the comments, whatever their number, and
    none (not even built) while their list is in the fragment cache."""
    comments = SimpleLazyObject(
        lambda: list(
            Comment.objects.approved()
            .filter(article=article)
            .select_related("reply__office")
            .only(
                *("pk", "article_id", "name", "title", "content", "submitted_at"),
                *("reply__text", "reply__published", "reply__written_at", "reply__edited_at"),
                *("reply__comment_id", "reply__office__name"),
            )
        )
    )
    return {
        "article": article,
        "article_tag": caching.article_tag(article.pk),
        "comments": comments,
        "form": context.get("comment_form"),
        "is_open": comments_open(article),
        "messages": context.get("messages"),
        "request": context.get("request"),
    }


@register.simple_tag(takes_context=True)
def blank_comment_form(context, article):
    """The empty form of `article` as every reader gets it in the shared
    page: no CSRF token, no captcha key (comments.js fetches this reader's
    own from views.form_parts). Drawn once and kept until the article
    changes (drawing its widgets took a quarter of an article page)."""
    seconds = settings.NEWS_FRAGMENT_CACHE_SECONDS
    tag = caching.article_tag(article.pk)
    current = caching.versions([tag], context.request) if seconds else {}
    days = settings.COMMENTS_PERSONAL_DATA_DAYS  # the form says how long data is kept
    key = f"comments:blank-form:{article.pk}:{days}:{current.get(tag, ('', 0))[0]}"
    html = caching.recall(key) if seconds else None
    if html is None:
        form = CommentForm(blank=True)
        html = render_to_string("comments/form.html", {"form": form, "article": article})
        if seconds:
            caching.keep(context.request, key, html, seconds, drawn_from=current)
    return mark_safe(html)  # noqa: S308 - our template, escaped


@register.inclusion_tag("comments/admin_pending_notice.html", takes_context=True)
def pending_comments_notice(context):
    """For the admin index: how many comments wait, to those who moderate."""
    user = context["request"].user
    if not user.has_perm("comments.change_comment"):
        return {"count": None}
    count = capped_count(Comment.objects.pending(), COUNT_LIMIT)
    return {"count": count, "more": count > COUNT_LIMIT, "limit": COUNT_LIMIT}
