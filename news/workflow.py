"""The newsroom's workflow: the statuses of an article, who may move it from
one to another, and the record of every move. The admin's buttons and any
other caller go through `move`; nothing else changes an article's status.

Reporters (Phóng viên) write drafts and send them for review; editors (Biên
tập viên) return them with a note, approve and publish (or schedule, with a
publish time still to come), and take articles down."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .models import Article, ArticleEvent

Status = Article.Status


Action = ArticleEvent.Action


@dataclass(frozen=True)
class Transition:
    action: str  # an ArticleEvent.Action; its label is the button's
    sources: tuple
    target: str
    permission: str
    needs_note: bool = False

    @property
    def label(self):
        return Action(self.action).label


# The one table of who may move an article from which statuses to which.
TRANSITIONS = {
    t.action: t
    for t in (
        Transition(Action.SUBMIT, (Status.DRAFT, Status.RETURNED), Status.SUBMITTED,
                   "news.submit_article"),
        Transition(Action.RETURN, (Status.SUBMITTED,), Status.RETURNED,
                   "news.review_article", needs_note=True),
        Transition(Action.APPROVE, (Status.SUBMITTED,), Status.PUBLISHED,
                   "news.publish_article"),
        Transition(Action.PUBLISH, (Status.DRAFT, Status.RETURNED, Status.UNPUBLISHED),
                   Status.PUBLISHED, "news.publish_article"),
        Transition(Action.UNPUBLISH, (Status.PUBLISHED,), Status.UNPUBLISHED,
                   "news.publish_article"),
    )
}  # fmt: skip

# What a reporter may still edit: their own articles not yet sent, or sent back.
EDITABLE_BY_WRITER = (Status.DRAFT, Status.RETURNED)

NOTE_NEEDED = "Hãy ghi lý do trả lại để phóng viên biết cần sửa gì."


def can(user, action, status):
    """Whether `user` may do `action` to an article in `status`."""
    transition = TRANSITIONS.get(action)
    return bool(
        transition and status in transition.sources and user.has_perm(transition.permission)
    )


def actions_for(user, status):
    """The transitions `user` may make from `status`, in table order."""
    return [t for action, t in TRANSITIONS.items() if can(user, action, status)]


def sees_every_article(user):
    """Editors see and edit every article; a reporter, only their own."""
    return user.has_perm("news.review_article")


def may_edit(user, article):
    """Whether `user`, who has the right to change articles, may change this one."""
    if sees_every_article(user):
        return True
    return article.created_by_id == user.pk and article.status in EDITABLE_BY_WRITER


@transaction.atomic
def move(article, action, user, note=""):
    """Do `action` to `article` for `user` and record it. PermissionDenied
    when the action does not exist, does not start from the article's status
    as it is now, or is not the user's to do; ValidationError when a note is
    needed and missing. The article's row is locked, so two moves at the same
    moment are made one after the other, the second seeing the first. Readers'
    pages are purged on commit by the save signals (news/signals.py)."""
    note = note.strip()
    current = Article.objects.select_for_update().get(pk=article.pk)
    if not can(user, action, current.status):
        raise PermissionDenied
    transition = TRANSITIONS[action]
    if transition.needs_note and not note:
        raise ValidationError(NOTE_NEEDED, code="note_needed")
    before = current.status
    article.status = transition.target
    article.save(update_fields=["status", "updated_at"])
    return record(article, action, user, before, article.status, note)


def record(article, action, user, from_status="", to_status="", note=""):
    """Store one line of the log about `article`."""
    return ArticleEvent.objects.create(
        article=article,
        article_title=article.title,
        action=action,
        from_status=from_status,
        to_status=to_status,
        user=user,
        note=note,
    )


def record_deleted(articles, user):
    """Before `articles` are deleted: one line each, which outlives them."""
    for article in articles:
        record(article, Action.DELETE, user, article.status, "")


def last_return_note(article):
    """Why the article was last sent back, when it is sent back now."""
    if article.status != Status.RETURNED:
        return ""
    event = article.events.filter(action=Action.RETURN).order_by("-at", "-pk").first()
    return event.note if event else ""
