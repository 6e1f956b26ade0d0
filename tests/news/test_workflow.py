"""The newsroom's workflow (news/workflow.py, news/admin_workflow.py):
reporters write and send for review, editors return, approve, publish and
take down; every move and every delete or restore is in the log. Moves are
made as a browser makes them, by the buttons of the article form."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from news import workflow
from news.models import Article, ArticleEvent
from tests.factories import ArticleFactory
from tests.forms import form_values

pytestmark = pytest.mark.django_db

Status, Action = Article.Status, ArticleEvent.Action


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def press(client, article, action, note="", page_from=None):
    """Press the button of `action` under the article form, with what the
    form shows; `page_from` draws the form when `client` cannot open it
    (a post made by hand)."""
    html = (page_from or client).get(change_url(article)).content
    data = form_values(html, "article_form", {"_workflow": action, "review_note": note})
    return client.post(change_url(article), data)


@pytest.fixture
def editor_page(superuser):
    return client_for(superuser)


# (role, status before, action, status after or None when refused)
TABLE = [
    ("reporter", Status.DRAFT, Action.SUBMIT, Status.SUBMITTED),
    ("reporter", Status.RETURNED, Action.SUBMIT, Status.SUBMITTED),
    ("reporter", Status.DRAFT, Action.PUBLISH, None),
    ("reporter", Status.SUBMITTED, Action.APPROVE, None),
    ("reporter", Status.SUBMITTED, Action.RETURN, None),
    ("reporter", Status.PUBLISHED, Action.UNPUBLISH, None),
    ("editor", Status.SUBMITTED, Action.RETURN, Status.RETURNED),
    ("editor", Status.SUBMITTED, Action.APPROVE, Status.PUBLISHED),
    ("editor", Status.DRAFT, Action.PUBLISH, Status.PUBLISHED),
    ("editor", Status.UNPUBLISHED, Action.PUBLISH, Status.PUBLISHED),
    ("editor", Status.PUBLISHED, Action.UNPUBLISH, Status.UNPUBLISHED),
    ("editor", Status.PUBLISHED, Action.APPROVE, None),  # not from that status
    ("editor", Status.DRAFT, Action.UNPUBLISH, None),
    ("moderator", Status.SUBMITTED, Action.APPROVE, None),
    ("moderator", Status.PUBLISHED, Action.UNPUBLISH, None),
]


@pytest.mark.parametrize(("role", "before", "action", "after"), TABLE)
def test_each_role_may_make_only_its_moves(request, editor_page, role, before, action, after):
    user = request.getfixturevalue(role)
    article = ArticleFactory(status=before, created_by=request.getfixturevalue("reporter"))
    response = press(client_for(user), article, action, note="Thiếu nguồn.", page_from=editor_page)
    article.refresh_from_db()
    if after is None:
        assert response.status_code == 403
        assert article.status == before
        assert not ArticleEvent.objects.exists()
        return
    assert response.status_code == 302
    assert article.status == after
    event = ArticleEvent.objects.get()
    assert (event.action, event.user, event.from_status, event.to_status) == (
        action,
        user,
        before,
        after,
    )
    assert event.article == article and event.article_title == article.title


def test_the_buttons_are_those_of_the_user_and_the_status(reporter, editor):
    own = ArticleFactory(status=Status.DRAFT, created_by=reporter)
    page = client_for(reporter).get(change_url(own))
    assertContains(page, 'name="_workflow" value="submit">Gửi duyệt</button>', count=1)
    assertNotContains(page, 'value="publish"')
    assertNotContains(page, 'name="status"')  # the status moves by the buttons only
    sent = ArticleFactory(status=Status.SUBMITTED, created_by=reporter)
    page = client_for(editor).get(change_url(sent))
    for action in ("return", "approve"):
        assertContains(page, f'name="_workflow" value="{action}"')
    assertNotContains(page, 'value="submit"')


def test_a_reporter_writes_a_draft_and_sends_it_from_the_add_form(reporter, editor):
    author = ArticleFactory().author
    client = client_for(reporter)
    page = client.get(reverse("admin:news_article_add"))
    data = form_values(page.content, "article_form")
    data.update(
        title="Chợ Long Biên vào mùa Tết",
        category=str(author.articles.get().category_id),
        author=str(author.pk),
        lead="Sáng 24/11, chợ đã đông.",
        _workflow="submit",
    )
    response = client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get(title="Chợ Long Biên vào mùa Tết")
    assert article.created_by == reporter and article.status == Status.SUBMITTED
    # Sent: the reporter is taken to the list, where it waits.
    assert response["Location"] == reverse("admin:news_article_changelist")
    assert ArticleEvent.objects.get().action == Action.SUBMIT


def test_a_reporter_sees_and_edits_only_their_own_drafts(reporter, editor):
    own = ArticleFactory(title="Bài của tôi", status=Status.DRAFT, created_by=reporter)
    sent = ArticleFactory(title="Bài đã gửi", status=Status.SUBMITTED, created_by=reporter)
    ArticleFactory(title="Bài của người khác", status=Status.DRAFT, created_by=editor)
    client = client_for(reporter)
    listing = client.get(reverse("admin:news_article_changelist"))
    assertContains(listing, "Bài của tôi")
    assertContains(listing, "Bài đã gửi")
    assertNotContains(listing, "Bài của người khác")

    other = Article.objects.get(title="Bài của người khác")
    assert client.get(change_url(other)).status_code == 302  # "không tồn tại"
    data = form_values(client.get(change_url(own)).content, "article_form", {"title": "Sửa"})
    assert client.post(change_url(own), data).status_code == 302
    assert Article.objects.get(pk=own.pk).title == "Sửa"

    # Sent for review: read only for its reporter, even posted by hand.
    page = client.get(change_url(sent))
    assertNotContains(page, 'name="title"')
    data = form_values(page.content, "article_form", {"title": "Sửa lén"})
    assert client.post(change_url(sent), data).status_code == 403
    assert Article.objects.get(pk=sent.pk).title == "Bài đã gửi"
    delete = reverse("admin:news_article_delete", args=[own.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=own.pk).exists()


def test_returning_needs_a_note_and_the_reporter_reads_it(reporter, editor):
    article = ArticleFactory(title="Cầu Chương Dương", status=Status.SUBMITTED, created_by=reporter)
    editor_client = client_for(editor)
    response = press(editor_client, article, Action.RETURN, note="")
    assertContains(response, workflow.NOTE_NEEDED)
    assert Article.objects.get(pk=article.pk).status == Status.SUBMITTED

    press(editor_client, article, Action.RETURN, note="Thiếu ý kiến người dân.")
    client = client_for(reporter)
    assertContains(client.get(change_url(article)), "Bị trả lại: Thiếu ý kiến người dân.")
    listing = client.get(reverse("admin:news_article_changelist"))
    assertContains(listing, "Bị trả lại: Thiếu ý kiến người dân.")
    index = client.get(reverse("admin:index"))
    assertContains(index, "Bài bị trả lại, cần sửa: <strong>1</strong>")


def test_editors_have_a_queue_of_articles_waiting_for_review(editor, reporter):
    ArticleFactory(title="Bài chờ duyệt", status=Status.SUBMITTED, created_by=reporter)
    ArticleFactory(title="Bài còn nháp", status=Status.DRAFT, created_by=reporter)
    client = client_for(editor)
    index = client.get(reverse("admin:index"))
    queue = reverse("admin:news_article_changelist") + "?status__exact=submitted"
    assertContains(index, f'<a href="{queue}">Bài chờ duyệt: <strong>1</strong></a>', html=True)
    listing = client.get(queue)
    assertContains(listing, "Bài chờ duyệt")
    assertNotContains(listing, "Bài còn nháp")


def test_the_log_outlives_a_deleted_article(editor, reporter):
    article = ArticleFactory(title="Bài sẽ xóa", status=Status.SUBMITTED, created_by=reporter)
    client = client_for(editor)
    press(client, article, Action.APPROVE)
    delete = reverse("admin:news_article_delete", args=[article.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Article.objects.exists()
    events = list(ArticleEvent.objects.order_by("pk"))
    assert [(e.action, e.article_title, e.article) for e in events] == [
        (Action.APPROVE, "Bài sẽ xóa", None),
        (Action.DELETE, "Bài sẽ xóa", None),
    ]
    assert events[1].user == editor
    log = client.get(reverse("admin:news_articleevent_changelist"))
    assertContains(log, "Bài sẽ xóa <em>(đã xóa)</em>", count=2, html=False)
    assertContains(log, "Xóa bài")


def test_only_editors_read_the_log(reporter, moderator, editor):
    url = reverse("admin:news_articleevent_changelist")
    assert client_for(editor).get(url).status_code == 200
    assert client_for(reporter).get(url).status_code == 403
    assert client_for(moderator).get(url).status_code == 403


def test_approving_publishes_the_page_for_readers_at_once(
    editor, reporter, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title="Phố đi bộ Long Biên", status=Status.SUBMITTED)
    reader = Client()
    assert reader.get(article.get_absolute_url()).status_code == 404
    assertNotContains(reader.get(reverse("news:home")), "Phố đi bộ Long Biên")  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        press(client_for(editor), article, Action.APPROVE)
    for _ in ("first reader", "second reader"):
        assertContains(reader.get(article.get_absolute_url()), "Phố đi bộ Long Biên")
        assertContains(reader.get(reverse("news:home")), "Phố đi bộ Long Biên")

    with django_capture_on_commit_callbacks(execute=True):
        press(client_for(editor), article, Action.UNPUBLISH)
    assert reader.get(article.get_absolute_url()).status_code == 404
    assertNotContains(reader.get(reverse("news:home")), "Phố đi bộ Long Biên")


def test_a_move_starts_from_the_status_as_it_is_now(editor, reporter):
    """A second editor pressing "Duyệt và đăng" on a page drawn before the
    first returned the article is refused, not applied over the return."""
    article = ArticleFactory(status=Status.SUBMITTED, created_by=reporter)
    workflow.move(article, Action.RETURN, editor, note="Sửa tít.")
    stale = Article.objects.get(pk=article.pk)
    stale.status = Status.SUBMITTED  # as the other editor's page still has it
    with pytest.raises(PermissionDenied):
        workflow.move(stale, Action.APPROVE, editor)
    assert Article.objects.get(pk=article.pk).status == Status.RETURNED


def test_on_the_site_a_reporter_previews_only_their_own_unpublished_articles(
    client, reporter, editor
):
    own = ArticleFactory(status=Status.DRAFT, created_by=reporter, title="Bản nháp của tôi")
    other = ArticleFactory(status=Status.SUBMITTED, created_by=editor, title="Bài người khác")
    client.force_login(reporter)
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    client.force_login(editor)
    assert client.get(other.get_absolute_url()).status_code == 200
    assert client.get(own.get_absolute_url()).status_code == 200


def test_an_article_approved_days_after_it_was_begun_is_dated_when_it_goes_out(editor, reporter):
    begun = timezone.now() - timedelta(days=3)
    article = ArticleFactory(status=Status.SUBMITTED, created_by=reporter, published_at=begun)
    before = timezone.now()
    press(client_for(editor), article, Action.APPROVE)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.published_at >= before


def test_a_time_still_to_come_stays_a_schedule_and_a_republished_article_keeps_its_date(
    editor, reporter
):
    later = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    scheduled = ArticleFactory(status=Status.SUBMITTED, created_by=reporter, published_at=later)
    first_out = (timezone.now() - timedelta(days=10)).replace(microsecond=0)
    taken_down = ArticleFactory(status=Status.UNPUBLISHED, published_at=first_out)
    page = client_for(editor)
    press(page, scheduled, Action.APPROVE)
    press(page, taken_down, Action.PUBLISH)
    scheduled.refresh_from_db()
    taken_down.refresh_from_db()
    assert (scheduled.status, scheduled.published_at) == (Status.PUBLISHED, later)
    assert (taken_down.status, taken_down.published_at) == (Status.PUBLISHED, first_out)


def test_the_version_saved_with_an_approval_holds_the_time_it_went_out(editor, reporter):
    begun = timezone.now() - timedelta(days=3)
    article = ArticleFactory(status=Status.SUBMITTED, created_by=reporter, published_at=begun)
    press(client_for(editor), article, Action.APPROVE)
    article.refresh_from_db()
    newest = Version.objects.get_for_object(article).first()
    assert newest.field_dict["status"] == Status.PUBLISHED
    # Kept to the millisecond: the approval's moment, not the form's three days before.
    assert abs(newest.field_dict["published_at"] - article.published_at) < timedelta(seconds=1)
