"""A change of a live article made aside, a "bản sửa" (news/workflow.py):
an editor copies the article, changes, previews and sends the copy for
approval while readers keep seeing the article; publishing the copy writes
it into the article, at the same address, as a new version. Everything is
done as the browser does it, through the admin's forms and buttons."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from news import versions
from news.models import Article, ArticleEvent, ArticlePhoto
from tests.factories import ArticleFactory, ArticlePhotoFactory, UserFactory
from tests.forms import form_values

pytestmark = pytest.mark.django_db

Status, Action = Article.Status, ArticleEvent.Action
OLD_TITLE = "Phường Bồ Đề lắp thêm đèn chiếu sáng ngõ 168"
NEW_TITLE = "Phường Bồ Đề lắp thêm 40 đèn chiếu sáng ngõ 168"
OLD_LEAD = "Các ngõ nhỏ của phường sẽ sáng đèn trước Tết."
NEW_LEAD = "Bốn mươi đèn LED được lắp ở các ngõ nhỏ trước Tết."


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def start_url(article):
    return reverse("admin:news_article_start_draft", args=[article.pk])


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def save(client, article, changes=None, **post):
    """Fill the article's form as it is drawn now with `changes` and press a
    button (`post`, e.g. _workflow="submit"; none is "Lưu")."""
    html = client.get(change_url(article)).content
    data = form_values(html, "article_form", {**(changes or {}), **post})
    return client.post(change_url(article), data)


@pytest.fixture
def live(db):
    article = ArticleFactory(title=OLD_TITLE, lead=OLD_LEAD, status=Status.PUBLISHED)
    ArticlePhotoFactory(article=article, caption="Công nhân lắp đèn.", order=0)
    return article


@pytest.fixture
def other_editor(db):
    from django.contrib.auth.models import Group

    from news.roles import EDITORS

    user = UserFactory(username="bientap-hai", first_name="Thu Hà", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def start(client, article):
    response = client.post(start_url(article))
    assert response.status_code == 302
    return Article.objects.get(draft_of=article)


def test_readers_keep_the_live_article_while_the_copy_is_changed_and_previewed(
    editor, live, client, django_capture_on_commit_callbacks
):
    editor_page = client_for(editor)
    with django_capture_on_commit_callbacks(execute=True):
        copy = start(editor_page, live)
    assert (copy.title, copy.status) == (OLD_TITLE, Status.DRAFT)
    assert [p.caption for p in copy.photos.all()] == ["Công nhân lắp đèn."]
    with django_capture_on_commit_callbacks(execute=True):
        response = save(editor_page, copy, {"title": NEW_TITLE, "lead": NEW_LEAD})
    assert response.status_code == 302

    # Readers: the article as it was, at its address; the copy has none for them.
    page = client.get(live.get_absolute_url())
    assertContains(page, OLD_TITLE)
    assertNotContains(page, NEW_TITLE)
    copy.refresh_from_db()
    assert client.get(copy.get_absolute_url()).status_code == 404
    assert NEW_TITLE not in client.get("/").content.decode()
    # The editor's preview of the copy shows the change.
    assertContains(editor_page.get(copy.get_absolute_url()), NEW_TITLE)
    # The copy's form says what it is; the article's form links to it.
    assertContains(editor_page.get(change_url(copy)), "Đây là <strong>bản sửa</strong>")
    assertContains(editor_page.get(change_url(live)), change_url(copy))
    event = ArticleEvent.objects.get(action=Action.DRAFT_LIVE)
    assert (event.article, event.user) == (live, editor)


def test_a_copy_sent_for_approval_is_published_into_the_article_by_another_editor(
    editor, other_editor, live, client, django_capture_on_commit_callbacks
):
    address, published_at = live.get_absolute_url(), live.published_at
    editor_page, chief_page = client_for(editor), client_for(other_editor)
    copy = start(editor_page, live)
    save(editor_page, copy, {"title": NEW_TITLE}, _workflow=Action.SUBMIT)
    copy.refresh_from_db()
    assert copy.status == Status.SUBMITTED

    queue = chief_page.get(reverse("admin:news_article_changelist"), {"status__exact": "submitted"})
    assertContains(queue, "Bản sửa bài đang đăng · Chờ duyệt")
    assertContains(chief_page.get(change_url(copy)), "Duyệt và đăng bản sửa")

    client.get(address)  # a reader's page is drawn (and cached) before the approval
    with django_capture_on_commit_callbacks(execute=True):
        response = save(chief_page, copy, _workflow=Action.APPROVE)
    assert response.status_code == 302 and response.url == change_url(live)

    live.refresh_from_db()
    assert (live.title, live.status) == (NEW_TITLE, Status.PUBLISHED)
    assert live.get_absolute_url() == address and live.published_at == published_at
    assert not Article.objects.filter(pk=copy.pk).exists()
    page = client.get(address)
    assertContains(page, NEW_TITLE)
    # Who made the copy, who sent it and who published it, on the article's log.
    log = list(live.events.order_by("at", "pk").values_list("action", "user__username"))
    assert log == [
        (Action.DRAFT_LIVE, "bientap"),
        (Action.SUBMIT, "bientap"),
        (Action.APPLY_DRAFT, "bientap-hai"),
    ]
    # The article's history has the change as a version, by the approver.
    newest, before = list(versions.article_versions(live)[:2])
    assert newest.revision.user == other_editor
    changes = [c.as_text() for c in versions.compare(before, newest)]
    assert changes == [f"tiêu đề: “{OLD_TITLE}” → “{NEW_TITLE}”"]


def test_photos_changed_added_and_removed_in_the_copy_are_so_in_the_article(editor, live):
    kept = live.photos.get()
    dropped = ArticlePhotoFactory(article=live, caption="Ảnh cũ sẽ bỏ.", order=5)
    editor_page = client_for(editor)
    copy = start(editor_page, live)
    html = editor_page.get(change_url(copy)).content.decode()
    data = form_values(html, "article_form", {"photos-0-caption": "Công nhân lắp đèn LED mới."})
    data["photos-1-DELETE"] = "on"
    assert data["photos-1-caption"] == "Ảnh cũ sẽ bỏ."
    assert editor_page.post(change_url(copy), data).status_code == 302
    added = ArticlePhotoFactory(
        article=copy, caption="Ngõ 168 sau khi có đèn.", order=9, after_paragraph=1
    )

    save(editor_page, copy, _workflow=Action.PUBLISH)

    photos = list(live.photos.order_by("order"))
    assert [p.caption for p in photos] == ["Công nhân lắp đèn LED mới.", "Ngõ 168 sau khi có đèn."]
    assert photos[0].pk == kept.pk  # the same photo, its caption changed
    assert (photos[1].pk, photos[1].after_paragraph) == (added.pk, 1)
    assert not ArticlePhoto.objects.filter(pk=dropped.pk).exists()
    newest, before = list(versions.article_versions(live)[:2])
    labels = [c.label for c in versions.compare(before, newest)]
    assert "chú thích (ảnh “Công nhân lắp đèn LED mới.”)" in labels


def test_publishing_a_copy_over_a_later_save_of_the_article_is_refused_and_keeps_both(
    editor, other_editor, live
):
    editor_page, other_page = client_for(editor), client_for(other_editor)
    copy = start(editor_page, live)
    save(editor_page, copy, {"title": NEW_TITLE})
    # Meanwhile the live article is corrected directly.
    save(other_page, live, {"lead": "Sửa gấp: các ngõ sẽ sáng đèn từ tuần sau."})

    response = save(editor_page, copy, {"body": "<p>Thêm một đoạn.</p>"}, _workflow=Action.PUBLISH)

    assert response.status_code == 200
    assertContains(response, "Bài đang đăng đã được Thu Hà lưu lúc")
    assertContains(response, "Sửa gấp: các ngõ sẽ sáng đèn từ tuần sau.")
    assertContains(response, "Bài chưa được lưu.")
    assertNotContains(response, "Vui lòng sửa")
    assertContains(response, "Thêm một đoạn.")  # what the editor typed is still in the form
    live.refresh_from_db()
    assert live.title == OLD_TITLE
    assert live.lead == "Sửa gấp: các ngõ sẽ sáng đèn từ tuần sau."
    copy.refresh_from_db()
    assert copy.title == NEW_TITLE and copy.status == Status.DRAFT
    assert not ArticleEvent.objects.filter(action=Action.APPLY_DRAFT).exists()

    # Pressed again from the page that said so, the copy goes in as it stands.
    data = form_values(response.content, "article_form", {"_workflow": Action.PUBLISH})
    assert editor_page.post(change_url(copy), data).status_code == 302
    live.refresh_from_db()
    assert (live.title, live.lead) == (NEW_TITLE, OLD_LEAD)
    assert "Thêm một đoạn." in live.body


def test_a_save_of_the_article_after_the_refusal_is_refused_again(editor, other_editor, live):
    editor_page, other_page = client_for(editor), client_for(other_editor)
    copy = start(editor_page, live)
    save(other_page, live, {"lead": "Lần sửa thứ nhất."})
    refused = save(editor_page, copy, _workflow=Action.PUBLISH)
    assertContains(refused, "Lần sửa thứ nhất.")
    save(other_page, live, {"lead": "Lần sửa thứ hai."})

    data = form_values(refused.content, "article_form", {"_workflow": Action.PUBLISH})
    again = editor_page.post(change_url(copy), data)

    assert again.status_code == 200
    assertContains(again, "“Lần sửa thứ nhất.” → “Lần sửa thứ hai.”")
    live.refresh_from_db()
    assert live.lead == "Lần sửa thứ hai." and Article.objects.filter(pk=copy.pk).exists()


def test_an_article_has_one_copy_at_a_time(editor, live):
    editor_page = client_for(editor)
    first = start(editor_page, live)
    response = editor_page.post(start_url(live), follow=True)
    assertContains(response, "Bài này đã có một bản sửa; đây là bản đó.")
    assert list(Article.objects.filter(draft_of=live)) == [first]


def test_dropping_a_copy_leaves_the_article_and_says_so_in_its_log(editor, superuser, live):
    copy = start(client_for(editor), live)
    delete_url = reverse("admin:news_article_delete", args=[copy.pk])
    response = client_for(superuser).post(delete_url, {"post": "yes"})
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.title == OLD_TITLE and live.status == Status.PUBLISHED
    event = live.events.get(action=Action.DISCARD_DRAFT)
    assert event.user == superuser


@pytest.mark.parametrize("role", ["reporter", "moderator"])
def test_only_editors_make_copies(request, live, role):
    live.created_by = request.getfixturevalue("reporter")
    live.save()
    response = client_for(request.getfixturevalue(role)).post(start_url(live))
    assert response.status_code == 403
    assert not Article.objects.filter(draft_of=live).exists()


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.UNPUBLISHED, "scheduled"]
)
def test_articles_readers_do_not_see_are_changed_directly_not_copied(editor, status):
    if status == "scheduled":
        later = timezone.now() + timedelta(hours=3)
        article = ArticleFactory(status=Status.PUBLISHED, published_at=later)
    else:
        article = ArticleFactory(status=status)
    page = client_for(editor)
    assert page.post(start_url(article)).status_code == 403
    assertNotContains(page.get(change_url(article)), "Tạo bản sửa")


def test_a_copy_cannot_be_made_by_a_plain_link(editor, live):
    assert client_for(editor).get(start_url(live)).status_code == 405
    assert not Article.objects.filter(draft_of=live).exists()


def test_a_reporter_cannot_publish_a_copy(reporter, editor, live):
    copy = start(client_for(editor), live)
    copy.created_by = reporter
    copy.save()
    reporter_page = client_for(reporter)
    response = save(reporter_page, copy, _workflow=Action.PUBLISH)
    assert response.status_code == 403
    live.refresh_from_db()
    assert live.title == OLD_TITLE and Article.objects.filter(pk=copy.pk).exists()


def test_a_copy_returned_with_a_note_shows_it_and_the_article_keeps_the_story(
    editor, other_editor, superuser, live
):
    editor_page, chief_page = client_for(editor), client_for(other_editor)
    copy = start(editor_page, live)
    save(editor_page, copy, {"title": NEW_TITLE}, _workflow=Action.SUBMIT)
    note = "Con số 40 đèn cần dẫn nguồn: văn bản nào của UBND phường?"
    save(chief_page, copy, _workflow=Action.RETURN, review_note=note)

    assertContains(editor_page.get(change_url(copy)), f"Bị trả lại: {note}")
    changelist = editor_page.get(reverse("admin:news_article_changelist"))
    assertContains(changelist, "Bản sửa bài đang đăng · Trả lại")

    delete_url = reverse("admin:news_article_delete", args=[copy.pk])
    client_for(superuser).post(delete_url, {"post": "yes"})
    log = list(live.events.order_by("at", "pk").values_list("action", "note"))
    assert log == [
        (Action.DRAFT_LIVE, f"Bản sửa số {copy.pk}"),
        (Action.SUBMIT, f"Bản sửa số {copy.pk}"),
        (Action.RETURN, f"Bản sửa số {copy.pk}: {note}"),
        (Action.DISCARD_DRAFT, f"Bản sửa số {copy.pk}"),
    ]


def test_a_copy_of_an_article_taken_down_meanwhile_goes_in_without_showing_it(editor, live):
    editor_page = client_for(editor)
    copy = start(editor_page, live)
    save(editor_page, live, _workflow=Action.UNPUBLISH)
    response = save(editor_page, copy, {"title": NEW_TITLE}, _workflow=Action.PUBLISH)
    assert response.status_code == 302
    live.refresh_from_db()
    assert (live.title, live.status) == (NEW_TITLE, Status.UNPUBLISHED)
    message = editor_page.get(response.url).content.decode()
    assert "bài chưa hiện với bạn đọc (đang gỡ hoặc hẹn giờ)" in message


def press_start_draft(client, article, changes):
    """Type `changes` into the live article's form and press "Tạo bản sửa",
    which posts the whole form to its own address."""
    html = client.get(change_url(article)).content
    data = form_values(html, "article_form", changes)
    return client.post(start_url(article), data, follow=True)


def test_what_was_typed_on_the_live_form_goes_into_the_copy(editor, live, client):
    editor_page = client_for(editor)
    page = press_start_draft(
        editor_page, live, {"title": NEW_TITLE, "photos-0-caption": "Công nhân lắp đèn LED."}
    )
    copy = Article.objects.get(draft_of=live)
    assert page.redirect_chain[-1][0] == change_url(copy)
    assertContains(page, "Những gì bạn đang gõ đã vào bản sửa.")
    assert copy.title == NEW_TITLE
    assert [p.caption for p in copy.photos.all()] == ["Công nhân lắp đèn LED."]
    assert copy.slug != live.slug  # the article keeps its address
    live.refresh_from_db()
    assert live.title == OLD_TITLE
    assert [p.caption for p in live.photos.all()] == ["Công nhân lắp đèn."]
    assertContains(client.get(live.get_absolute_url()), OLD_TITLE)


def test_typing_over_a_later_save_is_not_carried_into_the_copy(editor, other_editor, live):
    editor_page = client_for(editor)
    html = editor_page.get(change_url(live)).content
    save(client_for(other_editor), live, {"lead": "Sapo do người khác sửa."})
    data = form_values(html, "article_form", {"title": NEW_TITLE})
    page = editor_page.post(start_url(live), data, follow=True)

    copy = Article.objects.get(draft_of=live)
    assert (copy.title, copy.lead) == (OLD_TITLE, "Sapo do người khác sửa.")
    assertContains(page, "Đã tạo bản sửa từ bài như hiện nay. Bài đã được Thu Hà lưu lúc")
    assertContains(page, "những gì bạn gõ chưa được chép sang")


def test_typing_that_is_not_valid_comes_back_on_the_copys_form(editor, live):
    page = press_start_draft(client_for(editor), live, {"title": ""})
    assert page.status_code == 200
    copy = Article.objects.get(draft_of=live)
    assertContains(page, f'action="{change_url(copy)}"')
    assertContains(page, "errornote")
    copy.refresh_from_db()
    assert copy.title == OLD_TITLE


def test_the_copys_own_page_and_form_say_what_it_is(editor, live):
    editor_page = client_for(editor)
    copy = start(editor_page, live)
    preview = editor_page.get(copy.get_absolute_url())
    assertContains(preview, "bản sửa của một bài đang đăng; bạn đọc vẫn thấy bài đang đăng")
    assertNotContains(preview, "hẹn giờ")
    form = editor_page.get(change_url(copy))
    assertContains(form, 'class="article-copy-note"')
    save(editor_page, live, _workflow=Action.UNPUBLISH)
    form = editor_page.get(change_url(copy))
    assertContains(form, "hiện bạn đọc không xem được (đã gỡ)")


def test_an_editor_whose_copy_came_back_sees_it_on_the_admin_index(editor, other_editor, live):
    editor_page = client_for(editor)
    copy = start(editor_page, live)
    save(editor_page, copy, _workflow=Action.SUBMIT)
    save(client_for(other_editor), copy, _workflow=Action.RETURN, review_note="Thiếu nguồn.")
    index = editor_page.get(reverse("admin:index"))
    assertContains(index, "Bài bị trả lại, cần sửa: <strong>1</strong>", html=True)
    assertContains(editor_page.get(change_url(copy)), "Bị trả lại: Thiếu nguồn.", count=2)


def test_deleting_a_copy_says_the_article_stays(editor, superuser, live):
    copy = start(client_for(editor), live)
    page = client_for(superuser)
    confirm = page.get(reverse("admin:news_article_delete", args=[copy.pk]))
    assertContains(confirm, "Xóa nó là bỏ thay đổi này; bài gốc và ảnh của bài gốc giữ nguyên.")
    confirm = page.get(reverse("admin:news_article_delete", args=[live.pk]))
    assertContains(confirm, "xóa bài thì bản sửa cũng bị xóa")
