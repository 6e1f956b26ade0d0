from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from comments.forms import CommentForm
from comments.models import Comment
from comments.moderation import COUNT_LIMIT, comments_open
from news import pagecache
from news.paginators import capped_count

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """The approved comments of `article`, oldest first, and the form (the
    bound one from the view after a mistake) or the "closed" notice. One
    query for the comments, whatever their number, and none (not even built)
    while their list is in the fragment cache."""
    comments = SimpleLazyObject(
        lambda: list(
            Comment.objects.approved()
            .filter(article=article)
            .only("pk", "article_id", "name", "title", "content", "submitted_at")
        )
    )
    return {
        "article": article,
        "comments": comments,
        "page_generation": context.get("page_generation"),
        "fragment_seconds": context.get("fragment_seconds", 0),
        "form": context.get("comment_form"),
        "is_open": comments_open(article),
        "messages": context.get("messages"),
    }


@register.simple_tag(takes_context=True)
def blank_comment_form(context, article):
    """The empty form of `article`, drawn once and kept in the cache with
    marks where each reader's CSRF token and captcha key go (drawing its
    widgets took a quarter of an article page)."""
    request = context.request
    seconds = context.get("fragment_seconds", 0)
    key = f"comments:blank-form:{article.pk}:{article.slug}:{settings.COMMENTS_PERSONAL_DATA_DAYS}"
    html = cache.get(key) if seconds else None
    if html is None:
        drawn = render_to_string(
            "comments/form.html", {"form": CommentForm(), "article": article}, request=request
        )
        html = pagecache.with_marks(drawn)
        if seconds:
            cache.set(key, html, seconds)
    return mark_safe(pagecache.personalize(request, html))  # noqa: S308 - our template, escaped


@register.inclusion_tag("comments/admin_pending_notice.html", takes_context=True)
def pending_comments_notice(context):
    """For the admin index: how many comments wait, to those who moderate."""
    user = context["request"].user
    if not user.has_perm("comments.view_comment"):
        return {"count": None}
    count = capped_count(Comment.objects.pending(), COUNT_LIMIT)
    return {"count": count, "more": count > COUNT_LIMIT, "limit": COUNT_LIMIT}
