"""The keyboard moderation queue, in the admin: one screen with the waiting
comments in full, oldest first, and the JSON endpoints its script
(static/js/queue.js) posts each decision, undo and reply to. Every change
goes through comments.moderation, which locks, logs and purges.

Moderators (change_comment) decide; the newsroom's other staff who may read
comments (editors) open the queue read only, without the decision buttons,
and are refused by the endpoints."""

import re
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from news.paginators import capped_count

from . import moderation
from .forms import ReplyForm
from .models import Comment, Reply
from .moderation import COUNT_LIMIT, UNPUBLISHED, count_label

PER_PAGE = 50
# How long the page offers "Hoàn tác" after a decision. The server keeps no
# clock for it: an undo is refused only when the comment changed since.
UNDO_SECONDS = 10
UNDO_SALT = "comments.queue.undo"
CURSOR = "sau"  # ?sau=<id>: the comments after this one
ID = re.compile(r"[0-9]{1,18}")  # an id the database can compare


@dataclass(frozen=True)
class Action:
    status: str
    label: str  # the button
    key: str  # its one key
    done: str  # the line a decided comment collapses to


ACTIONS = (
    Action(Comment.Status.APPROVED, "Duyệt", "A", "Đã duyệt"),
    Action(Comment.Status.REJECTED, "Từ chối", "R", "Đã từ chối"),
    Action(Comment.Status.SPAM, "Spam", "S", "Đã đánh dấu spam"),
    Action(Comment.Status.TRASH, "Thùng rác", "X", "Đã chuyển vào thùng rác"),
)
DONE = {action.status: action.done for action in ACTIONS}
ANSWERED = "Đã duyệt và trả lời"


def urls(model_admin):
    """The queue's routes, for CommentAdmin.get_urls()."""
    wrap = model_admin.admin_site.admin_view
    extra = {"model_admin": model_admin}
    return [
        path("hang-cho/", wrap(queue), extra, name="comments_comment_queue"),
        # The comment is named in the POST (binh_luan), not in the address:
        # the page then carries one address of each, not 150 (reversing them
        # took a fifth of the page's time).
        path("hang-cho/quyet-dinh/", wrap(decide), extra, name="comments_comment_decide"),
        path("hang-cho/hoan-tac/", wrap(undo), extra, name="comments_comment_undo"),
        path("hang-cho/tra-loi/", wrap(reply), extra, name="comments_comment_reply"),
    ]


def may_decide(user):
    # Not CommentAdmin.has_change_permission: it lets editors save a
    # comment's page for its reply, never change its status.
    return user.has_perm("comments.change_comment")


def queue(request, model_admin):
    """The page: PER_PAGE waiting comments, oldest first, after ?sau=<id>."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    comments, more = waiting(request.GET.get(CURSOR, ""), request.user, model_admin)
    can_decide = may_decide(request.user)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Comment._meta,
        "title": "Hàng chờ kiểm duyệt",
        "comments": comments,
        "next_url": f"?{CURSOR}={comments[-1].pk}" if more else None,
        "counts": status_counts(model_admin),
        "can_decide": can_decide,
        "actions": ACTIONS if can_decide else (),
        "reply_form": ReplyForm() if can_decide else None,
        "undo_seconds": UNDO_SECONDS,
        "unpublished": UNPUBLISHED,
    }
    return TemplateResponse(request, "admin/comments/comment/queue.html", context)


def status_counts(model_admin):
    """(status, label, count, list address) of each status, counted no
    further than COUNT_LIMIT like the comment list's filter."""
    return [
        (
            value,
            label,
            count_label(capped_count(Comment.objects.filter(status=value), COUNT_LIMIT)),
            model_admin.status_list_url(value),
        )
        for value, label in Comment.Status.choices
    ]


