"""Versions of articles, kept by django-reversion: every save in the admin
stores one revision holding the article and its photos, with who and when.
Here: what is kept, how two versions differ for a reader, restoring one as a
new version, and the check that refuses to save over someone else's save."""

from contextlib import contextmanager
from dataclasses import dataclass
from difflib import SequenceMatcher

import reversion
from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from . import text as folding
from .models import Article, ArticleEvent, ArticlePhoto, ArticleSlug, Author, Category, Tag

# The state of an article saved before versions were kept, stored once
# before its first save with versions, so that save has something to differ from.
BASELINE = "Bài như trước khi có lịch sử phiên bản"

# What a restore brings back; status and publish time stay as they are now,
# so restoring an old draft's text does not take a published article down.
RESTORED_FIELDS = (
    *("title", "slug", "source", "lead", "body"),
    *("category", "author", "allow_comments"),
)
PHOTO_FIELDS = (
    *("image", "caption", "alt_text", "credit", "order", "width", "height"),
    "after_paragraph",  # absent from versions kept before photos were placed in the text
)

# Unchanged words shown around a change in a long text.
CONTEXT_WORDS = 8


def register():
    """Called once from NewsConfig.ready()."""
    # The folded search copies are made again by save(); the count of
    # reads is not the editors' text.
    reversion.register(
        Article,
        follow=("photos",),
        exclude=("view_count", "search_title", "search_document"),
    )
    reversion.register(ArticlePhoto)


def article_versions(article):
    """The versions of `article`, newest first."""
    return Version.objects.get_for_object(article).select_related("revision__user")


def when(version):
    # To the second: two saves in one minute are two versions a person can tell apart.
    return timezone.localtime(version.revision.date_created).strftime("%H:%M:%S %d/%m/%Y")


def who(version):
    user = version.revision.user
    if user is None:
        return "không rõ"
    return user.get_full_name() or user.get_username()


def latest_revision_id(article):
    """The revision of the newest version of `article`, None when none is kept."""
    return article_versions(article).values_list("revision_id", flat=True).first()


def keep_baseline(article):
    """Store `article` as it is, when no version of it is kept yet."""
    if article_versions(article).exists():
        return
    with reversion.create_revision():
        reversion.add_to_revision(article)
        reversion.set_comment(BASELINE)
        reversion.set_date_created(article.updated_at)


@dataclass
class Change:
    """One changed thing: `label`, and `segments` of (kind, text) with kind
    "" (kept), "del" (removed) or "ins" (added), in reading order."""

    label: str
    segments: list
    old: str = ""
    new: str = ""

    # Texts up to this long are quoted whole in a message; longer ones by
    # the words removed and added.
    QUOTED_LENGTH = 300

    def as_text(self):
        """One line for a message, e.g. tiêu đề: “Cũ” → “Mới”."""
        if self.old and self.new and len(self.old) + len(self.new) <= self.QUOTED_LENGTH:
            return f"{self.label}: “{self.old}” → “{self.new}”"
        removed = " … ".join(text for kind, text in self.segments if kind == "del")
        added = " … ".join(text for kind, text in self.segments if kind == "ins")
        if removed and added:
            return f"{self.label}: “{removed}” → “{added}”"
        if added:
            return f"{self.label}: thêm “{added}”"
        return f"{self.label}: bỏ “{removed}”"


def word_diff(old, new, context=None):
    """The words of `old` and `new` as (kind, text) segments; with `context`,
    kept runs longer than that are shortened to their ends."""
    a, b = old.split(), new.split()
    segments = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            kept = a[i1:i2]
            if context and len(kept) > 2 * context:
                head = kept[:context] if segments else []
                tail = kept[-context:] if j2 < len(b) else []
                kept = [*head, "…", *tail]
            segments.append(("", " ".join(kept)))
            continue
        if i1 < i2:
            segments.append(("del", " ".join(a[i1:i2])))
        if j1 < j2:
            segments.append(("ins", " ".join(b[j1:j2])))
    return segments


def _names(model, pks):
    return ", ".join(str(obj) for obj in model.objects.filter(pk__in=pks)) if pks else ""


