"""The newsroom's workflow: the statuses of an article, who may move it from
one to another, and the record of every move. The admin's buttons and any
other caller go through `move`; nothing else changes an article's status.

Reporters (Phóng viên) write drafts and send them for review; editors (Biên
tập viên) return them with a note, approve and publish (or schedule, with a
publish time still to come), and take articles down."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from . import versions
from .models import Article, ArticleEvent, ArticlePhoto

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

# The moves that make an article public (for a copy: write it into the live one).
PUBLISHING = tuple(action for action, t in TRANSITIONS.items() if t.target == Status.PUBLISHED)

# An article in these has never been public: publishing it dates it now.
NEVER_PUBLISHED = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)

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
    pages are purged on commit by the save signals (news/signals.py).

    A copy of a live article ("bản sửa") moves like any draft, but is never
    published itself: approving or publishing it writes it into the live
    article (`apply_draft`), and the copy is gone."""
    note = note.strip()
    current = Article.objects.select_for_update().get(pk=article.pk)
    if not can(user, action, current.status):
        raise PermissionDenied
    transition = TRANSITIONS[action]
    if transition.needs_note and not note:
        raise ValidationError(NOTE_NEEDED, code="note_needed")
    if current.draft_of_id and transition.target == Status.PUBLISHED:
        return apply_draft(current, user, note)
    before = current.status
    article.status = transition.target
    changed = ["status", "updated_at"]
    if before in NEVER_PUBLISHED and transition.target == Status.PUBLISHED:
        # Its time was filled in when the form was first opened, perhaps days
        # ago; a time still to come is a schedule and stays.
        now = timezone.now()
        if article.published_at <= now:
            article.published_at = now
            changed.append("published_at")
    article.save(update_fields=changed)
    versions.keep_in_open_revision(article)  # the version saved with the form, as moved
    return ArticleEvent.record(article, action, user, before, article.status, note)


def record_deleted(articles, user):
    """Before `articles` are deleted: one line each, which outlives them.
    Deleting a copy of a live article drops the change, not the article."""
    for article in articles:
        if article.draft_of_id:
            # The copy's own lines (sent, returned) go to the article's log.
            _join_log(article)
            note = f"Bản sửa số {article.pk}"
            ArticleEvent.record(
                article.draft_of, Action.DISCARD_DRAFT, user, article.status, "", note
            )
        else:
            ArticleEvent.record(article, Action.DELETE, user, article.status, "")


# A copy of a live article: made, published into it, or dropped.

# The article's own fields a copy carries and publishing it writes back. The
# slug, publish time and status stay the live article's: its address and date
# do not move with a correction.
DRAFTED_FIELDS = ("title", "source", "lead", "body", "category", "author", "allow_comments")
DRAFTED_PHOTO_FIELDS = (
    *("image", "caption", "alt_text", "credit", "order", "after_paragraph"),
    *("width", "height"),
)

NOT_LIVE = "Chỉ bài bạn đọc đang xem mới cần bản sửa; bài khác hãy sửa trực tiếp."
LIVE_CHANGED = (
    "Bài đang đăng đã được {who} lưu lúc {when}, sau khi bản sửa này được tạo ({what}). "
    "Bản sửa sẽ thay cho cả thay đổi đó: nếu cần giữ nó, hãy đưa vào bản sửa. Bấm đăng lần "
    "nữa thì bản sửa được đăng như đang có ở dưới đây."
)


def may_draft(user, article):
    """Whether `user` may make a copy of `article` to change it aside:
    editors, for an article readers see now (one still to come out is
    changed in place: readers see none of it yet)."""
    return (
        article.is_public
        and not article.draft_of_id
        and user.has_perm("news.change_article")
        and sees_every_article(user)
    )