def waiting(cursor, user, model_admin):
    """(the page's comments, whether more wait after them): one query for the
    comments with their article and reply, two for their senders' other
    comments (one more for the comment named by `cursor`, on later pages)."""
    comments = Comment.objects.pending().order_by("submitted_at", "pk")
    after = ID.fullmatch(cursor) and (
        Comment.objects.filter(pk=cursor).values_list("submitted_at", flat=True).first()
    )
    if after:
        # Keyset, not OFFSET: it costs the same on any page, and decisions
        # taken meanwhile do not shift it.
        comments = comments.filter(submitted_at__gte=after).exclude(
            submitted_at=after, pk__lte=cursor
        )
    rows = list(
        comments.select_related("article", "reply__office").only(
            *("pk", "name", "phone", "title", "content", "status", "submitted_at"),
            *("ip_address", "held_for", "article__title", "article__slug"),
            *("article__status", "article__published_at", "reply__text", "reply__published"),
            *("reply__comment_id", "reply__office__name"),
        )[: PER_PAGE + 1]
    )
    rows, more = rows[:PER_PAGE], len(rows) > PER_PAGE
    newsroom = user.has_perm("news.view_article")
    others = same_reader_counts(rows)
    for comment in rows:
        # A moderator never reads an unpublished article's title
        # (moderation.visible_articles).
        comment.article_shown = newsroom or comment.article.is_public
        comment.others = others[comment.pk]
        comment.others_url = model_admin.reader_history_url(comment)
        comment.existing_reply = _reply(comment)
    return rows, more


def same_reader_counts(comments):
    """{comment id: how many other comments came from its phone number or
    address}, in two grouped queries whatever the number of comments: by
    (phone, address) over their phone numbers, and by address over their
    addresses. Those sharing both are counted once. COUNT(*), not of a
    column: the count by address is then read from its index alone
    (PostgreSQL: 40 ms, not 420, for 170,000 comments from 44 addresses)."""
    phones = {c.phone for c in comments if c.phone}
    addresses = {c.ip_address for c in comments if c.ip_address}
    by_pair, by_address = {}, {}
    if phones:
        rows = (
            Comment.objects.filter(phone__in=phones)
            .order_by()
            .values_list("phone", "ip_address")
            .annotate(n=Count("*"))
        )
        by_pair = {(phone, address): n for phone, address, n in rows}
    if addresses:
        rows = (
            Comment.objects.filter(ip_address__in=addresses)
            .order_by()
            .values_list("ip_address")
            .annotate(n=Count("*"))
        )
        by_address = dict(rows)
    by_phone = {}
    for (phone, _), n in by_pair.items():
        by_phone[phone] = by_phone.get(phone, 0) + n
    counts = {}
    for c in comments:
        same = 0
        if c.phone:
            same += by_phone.get(c.phone, 0)
        if c.ip_address:
            same += by_address.get(c.ip_address, 0)
            if c.phone:
                same -= by_pair.get((c.phone, c.ip_address), 0)
        counts[c.pk] = max(same - 1, 0)  # not itself
    return counts


def _reply(comment):
    try:
        return comment.reply
    except Reply.DoesNotExist:
        return None


# The endpoints. Each answers JSON: {"ok": true, "message": …} or
# {"ok": false, "error": …} with 400, 403, 404 or 409.


def _refused(text, status):
    return JsonResponse({"ok": False, "error": text}, status=status)


def _forbidden():
    return _refused("Bạn không có quyền kiểm duyệt bình luận.", 403)


def _gone():
    return _refused("Bình luận này không còn nữa (đã bị xóa hẳn).", 404)


def _conflict(comment, doing):
    """Someone else got there first: who, what and when, and that nothing
    was changed."""
    label = comment.get_status_display()
    if comment.moderated_by_id and comment.moderated_at:
        who = comment.moderated_by
        when = date_format(timezone.localtime(comment.moderated_at), "H:i d/m/Y")
        name = who.get_full_name() or who.get_username()
        text = f"{name} đã chuyển bình luận này sang “{label}” lúc {when}."
    else:
        text = f"Bình luận này đang ở trạng thái “{label}”."
    return _refused(f"{text} {doing} không được thực hiện.", 409)


