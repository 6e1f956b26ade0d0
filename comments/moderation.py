"""Moderation as plain functions, shared by the views and the admin.

Nothing a reader writes is public until a moderator approves it; these
functions are the only place that changes a comment's status.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from news import caching
from news.models import Article

from .models import Comment

# One record per moderation action: who, how many, which status. Never the
# comments' text or the readers' phone numbers.
logger = logging.getLogger("longbien.moderation")

# Counts in the queue stop here ("hơn 1000"): exact where a moderator needs
# it, cheap when a million comments wait. The queue's pages go further.
COUNT_LIMIT = 1000
QUEUE_LIMIT = 10_000
# The cache key of the queue's "busiest articles" filter (comments.admin).
BUSIEST_KEY = "comments:busiest-articles"


def comments_open(article, now=None):
    """Whether readers may comment on `article` now: it is public, its editors
    allow comments, and COMMENTS_CLOSE_AFTER_DAYS (0 or None: never) have not
    passed since it was published."""
    now = now or timezone.now()
    if not article.allow_comments or not article.is_public:
        return False
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    return not days or now < article.published_at + timedelta(days=days)


def moderate(comments, status, moderator, now=None):
    """Give `comments` (a queryset) `status`, recording who decided and when.
    Comments that already have that status are left as they are, so their
    moderator and time stay true. Returns the number of comments changed."""
    if status not in Comment.Status.values:
        raise ValueError(f"Unknown comment status: {status!r}")
    changing = comments.exclude(status=status).order_by()
    articles = list(Article.objects.filter(pk__in=changing.values("article")).only("category"))
    changed = changing.update(
        status=status, moderated_by=moderator, moderated_at=now or timezone.now()
    )
    # Approved comments appear, others disappear: the pages showing their
    # articles (and their comment counts) are purged once this commits.
    for article in articles:
        caching.purge(*caching.pages_showing(article))
    logger.info(
        "Comments moderated: %d set to %s",
        changed,
        status,
        extra={
            "event": "moderation",
            "moderator_id": getattr(moderator, "pk", None),
            "status": status,
            "count": changed,
        },
    )
    return changed


def approve(comments, moderator):
    """Publish `comments` under their article."""
    return moderate(comments, Comment.Status.APPROVED, moderator)


def reject(comments, moderator):
    """Keep `comments` off the site."""
    return moderate(comments, Comment.Status.REJECTED, moderator)


def mark_spam(comments, moderator):
    """Keep `comments` off the site, marked as spam."""
    return moderate(comments, Comment.Status.SPAM, moderator)