def snapshot(version):
    """What a version of an article says, as text: {label: text}, and its
    photos as {photo id: {label: text}}."""
    data = version.field_dict
    published = timezone.localtime(data["published_at"]).strftime("%H:%M %d/%m/%Y")
    fields = {
        "tiêu đề": data["title"],
        "đường dẫn": data["slug"],
        "nguồn": data["source"],
        "sapo": data["lead"],
        "nội dung": folding.html_to_text(data["body"]),
        "chuyên mục": _names(Category, [data["category_id"]]),
        "tác giả": _names(Author, [data["author_id"]]),
        "từ khóa": _names(Tag, data.get("tags", [])),
        "trạng thái": dict(Article.Status.choices).get(data["status"], data["status"]),
        "thời gian đăng": published,
        "cho phép bình luận": "có" if data["allow_comments"] else "không",
    }
    photos = {}
    for photo in version.revision.version_set.get_for_model(ArticlePhoto):
        photo_data = photo.field_dict
        if photo_data["article_id"] != int(version.object_id):
            continue
        photos[int(photo.object_id)] = {
            "tệp ảnh": str(photo_data["image"]),
            "chú thích": photo_data["caption"],
            "mô tả ảnh": photo_data["alt_text"],
            "tác giả ảnh": photo_data["credit"],
            "thứ tự": str(photo_data["order"]),
            "đặt sau đoạn": str(photo_data.get("after_paragraph") or "cuối bài"),
        }
    return fields, photos


def compare(old_version, new_version):
    """The Changes from `old_version` to `new_version` of one article."""
    return compare_snapshots(snapshot(old_version), snapshot(new_version))


def compare_snapshots(old, new):
    """The Changes from one snapshot() to another."""
    (old_fields, old_photos), (new_fields, new_photos) = old, new
    changes = [
        Change(
            label,
            word_diff(old_fields[label], new_fields[label], CONTEXT_WORDS),
            old_fields[label],
            new_fields[label],
        )
        for label in new_fields
        if old_fields[label] != new_fields[label]
    ]
    for pk in sorted(old_photos.keys() | new_photos.keys()):
        old, new = old_photos.get(pk), new_photos.get(pk)
        if old is None:
            changes.append(Change("ảnh", [("ins", f"{new['chú thích']} ({new['tệp ảnh']})")]))
        elif new is None:
            changes.append(Change("ảnh", [("del", f"{old['chú thích']} ({old['tệp ảnh']})")]))
        else:
            changes += [
                Change(
                    f"{label} (ảnh “{new['chú thích']}”)",
                    word_diff(old[label], new[label]),
                    old[label],
                    new[label],
                )
                for label in new
                if old[label] != new[label]
            ]
    return changes


@transaction.atomic
def restore(version, user):
    """Make `version` the article's text and photos again, saved as a new
    version, recorded in the log; its status and publish time stay as they are. Readers' pages
    are purged on commit by the save signals (news/signals.py)."""
    article = Article.objects.select_for_update().get(pk=version.object_id)
    data = version.field_dict
    with reversion.create_revision():
        for name in RESTORED_FIELDS:
            attname = Article._meta.get_field(name).attname
            setattr(article, attname, data[attname])
        if not Category.objects.filter(pk=article.category_id).exists():
            article.category_id = Article.objects.get(pk=article.pk).category_id
        if not Author.objects.filter(pk=article.author_id).exists():
            article.author_id = Article.objects.get(pk=article.pk).author_id
        if _slug_taken(article):
            article.slug = Article.objects.get(pk=article.pk).slug
        article.save()
        article.tags.set(Tag.objects.filter(pk__in=data.get("tags", [])))
        _restore_photos(article, version)
        reversion.set_user(user)
        reversion.set_comment(f"Khôi phục phiên bản của {when(version)}")
    ArticleEvent.record(
        article, ArticleEvent.Action.RESTORE, user, note=f"Phiên bản của {when(version)}"
    )
    return article


def _slug_taken(article):
    """Whether the slug being restored now belongs to, or leads to, another article."""
    others = Article.objects.exclude(pk=article.pk).filter(slug=article.slug)
    old = ArticleSlug.objects.filter(slug=article.slug).exclude(article_id=article.pk)
    return others.exists() or old.exists()


