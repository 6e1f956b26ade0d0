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


# What a moderator sees in place of an unpublished article's title.
UNPUBLISHED = "(bài chưa đăng hoặc đã gỡ)"


def visible_articles(user):
    """The articles whose titles `user` may read: all for the newsroom, the
    public ones for moderators (a draft's or a scheduled article's title is
    the newsroom's until it is published)."""
    if user.has_perm("news.view_article"):
        return Article.objects.all()
    return Article.objects.published()


def count_label(count):
    """A count as the queues show it: "hơn 1000" past COUNT_LIMIT."""
    return f"hơn {COUNT_LIMIT}" if count > COUNT_LIMIT else str(count)


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
        # A move between statuses readers never see (pending to spam) changes
        # no page.
        shown = {article for _, was, article in rows if Comment.Status.APPROVED in (was, status)}
        articles = Article.objects.filter(pk__in=shown)
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


class Conflict(Exception):
    """The comment is no longer as the moderator saw it: a colleague, or the
    screening, changed it first. `comment` is the comment as it is now."""

    def __init__(self, comment):
        super().__init__(f"Comment {comment.pk} is now {comment.status}")
        self.comment = comment


def decide(comment, status, moderator, *, seen=Comment.Status.PENDING, seen_at=None, now=None):
    """One moderator's decision on one comment, as the keyboard queue makes
    it (comments.queue): made only if the comment still has the status
    `seen` the moderator saw and, when `seen_at` is given (an undo), was
    last moderated by them at that moment; otherwise Conflict is raised and
    nothing changes. The comment is locked from the check to the change.
    Returns the time of the decision."""
    now = now or timezone.now()
    with transaction.atomic():
        _still_as_seen(comment, moderator, seen, seen_at)
        moderate(Comment.objects.filter(pk=comment.pk), status, moderator, now)
    return now


def answer_and_approve(comment, form, moderator, *, seen=Comment.Status.PENDING, now=None):
    """The queue's "Duyệt và trả lời": `answer` with approve, made only if
    the comment still has the status `seen` (else Conflict). Returns the
    time of the decision."""
    now = now or timezone.now()
    with transaction.atomic():
        _still_as_seen(comment, moderator, seen, None)
        answer(comment, form, moderator, approve=True, now=now)
    return now


def _still_as_seen(comment, moderator, seen, seen_at):
    current = Comment.objects.select_for_update().get(pk=comment.pk)
    unchanged = current.status == seen and (
        seen_at is None
        or (current.moderated_at == seen_at and current.moderated_by_id == moderator.pk)
    )
    if not unchanged:
        raise Conflict(current)
