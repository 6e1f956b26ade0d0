"""E-mail to moderators when a comment arrives (COMMENTS_NOTIFY_MODERATORS)."""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.text import Truncator

from news import portal
from news.roles import MODERATORS

from .models import Comment

logger = logging.getLogger(__name__)


def moderator_emails():
    """Addresses of active moderators and superusers, each once."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.filter(Q(groups__name=MODERATORS) | Q(is_superuser=True))
    return sorted(set(users.values_list("email", flat=True)))


def notify_moderators(comment, review_url):
    """When enabled, e-mail the moderators about `comment` once the
    transaction that stored it has committed. Never raises: a failure to send
    is logged, and the reader's comment is kept either way."""
    if settings.COMMENTS_NOTIFY_MODERATORS:
        transaction.on_commit(partial(_send, comment.pk, review_url))


def _send(comment_id, review_url):
    try:
        comment = Comment.objects.select_related("article").get(pk=comment_id)
        recipients = moderator_emails()
        if not recipients:
            logger.warning("No moderator e-mail address; comment %s not announced", comment_id)
            return
        # One line whatever the title holds: a line break in a subject would
        # be refused by send_mail (header injection), and the e-mail lost.
        title = " ".join(comment.title.split())
        subject = Truncator(f"[{portal.current().name}] Bình luận chờ duyệt: {title}")
        body = render_to_string(
            "comments/email/new_comment.txt", {"comment": comment, "review_url": review_url}
        )
        send_mail(subject.chars(150), body, None, recipients)
    except Exception:
        logger.exception("Could not e-mail moderators about comment %s", comment_id)