def _comment(request):
    """The comment POST["binh_luan"] names, or None."""
    pk = request.POST.get("binh_luan", "")
    if not ID.fullmatch(pk):
        return None
    return Comment.objects.only("pk", "title", "status").filter(pk=pk).first()


def _undo_token(comment, was, status, at, moderator):
    # Signed: the page cannot forge whose decision, on which comment, from
    # and to which status, is taken back.
    return signing.dumps(
        {"pk": comment.pk, "was": was, "to": status, "at": at.isoformat(), "by": moderator.pk},
        salt=UNDO_SALT,
    )


@require_POST
def decide(request, model_admin):
    """Give the waiting comment POST["binh_luan"] the status POST["status"]
    (approved, rejected, spam or trash). Refused (409) when it is no longer
    waiting."""
    if not may_decide(request.user):
        return _forbidden()
    status = request.POST.get("status", "")
    if status not in DONE:
        return _refused("Quyết định không hợp lệ.", 400)
    comment = _comment(request)
    if comment is None:
        return _gone()
    return _decided(
        comment,
        status,
        DONE[status],
        request.user,
        "Quyết định của bạn",
        lambda: moderation.decide(comment, status, request.user),
    )


def _decided(comment, status, done, moderator, doing, change):
    """Make `change` (a moderation call that returns its time) and answer as
    queue.js expects: the new status, the line the comment folds to and the
    token of its undo; a colleague's earlier decision, or a comment deleted
    meanwhile, is refused with nothing changed."""
    try:
        at = change()
    except moderation.Conflict as conflict:
        return _conflict(conflict.comment, doing)
    except Comment.DoesNotExist:
        return _gone()
    return JsonResponse(
        {
            "ok": True,
            "status": status,
            "done": done,
            "message": f"{done}: “{comment.title}”.",
            "undo": _undo_token(comment, Comment.Status.PENDING, status, at, moderator),
        }
    )


@require_POST
def undo(request, model_admin):
    """Put a comment back as it was before this moderator's decision, named by
    the signed POST["undo"] its answer carried; refused (409) when anyone
    changed the comment since."""
    if not may_decide(request.user):
        return _forbidden()
    try:
        token = signing.loads(request.POST.get("undo", ""), salt=UNDO_SALT)
        at = parse_datetime(token["at"])
        valid = token["by"] == request.user.pk and at is not None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        valid = False
    if not valid:
        return _refused("Yêu cầu hoàn tác không hợp lệ. Hãy tải lại trang.", 400)
    comment = Comment.objects.only("pk", "title", "status").filter(pk=token["pk"]).first()
    if comment is None:
        return _gone()
    try:
        moderation.decide(comment, token["was"], request.user, seen=token["to"], seen_at=at)
    except moderation.Conflict as conflict:
        return _conflict(conflict.comment, "Hoàn tác")
    except Comment.DoesNotExist:
        return _gone()
    return JsonResponse(
        {
            "ok": True,
            "status": token["was"],
            "message": f"Đã hoàn tác: “{comment.title}” trở lại hàng chờ.",
        }
    )


@require_POST
def reply(request, model_admin):
    """ "Duyệt và trả lời": save the reply in POST (ReplyForm's fields) to the
    waiting comment POST["binh_luan"] and approve it, in one step. Mistakes
    come back as {"errors": {field: [message, …]}} (400) and nothing is
    stored."""
    if not may_decide(request.user):
        return _forbidden()
    comment = _comment(request)
    if comment is None:
        return _gone()
    form = ReplyForm(request.POST, instance=_reply(comment))
    if not form.is_valid():
        errors = {
            field: [e["message"] for e in found]
            for field, found in form.errors.get_json_data().items()
        }
        return JsonResponse(
            {
                "ok": False,
                "error": "Chưa gửi được câu trả lời: hãy sửa các lỗi bên dưới.",
                "errors": errors,
            },
            status=400,
        )
    return _decided(
        comment,
        Comment.Status.APPROVED,
        ANSWERED,
        request.user,
        "Duyệt và trả lời",
        lambda: moderation.answer_and_approve(comment, form, request.user),
    )
