"""The keyboard moderation queue, in a browser: a moderator works twenty
waiting comments with twenty keys, answers one in the queue and a reader
sees the answer under it, takes a decision back with Z, and does the same
with taps on a phone."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from comments import moderation
from comments.models import Comment, ModerationRecord, Reply
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, fits_the_screen, log_in
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

# One key per decision, as the queue's help line lists them.
DECISIONS = {"a": "approved", "r": "rejected", "s": "spam", "x": "trash"}


@pytest.fixture
def article():
    return ArticleFactory(title="Phường Phúc Đồng khơi thông cống sau trận mưa lớn")


def waiting(article, count):
    """`count` readers' comments, the oldest first, each from its own phone."""
    start = timezone.now() - timedelta(hours=2)
    return [
        CommentFactory(
            article=article,
            name=f"Bạn đọc số {n + 1}",
            phone=f"+8498{n:07d}",
            title=f"Ý kiến {n + 1:02} về cống thoát nước",
            content=f"Ngõ {n + 10} vẫn còn đọng nước sau mưa.\nMong phường kiểm tra giúp.",
            submitted_at=start + timedelta(minutes=n),
        )
        for n in range(count)
    ]


def nothing_spills(page):
    """Nothing in the queue reaches past the right edge of the screen (the
    admin's layout would hide it rather than let the page scroll)."""
    return page.locator(".queue-page *").evaluate_all(
        "elements => elements.every(e => e.getBoundingClientRect().right <= window.innerWidth)"
    )


def refused(status, reason):
    """What Chromium logs for an answer the server refused."""
    return f"Failed to load resource: the server responded with a status of {status} ({reason})"


class Keyboard:
    """The moderator's keyboard, counting every key pressed."""

    def __init__(self, page):
        self.page, self.pressed = page, []

    def press(self, key):
        self.pressed.append(key)
        self.page.keyboard.press(key)


def open_queue(page, live_server):
    """From the admin's index, as a moderator arrives at the queue."""
    page.goto(live_server.url + reverse("admin:index"))
    page.get_by_role("link", name="Mở hàng chờ kiểm duyệt").click()
    expect(page.get_by_role("heading", name="Hàng chờ kiểm duyệt", level=1)).to_be_visible()
    # The script has run once the buttons show (they are hidden without it).
    expect(page.get_by_role("group", name="Quyết định cho").first).to_be_visible()


def item(page, comment):
    return page.locator(f"#cho-duyet-{comment.pk}")


def test_twenty_decisions_take_twenty_keys(live_server, page_factory, moderator, article):
    comments = waiting(article, 20)
    page = page_factory(DESKTOP)
    log_in(page, live_server, moderator)
    open_queue(page, live_server)
    status = page.get_by_role("status")
    # The oldest comment is the current one as the page opens: no key to reach it.
    expect(item(page, comments[0])).to_be_focused()
    expect(page.locator(".queue-help")).to_contain_text("A duyệt")

    keyboard = Keyboard(page)
    plan = "arsx" * 5
    for n, key in enumerate(plan):
        expect(item(page, comments[n])).to_be_focused()
        keyboard.press(key)
    assert len(keyboard.pressed) == 20  # one key per decision

    expect(page.locator(".queue-item.is-decided:not(.is-saving)")).to_have_count(20)
    expect(item(page, comments[3])).to_contain_text("Đã chuyển vào thùng rác")
    expect(item(page, comments[4])).to_contain_text("Đã duyệt")
    expect(page.locator("[data-queue-end]")).to_be_focused()
    expect(page.locator("[data-queue-end]")).to_contain_text("Đã xử lý hết")
    expect(status).to_contain_text("Đã chuyển vào thùng rác: “Ý kiến 20 về cống thoát nước”.")
    counts = page.get_by_role("list", name="Số bình luận theo trạng thái")
    expect(counts).to_contain_text("Chờ duyệt: 0")
    expect(counts).to_contain_text("Spam: 5")
    decided = dict(Comment.objects.values_list("pk", "status"))
    assert [decided[c.pk] for c in comments] == [DECISIONS[key] for key in plan]
    assert not Comment.objects.pending().exists()
    assert set(Comment.objects.values_list("moderated_by", flat=True)) == {moderator.pk}
    assert ModerationRecord.objects.count() == 20
    assert page.console_errors == []


