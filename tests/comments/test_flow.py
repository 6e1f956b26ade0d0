"""The whole path through the real views and the admin: a reader comments,
a moderator approves, readers see it; the captcha solved from its store."""

import pytest
from django.conf import settings
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from comments.models import Comment
from tests.comments.helpers import captcha_in

# The moderator's decision is seen by readers once it commits: this test commits.
pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_comment_is_public_only_after_a_moderator_approves_it(
    client, moderator_client, article, moderator
):
    assert not getattr(settings, "CAPTCHA_TEST_MODE", False)

    # A reader opens the article, reads the captcha and posts.
    page = client.get(article.get_absolute_url())
    assertContains(page, "Viết bình luận")
    key, answer = captcha_in(page.content)
    response = client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        {
            "name": "Đỗ Minh Châu",
            "phone": "+84 987 123 456",
            "title": "Đề nghị thêm thùng rác",
            "content": "Khu vực chợ cần thêm thùng rác công cộng.",
            "captcha_0": key,
            "captcha_1": answer.upper(),
            "website": "",
        },
        REMOTE_ADDR="203.0.113.20",
    )
    assertRedirects(
        response, article.get_absolute_url() + "#binh-luan", fetch_redirect_response=False
    )
    page = client.get(response["Location"])
    # Once, in the comments section where the reader lands, not again on top.
    assertContains(page, "đang chờ ban biên tập duyệt", count=1)
    assertNotContains(page, "Đề nghị thêm thùng rác")

    # The moderator finds it in the queue and approves it.
    staff = moderator_client
    index = staff.get(reverse("admin:index"))
    assertContains(index, "Bình luận chờ duyệt: <strong>1</strong>")
    queue = staff.get(reverse("admin:comments_comment_changelist"))
    assertContains(queue, "Đề nghị thêm thùng rác")
    comment = Comment.objects.get()
    staff.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "index": "0", "_selected_action": [comment.pk]},
    )

    # Readers see it at once, with the count, and without the phone.
    page = client.get(article.get_absolute_url())
    assertContains(page, "Đề nghị thêm thùng rác")
    assertContains(page, "Khu vực chợ cần thêm thùng rác công cộng.")
    assertContains(page, '<p class="comments__count">1 bình luận</p>', html=True)
    assertNotContains(page, "987 123 456")
    assertNotContains(page, "987123456")
    comment.refresh_from_db()
    assert comment.moderated_by == moderator
    assert comment.ip_address == "203.0.113.20"

    # Rejecting it later takes it off the page at once.
    staff.post(
        reverse("admin:comments_comment_changelist") + "?trang_thai=tat-ca",
        {"action": "reject", "index": "0", "_selected_action": [comment.pk]},
    )
    page = client.get(article.get_absolute_url())
    assertNotContains(page, "Đề nghị thêm thùng rác")
    assertContains(page, "Chưa có bình luận nào.")
