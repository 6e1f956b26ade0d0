"""comments.moderation: the functions behind the admin actions and closing."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from comments import moderation
from comments.models import Comment, ModerationRecord
from tests.factories import ArticleFactory, CommentFactory


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (moderation.approve, Comment.Status.APPROVED),
        (moderation.reject, Comment.Status.REJECTED),
        (moderation.mark_spam, Comment.Status.SPAM),
    ],
)
def test_action_sets_status_and_records_who_and_when(moderator, action, status):
    comments = CommentFactory.create_batch(3)
    untouched = CommentFactory()
    moment = timezone.now().replace(microsecond=0) + timedelta(hours=2)
    with time_machine.travel(moment, tick=False):
        changed = action(Comment.objects.filter(pk__in=[c.pk for c in comments]), moderator)
    assert changed == 3
    for comment in comments:
        comment.refresh_from_db()
        assert comment.status == status
        assert comment.moderated_by == moderator
        assert comment.moderated_at == moment
    untouched.refresh_from_db()
    assert untouched.status == Comment.Status.PENDING
    assert untouched.moderated_by is None


def test_comments_already_in_that_status_keep_their_moderator(moderator, editor):
    earlier = timezone.now() - timedelta(days=1)
    approved = CommentFactory(
        status=Comment.Status.APPROVED, moderated_by=editor, moderated_at=earlier
    )
    pending = CommentFactory()
    assert moderation.approve(Comment.objects.all(), moderator) == 1
    approved.refresh_from_db()
    assert (approved.moderated_by, approved.moderated_at) == (editor, earlier)
    pending.refresh_from_db()
    assert pending.moderated_by == moderator


def test_unknown_status_is_refused(moderator):
    CommentFactory()
    with pytest.raises(ValueError):
        moderation.moderate(Comment.objects.all(), "published", moderator)
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_approved_and_pending_querysets(db):
    approved = CommentFactory(status=Comment.Status.APPROVED)
    pending = CommentFactory(status=Comment.Status.PENDING)
    CommentFactory(status=Comment.Status.REJECTED)
    CommentFactory(status=Comment.Status.SPAM)
    assert list(Comment.objects.approved()) == [approved]
    assert list(Comment.objects.pending()) == [pending]


def test_comments_are_open_on_a_fresh_public_article(db):
    assert moderation.comments_open(ArticleFactory())


def test_comments_are_closed_when_editors_close_them(db):
    assert not moderation.comments_open(ArticleFactory(allow_comments=False))


def test_comments_are_closed_on_unpublished_articles(db):
    assert not moderation.comments_open(ArticleFactory(status="draft"))
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(hours=1))
    assert not moderation.comments_open(scheduled)


def test_comments_close_the_configured_number_of_days_after_publication(settings, db):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 7
    article = ArticleFactory(published_at=timezone.now() - timedelta(hours=1))
    opened = article.published_at
    assert moderation.comments_open(article, now=opened + timedelta(days=7, seconds=-1))
    assert not moderation.comments_open(article, now=opened + timedelta(days=7))


@pytest.mark.parametrize("days", [0, None])
def test_comments_never_close_by_age_when_disabled(settings, db, days):
    settings.COMMENTS_CLOSE_AFTER_DAYS = days
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=5000))
    assert moderation.comments_open(article)


def test_every_action_is_in_the_log_with_who_when_which_and_from_what(moderator):
    pending = CommentFactory.create_batch(2)
    rejected = CommentFactory(status=Comment.Status.REJECTED)
    already = CommentFactory(status=Comment.Status.APPROVED)
    ids = [c.pk for c in (*pending, rejected, already)]
    moderation.approve(Comment.objects.filter(pk__in=ids), moderator)
    records = {r.from_status: r for r in ModerationRecord.objects.all()}
    assert set(records) == {Comment.Status.PENDING, Comment.Status.REJECTED}
    assert sorted(records[Comment.Status.PENDING].comment_ids) == sorted(c.pk for c in pending)
    assert records[Comment.Status.REJECTED].comment_ids == [rejected.pk]
    for record in records.values():
        assert (record.moderator, record.to_status) == (moderator, Comment.Status.APPROVED)
        assert record.at is not None
    # Nothing changed, nothing recorded.
    moderation.approve(Comment.objects.filter(pk=already.pk), moderator)
    assert ModerationRecord.objects.count() == 2