def test_a_held_comment_is_published_only_on_a_second_press(
    live_server, page_factory, moderator, article
):
    held, plain = waiting(article, 2)
    held.content = "Cần người giúp dọn cống, gọi tôi: 0912 345 678."
    held.held_for = ["Có số điện thoại"]
    held.save()
    page = page_factory(DESKTOP)
    log_in(page, live_server, moderator)
    open_queue(page, live_server)
    expect(item(page, held)).to_be_focused()
    page.keyboard.press("a")
    # Its reason is said, on the comment and to a screen reader; nothing is sent.
    expect(item(page, held).locator(".queue-item__error")).to_contain_text("Có số điện thoại")
    expect(page.get_by_role("status")).to_contain_text("lần nữa nếu vẫn đăng")
    expect(item(page, held)).to_be_focused()
    assert Comment.objects.get(pk=held.pk).status == Comment.Status.PENDING
    page.keyboard.press("a")
    expect(item(page, held)).to_contain_text("Đã duyệt")
    expect(item(page, plain)).to_be_focused()
    page.keyboard.press("a")  # not held: one key
    expect(item(page, plain)).to_contain_text("Đã duyệt")
    expect(page.locator(".queue-item.is-decided:not(.is-saving)")).to_have_count(2)
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.APPROVED}


def test_a_reply_written_in_the_queue_appears_under_the_comment(
    live_server, page_factory, moderator, article
):
    first, second = waiting(article, 2)
    page = page_factory(DESKTOP)
    log_in(page, live_server, moderator)
    open_queue(page, live_server)
    keyboard = Keyboard(page)

    keyboard.press("p")
    box = page.get_by_role("textbox", name="Nội dung trả lời")
    expect(box).to_be_focused()
    keyboard.press("Control+Enter")  # nothing typed yet: the box says why
    expect(item(page, first).locator(".errorlist:visible")).to_have_text(
        "Hãy nhập nội dung trả lời."
    )
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(box).to_be_focused()
    assert Comment.objects.get(pk=first.pk).status == Comment.Status.PENDING

    answer = "Phường đã cử tổ công tác nạo vét cống ngõ 10 trong sáng mai."
    page.keyboard.type(answer)  # typing is not counted: it is the answer itself
    page.keyboard.press("a")  # a letter typed into the box is not a decision
    page.keyboard.press("Backspace")
    keyboard.press("Control+Enter")
    expect(item(page, first)).to_contain_text("Đã duyệt và trả lời")
    expect(item(page, second)).to_be_focused()
    expect(page.get_by_role("status")).to_contain_text("Đã duyệt và trả lời")
    assert keyboard.pressed == ["p", "Control+Enter", "Control+Enter"]

    reply = Reply.objects.get()
    assert (reply.comment_id, reply.text, reply.written_by) == (first.pk, answer, moderator)
    assert Comment.objects.get(pk=first.pk).status == Comment.Status.APPROVED
    assert Comment.objects.get(pk=second.pk).status == Comment.Status.PENDING

    # A reader, in a browser of their own, finds the answer under the comment.
    reader = page_factory(PHONE)
    reader.goto(live_server.url + article.get_absolute_url())
    comment = reader.locator(f"#binh-luan-{first.pk}")
    expect(comment.get_by_role("heading", name=first.title)).to_be_visible()
    answered = comment.locator(".comment__reply")
    expect(answered).to_contain_text(answer)
    expect(answered.get_by_role("heading")).to_contain_text("Trả lời")
    expect(answered.get_by_role("heading")).to_contain_text("Ban biên tập")
    expect(reader.locator(".comment__reply")).to_have_count(1)
    # The browser notes the refused empty answer; nothing else went wrong.
    assert page.console_errors == [refused(400, "Bad Request")]
    assert reader.console_errors == []


def test_z_takes_the_last_decision_back(live_server, page_factory, moderator, article):
    first, second = waiting(article, 2)
    page = page_factory(DESKTOP)
    log_in(page, live_server, moderator)
    open_queue(page, live_server)
    keyboard = Keyboard(page)

    keyboard.press("s")
    done = item(page, first).locator("[data-done]")
    expect(done).to_contain_text("Đã đánh dấu spam")
    expect(done.get_by_role("button", name="Hoàn tác")).to_be_visible()
    expect(item(page, second)).to_be_focused()
    keyboard.press("z")
    expect(page.get_by_role("status")).to_have_text(
        f"Đã hoàn tác: “{first.title}” trở lại hàng chờ."
    )
    expect(item(page, first)).to_be_focused()
    expect(item(page, first).get_by_role("button", name="Duyệt")).to_be_visible()
    assert Comment.objects.get(pk=first.pk).status == Comment.Status.PENDING
    assert list(ModerationRecord.objects.order_by("pk").values_list("to_status", flat=True)) == [
        "spam",
        "pending",
    ]
    assert page.console_errors == []