def _restore_photos(article, version):
    # Photo files stay on disk when a photo is removed, so a restored row
    # finds its file again.
    kept = {}
    for photo in version.revision.version_set.get_for_model(ArticlePhoto):
        data = photo.field_dict
        if data["article_id"] == article.pk:
            kept[int(photo.object_id)] = data
    for photo in article.photos.exclude(pk__in=kept):
        photo.delete()
    for pk, data in kept.items():
        # All at once: width and height given, the image file is not opened.
        fields = {name: data.get(name) for name in PHOTO_FIELDS}
        ArticlePhoto(pk=pk, article=article, **fields).save()


@dataclass
class Conflict:
    """Saves by others since the editor opened the form: the newest
    revision, the message, and the article's fields as the editor opened it
    (None when that version is not kept) and as it is now."""

    newest_revision: int
    message: str
    opened: dict | None
    now: dict


def saved_meanwhile(article, opened_revision, editor=None):
    """A Conflict when others (or `editor` in another tab) saved `article`
    after the version the editor opened (`opened_revision`, the revision id
    the form carried; None when none was kept yet) and changed something;
    else None. Call inside a
    transaction: the article's row stays locked until it commits, so no
    save slips in between this check and the editor's save."""
    # A save in another tab waits here, then sees this one and its version.
    list(Article.objects.select_for_update().filter(pk=article.pk).values_list("pk", flat=True))
    since = _changes_since(article, opened_revision)
    if since is None:
        return None
    newer, before, latest, changes = since
    savers = []
    for version in newer:
        if who(version) not in savers:
            savers.append(who(version))
    what = describe(changes)
    if editor is not None and all(v.revision.user_id == editor.pk for v in newer):
        message = (
            f"Chính bạn đã lưu bài này ở một trang (thẻ) khác lúc {when(latest)}, sau khi mở "
            f"trang này. Thay đổi ở trang đó: {what}. Nội dung bạn gõ ở đây vẫn ở dưới (ô nào "
            "bạn chưa sửa thì đã lấy theo trang kia); hãy xem lại rồi lưu lần nữa."
        )
    else:
        message = (
            f"Bài viết đã được {', '.join(reversed(savers))} lưu lúc {when(latest)} sau khi "
            f"bạn mở trang. Thay đổi của họ: {what}. Nội dung bạn gõ vẫn ở dưới đây (ô nào bạn "
            "chưa sửa thì đã lấy theo thay đổi của họ); hãy xem lại rồi lưu lần nữa."
        )
    return Conflict(
        latest.revision_id, message, before.field_dict if before else None, latest.field_dict
    )


def saved_since(article, revision_id, ignored=()):
    """(the newest version, what changed, as text) when `article` was saved
    with a change, other than to the fields labelled `ignored`, after the
    version of `revision_id`; else None."""
    since = _changes_since(article, revision_id)
    if since is None:
        return None
    _, _, latest, changes = since
    if changes is not None:
        changes = [change for change in changes if change.label not in ignored]
        if not changes:
            return None
    return latest, describe(changes)


def _changes_since(article, revision_id):
    """(the newer versions, the version of `revision_id` or the baseline,
    the newest version, the Changes or None when the older one is not kept)
    when a version newer than `revision_id` changed something; else None."""
    versions = article_versions(article)
    newer = versions.filter(revision_id__gt=revision_id or 0).exclude(revision__comment=BASELINE)
    latest = newer.first()
    if latest is None:
        return None
    if revision_id:
        before = versions.filter(revision_id=revision_id).first()
    else:
        before = versions.filter(revision__comment=BASELINE).first()
    changes = compare(before, latest) if before else None
    if changes == []:
        return None
    return newer, before, latest, changes


def describe(changes):
    """Changes as one line of a message."""
    if changes is None:
        return "không còn phiên bản cũ để so sánh"
    return "; ".join(change.as_text() for change in changes)


@contextmanager
def revision(user, comment):
    """Saves made inside are one new version, by `user`, with `comment`."""
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        yield


def keep_in_open_revision(article):
    """When a version is being made (an admin save), put `article` in it as
    it is now, so the version holds a status or time set after the form."""
    if reversion.is_active():
        add_with_photos(article)


def add_with_photos(article):
    """Put `article` and its photos as they are now in the version being
    made, over whatever it held of them (a photo moved from another article
    was put in with that one)."""
    reversion.add_to_revision(article)
    for photo in article.photos.all():
        reversion.add_to_revision(photo)
