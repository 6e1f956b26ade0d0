"""Moderation as plain functions, shared by the views and the admin.

Nothing a reader writes is public until a moderator approves it; these
functions are the only place that changes a comment's status.
"""

import logging
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from news import caching
from news.models import Article

from .models import Comment, ModerationRecord, Reply

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
    now = now or timezone.now()
    moved = defaultdict(list)  # from status: ids
    with transaction.atomic():
        # Locked, so a colleague's decision at the same moment is not
        # overwritten unrecorded.
        rows = list(
            Comment.objects.filter(pk__in=comments.values("pk"))
            .exclude(status=status)
            .order_by()
            .select_for_update()
            .values_list("pk", "status", "article_id")
        )
        for pk, was, _ in rows:
            moved[was].append(pk)
        changed = Comment.objects.filter(pk__in=[pk for pk, _, _ in rows]).update(
            status=status, moderated_by=moderator, moderated_at=now
        )
        ModerationRecord.objects.bulk_create(
            ModerationRecord(
                moderator=moderator, at=now, from_status=was, to_status=status, comment_ids=pks
            )
            for was, pks in sorted(moved.items())
        )
        # Approved comments appear, others disappear: the pages showing their
        # articles (and their comment counts) are purged once this commits.
        articles = Article.objects.filter(pk__in={article for _, _, article in rows})
        for article in articles.only("category"):
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


def trash(comments, moderator):
    """Move `comments` to the trash: off the site and out of the queue,
    restorable until an editor empties the trash."""
    return moderate(comments, Comment.Status.TRASH, moderator)


def restore(comments, moderator):
    """Take `comments` out of the trash, back to the queue for a decision."""
    return moderate(comments.filter(status=Comment.Status.TRASH), Comment.Status.PENDING, moderator)


def empty_trash(comments, editor):
    """Delete for good those of `comments` that are in the trash (editors
    only: comments.admin); the others are left. Returns how many went."""
    with transaction.atomic():
        ids = list(
            Comment.objects.filter(pk__in=comments.values("pk"), status=Comment.Status.TRASH)
            .select_for_update()
            .values_list("pk", flat=True)
        )
        deleted = Comment.objects.filter(pk__in=ids).delete()[0] if ids else 0
        if ids:
            ModerationRecord.objects.create(
                moderator=editor,
                from_status=Comment.Status.TRASH,
                to_status=ModerationRecord.DELETED,
                comment_ids=ids,
            )
    logger.info(
        "Trash emptied: %d comments deleted",
        deleted,
        extra={
            "event": "trash_emptied",
            "moderator_id": getattr(editor, "pk", None),
            "count": deleted,
        },
    )
    return deleted


def answer(comment, form, moderator, approve=False, now=None):
    """Save the portal's reply to `comment` from a valid ReplyForm, recording
    who wrote it or last changed it and when; with `approve`, publish the
    comment in the same transaction ("Duyệt và trả lời"). Readers see the
    reply once both are public (comments.signals purges their pages).
    Returns the reply."""
    now = now or timezone.now()
    with transaction.atomic():
        # Locked, so two people answering at once do not both create a reply.
        Comment.objects.select_for_update().only("pk").get(pk=comment.pk)
        existing = Reply.objects.filter(comment=comment).first()
        reply = form.save(commit=False)
        if existing is None:
            reply.comment, reply.written_by, reply.written_at = comment, moderator, now
        else:
            reply.pk, reply.written_by_id, reply.written_at = (
                existing.pk,
                existing.written_by_id,
                existing.written_at,
            )
            reply.comment, reply.edited_by, reply.edited_at = comment, moderator, now
        reply.save()
        if approve:
            moderate(Comment.objects.filter(pk=comment.pk), Comment.Status.APPROVED, moderator, now)
    logger.info(
        "Reply %s",
        "written" if existing is None else "edited",
        extra={
            "event": "reply",
            "moderator_id": getattr(moderator, "pk", None),
            "comment_id": comment.pk,
            "approved": approve,
        },
    )
    return reply