@transaction.atomic
def start_draft(article, user):
    """The copy of the live `article` that editors change aside: the one
    already open, or a new one with the article's text, photos and keywords
    as they are now, kept as its first version. Readers keep seeing the
    article until the copy is published into it."""
    live = Article.objects.select_for_update().get(pk=article.pk)
    if not may_draft(user, live):
        raise PermissionDenied(NOT_LIVE)
    existing = live.drafts.first()
    if existing is not None:
        return existing
    versions.keep_baseline(live)
    copy = Article(
        **_drafted_values(live),
        published_at=live.published_at,
        status=Status.DRAFT,
        draft_of=live,
        draft_base_revision=versions.latest_revision_id(live),
        created_by=user,
        slug=_copy_slug(live),
    )
    with versions.revision(user, f"Bản sửa của bài đang đăng “{live.title}”"):
        copy.save()
        copy.tags.set(live.tags.all())
        for photo in live.photos.all():
            ArticlePhoto.objects.create(
                article=copy, **{name: getattr(photo, name) for name in DRAFTED_PHOTO_FIELDS}
            )
    ArticleEvent.record(live, Action.DRAFT_LIVE, user, note=f"Bản sửa số {copy.pk}")
    return copy


def _drafted_values(article):
    """The DRAFTED_FIELDS of `article`, by attribute name (ids for relations)."""
    names = (Article._meta.get_field(name).attname for name in DRAFTED_FIELDS)
    return {name: getattr(article, name) for name in names}


def _copy_slug(live):
    # An address of its own, seen only by the newsroom (a copy is never public).
    base = f"{live.slug[:200]}-ban-sua"
    slug, n = base, 2
    while Article.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def apply_draft(copy, user, note=""):
    """Write the copy into its live article as a new version of it, record
    who published it, and remove the copy. Refused (ValidationError) when
    the live article was saved after the copy was made, naming who, when and
    what, so that publishing the copy cannot silently undo that save. Called
    by `move`, inside its transaction, with the permission checked."""
    live = Article.objects.select_for_update().get(pk=copy.draft_of_id)
    refusal = live_changed(copy)
    if refusal:
        raise ValidationError(refusal, code="live_changed")
    copy = Article.objects.get(pk=copy.pk)  # as saved, whatever the caller holds
    for name, value in _drafted_values(copy).items():
        setattr(live, name, value)
    with versions.revision(user, f"Đăng bản sửa số {copy.pk}"):
        live.save()
        live.tags.set(copy.tags.all())
        _take_photos(live, copy)
        versions.add_with_photos(live)
    about = f"Bản sửa số {copy.pk}" + (f": {note}" if note else "")
    event = ArticleEvent.record(live, Action.APPLY_DRAFT, user, copy.status, live.status, about)
    _join_log(copy)
    copy.delete()
    return event


def _join_log(copy):
    """The copy's own log lines (sent, returned) become the article's,
    each saying it was about the copy."""
    for event in ArticleEvent.objects.filter(article=copy):
        event.article_id = copy.draft_of_id
        event.note = f"Bản sửa số {copy.pk}" + (f": {event.note}" if event.note else "")
        event.save(update_fields=["article", "note"])


def live_changed(copy):
    """Why the copy may not be published now: the live article was saved
    after the copy was made (who, when, what); "" when it may."""
    # Taking it down or moving its publish time is not undone by the copy.
    changed = versions.saved_since(
        copy.draft_of, copy.draft_base_revision, ignored=("trạng thái", "thời gian đăng")
    )
    if not changed:
        return ""
    latest, what = changed
    return LIVE_CHANGED.format(who=versions.who(latest), when=versions.when(latest), what=what)


def _take_photos(live, copy):
    """Make the live article's photos those of the copy. A photo of the copy
    made from one of the article's (same file) updates that one, so the
    article's history follows each photo; new ones are moved over; the
    article's photos the copy dropped are removed (their files stay, for
    older versions)."""
    remaining = {photo.image.name: photo for photo in live.photos.all()}
    for photo in copy.photos.all():
        own = remaining.pop(photo.image.name, None)
        if own is None:
            photo.article = live
            photo.save(update_fields=["article"])
            continue
        for name in DRAFTED_PHOTO_FIELDS:
            setattr(own, name, getattr(photo, name))
        own.save()
    for photo in remaining.values():
        photo.delete()


def last_return_note(article):
    """Why the article was last sent back, when it is sent back now."""
    if article.status != Status.RETURNED:
        return ""
    event = article.events.filter(action=Action.RETURN).order_by("-at", "-pk").first()
    return event.note if event else ""