def test_undo_is_offered_for_a_few_seconds_only(
    live_server, page_factory, moderator, article, monkeypatch
):
    monkeypatch.setattr("comments.queue.UNDO_SECONDS", 1)  # ten in use
    first, _ = waiting(article, 2)
    page = page_factory(DESKTOP)
    log_in(page, live_server, moderator)
    open_queue(page, live_server)
    page.keyboard.press("r")
    undo = item(page, first).get_by_role("button", name="Hoàn tác")
    expect(undo).to_be_visible()
    expect(undo).to_be_hidden(timeout=3000)
    page.keyboard.press("z")
    expect(page.get_by_role("status")).to_have_text("Không còn quyết định nào để hoàn tác.")
    assert Comment.objects.get(pk=first.pk).status == Comment.Status.REJECTED


def test_a_colleagues_earlier_decision_is_reported_not_overwritten(
    live_server, page_factory, moderator, article
):
    first, _ = waiting(article, 2)
    colleague = UserFactory(username="kiemduyet2", is_staff=True, first_name="Lê", last_name="Hà")
    colleague.groups.set(moderator.groups.all())
    page = page_factory(DESKTOP)
    log_in(page, live_server, moderator)
    open_queue(page, live_server)
    moderation.reject(Comment.objects.filter(pk=first.pk), colleague)
    page.keyboard.press("a")
    expect(item(page, first)).to_contain_text("Lê Hà đã chuyển bình luận này sang “Từ chối”")
    expect(page.get_by_role("status")).to_contain_text("Quyết định của bạn không được thực hiện.")
    assert Comment.objects.get(pk=first.pk).status == Comment.Status.REJECTED
    assert page.console_errors == [refused(409, "Conflict")]


def test_on_a_phone_each_decision_is_one_tap_and_the_page_fits(
    live_server, page_factory, moderator, article
):
    first, second, third = waiting(article, 3)
    page = page_factory(PHONE, has_touch=True)
    log_in(page, live_server, moderator)
    open_queue(page, live_server)
    assert fits_the_screen(page) and nothing_spills(page)
    approve = item(page, first).get_by_role("button", name="Duyệt")
    for button in item(page, first).get_by_role("button").all():
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, button.inner_text()

    approve.tap()
    expect(item(page, first)).to_contain_text("Đã duyệt")
    item(page, second).get_by_role("button", name="Thùng rác").tap()
    expect(item(page, second)).to_contain_text("Đã chuyển vào thùng rác")
    item(page, third).get_by_role("button", name="Trả lời").tap()
    expect(page.get_by_role("textbox", name="Nội dung trả lời")).to_be_visible()
    assert fits_the_screen(page) and nothing_spills(page)
    assert axe_violations(page) == []
    page.get_by_role("textbox", name="Nội dung trả lời").fill("Cảm ơn bạn đã báo.")
    item(page, third).get_by_role("button", name="Duyệt và trả lời").tap()
    expect(item(page, third)).to_contain_text("Đã duyệt và trả lời")
    assert fits_the_screen(page) and nothing_spills(page)
    assert Comment.objects.approved().count() == 2
    assert Comment.objects.get(pk=second.pk).status == Comment.Status.TRASH
    assert page.console_errors == []


def test_the_queue_passes_axe(live_server, page_factory, moderator, article):
    first, _, _ = waiting(article, 3)
    CommentFactory(article=article, held_for=["Có liên kết"], title="Vay vốn lãi thấp")
    page = page_factory(DESKTOP)
    log_in(page, live_server, moderator)
    open_queue(page, live_server)
    assert axe_violations(page) == []
    # Its other states: a decided comment, and the reply box with an error.
    page.keyboard.press("a")
    expect(item(page, first).locator("[data-done]")).to_contain_text("Đã duyệt")
    page.keyboard.press("p")
    page.keyboard.press("Control+Enter")
    expect(page.locator(".queue-reply .errorlist:visible")).to_have_count(1)
    assert axe_violations(page) == []
    assert fits_the_screen(page)
