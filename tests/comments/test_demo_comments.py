"""The demo's comments: answered ones on the public pages, and a queue with
work in it, screened as readers' posts are."""

import pytest
from django.core.management import call_command

from comments.models import BlockedPhrase, Comment, ModerationRecord, Reply
from news.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)
    call_command("load_demo_comments", verbosity=0)


def test_demo_answers_show_under_their_comments(client, demo):
    reply = Reply.objects.select_related("comment__article", "office").first()
    assert reply is not None and reply.comment.status == Comment.Status.APPROVED
    page = client.get(reply.comment.article.get_absolute_url()).content.decode()
    assert reply.comment.title in page
    assert reply.signature in page
    assert reply.text.split(".")[0] in page


def test_demo_queue_has_work_and_holds_what_readers_posts_would(demo):
    pending = Comment.objects.pending()
    assert pending.count() >= 5
    student = Comment.objects.get(title="Muốn đăng ký tham gia đợt sau")
    assert student.held_for == ["Có số điện thoại", "Có địa chỉ e-mail"]
    assert Comment.objects.get(title="Bản đồ quy hoạch chi tiết").held_for == ["Có liên kết"]
    loan = Comment.objects.get(title="Vay tiền nhanh không cần thế chấp")
    assert loan.status == Comment.Status.SPAM
    assert ModerationRecord.objects.filter(
        to_status=Comment.Status.SPAM, moderator=None, comment_ids=[loan.pk]
    ).exists()
    assert BlockedPhrase.objects.filter(action=BlockedPhrase.Action.SPAM).exists()


def test_loading_the_demo_comments_twice_adds_nothing(demo):
    counts = (Comment.objects.count(), Reply.objects.count(), BlockedPhrase.objects.count())
    call_command("load_demo_comments", verbosity=0)
    assert (Comment.objects.count(), Reply.objects.count(), BlockedPhrase.objects.count()) == counts
    assert Article.objects.filter(comments__isnull=False).distinct().count() >= 4
