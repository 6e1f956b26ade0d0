"""The admin reads in Vietnamese for every role: Django's own catalog lacks
some strings (completed by the project's locale/), and every object the admin
lists has a readable name. The pages walked come from the admin registry, so a
model registered later is walked too."""

import json
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from comments.models import BlockedPhrase, Comment, ModerationRecord, Office, Reply
from news import workflow
from news.models import Article, ArticleEvent, ArticleSlug, DailyViews, Tag
from tests.factories import (
    ArticleFactory,
    ArticlePhotoFactory,
    CommentFactory,
    PortalIdentityFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# English an editor met in the admin, or that Django's Vietnamese lacks, as
# regular expressions matched on whole words. Words the newsroom's Vietnamese
# uses as they are ("Spam", "CKEditor", "email") are not listed.
ENGLISH = [
    r"Skip to main content",
    r"Toggle (theme|navigation)",
    r"current theme",
    r"Select (all objects|this object)",
    r"for an action",
    r"Please correct the errors?",
    r"\d+ (entry|entries|results?|selected)",
    r"Model name",
    r"Models in",
    r"models",
    r"Filter navigation",
    r"(Show|Hide) counts",
    r"relationships?",
    r"\w+ object \(\d+\)",
    r"Breadcrumbs",
    r"Sidebar",
    r"Add link",
    r"list link",
    r"View selected",
    r"(Added|Changed|Deleted|Error):",
    r"(Set|Reset) password",
    r"[Pp]assword-based",
    r"Raw passwords",
    r"(This|Your) password",
    r"Enabled",
    r"Disabled",
    r"Enter a",
    r"Ensure this",
    r"This field",
    r"ManagementForm",
    r"(Today|Now|Yesterday|Tomorrow|Choose|Remove|All|Add|View|Change|Delete|Save|History|Home)",
    r"Log out",
    r"superuser",
    r"[A-Z][A-Z0-9]+(_[A-Z0-9]+)+",  # a setting's name
]


def english_in(text):
    return sorted(pattern for pattern in ENGLISH if re.search(rf"(?<!\w){pattern}(?!\w)", text))


class VisibleText(HTMLParser):
    """What a person reads on a page: text outside scripts and styles, and
    the labels, titles and placeholders of its elements."""

    ATTRIBUTES = ("aria-label", "title", "placeholder")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1
        attrs = dict(attrs)
        self.parts += [attrs[name] for name in self.ATTRIBUTES if attrs.get(name)]
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


class HiddenInputs(HTMLParser):
    """The hidden fields of a form (inline management forms), as a browser sends them."""

    def __init__(self):
        super().__init__()
        self.data = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.data[attrs["name"]] = attrs.get("value") or ""


@pytest.fixture
def newsroom(superuser, editor_in_chief, editor, moderator, reporter):
    """One object of every model the admin lists, and of those it lists with them."""
    article = ArticleFactory(title="Phường Bồ Đề trồng thêm cây xanh")
    article.tags.add(Tag.objects.create(name="Bồ Đề"), Tag.objects.create(name="cây xanh"))
    ArticlePhotoFactory(article=article)
    ArticleSlug.objects.create(slug="bo-de-trong-cay", article=article)
    DailyViews.objects.create(article=article, day=timezone.localdate(), views=12)
    comment = CommentFactory(article=article, status=Comment.Status.APPROVED)
    CommentFactory(article=article, status=Comment.Status.TRASH)
    office = Office.objects.create(name="UBND phường Bồ Đề")
    Reply.objects.create(comment=comment, office=office, text="Cảm ơn bạn đọc.")
    BlockedPhrase.objects.create(phrase="vay tiền", added_by=editor)
    ModerationRecord.objects.create(
        moderator=moderator,
        at=timezone.now() - timedelta(minutes=5),
        from_status=Comment.Status.PENDING,
        to_status=Comment.Status.APPROVED,
        comment_ids=[comment.pk],
    )
    # A change in the article's history ("1 mục"), in the superuser's recent actions.
    LogEntry.objects.log_actions(
        superuser.pk, [article], CHANGE, change_message=[{"changed": {"fields": ["Tiêu đề"]}}]
    )
    UserFactory(username="phongvien")
    ArticleEvent.record(article, ArticleEvent.Action.PUBLISH, editor, "draft", "published")
    # Last, so that the reporter's pages open one of their own: returned, with a note.
    own = ArticleFactory(title="Chợ", status=Article.Status.SUBMITTED, created_by=reporter)
    workflow.move(own, ArticleEvent.Action.RETURN, editor, note="Thiếu ảnh chợ.")
    Group.objects.get_or_create(name="Cộng tác viên")
    PortalIdentityFactory()
    return article


def admin_pages(user):
    """The admin pages `user` may open: every list, add form, change form,
    history and delete confirmation, from the registry."""
    pages = [reverse("admin:index"), reverse("admin:password_change")]
    request = RequestFactory().get(pages[0])
    request.user = user
    for model, model_admin in admin.site._registry.items():
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        if not model_admin.has_view_or_change_permission(request):
            continue
        pages.append(reverse(f"{info}_changelist"))
        pages.append(reverse("admin:app_list", args=[model._meta.app_label]))
        if model_admin.has_add_permission(request):
            pages.append(reverse(f"{info}_add"))
        obj = model._default_manager.order_by("pk").last()
        assert obj is not None, f"the newsroom fixture needs a {model._meta.label}"
        pages.append(reverse(f"{info}_change", args=[obj.pk]))
        pages.append(reverse(f"{info}_history", args=[obj.pk]))
        if model_admin.has_delete_permission(request, obj):
            pages.append(reverse(f"{info}_delete", args=[obj.pk]))
    return list(dict.fromkeys(pages))


@pytest.fixture(params=["superuser", "editor_in_chief", "editor", "moderator", "reporter"])
def role(request, client, newsroom):
    user = request.getfixturevalue(request.param)
    client.force_login(user)
    return client, user


def test_admin_pages_have_no_english(role):
    client, user = role
    found = {}
    for url in admin_pages(user):
        response = client.get(url)
        assert response.status_code == 200, url
        english = english_in(visible_text(response.content.decode()))
        if english:
            found[url] = english
    assert found == {}


def test_forms_with_errors_have_no_english(role):
    """Each add form sent empty, as a browser sends it, and the password
    change with a wrong password and a short new one: the message above the
    form and every field's error are in Vietnamese."""
    client, user = role
    password_change = reverse("admin:password_change")
    typed = {"old_password": "sai-mat-khau", "new_password1": "abc", "new_password2": "abc"}
    forms = [url for url in admin_pages(user) if url.endswith("/add/")]
    found = {}
    for url in [*forms, password_change]:
        parser = HiddenInputs()
        parser.feed(client.get(url).content.decode())
        response = client.post(url, {**parser.data, **(typed if url == password_change else {})})
        assert response.status_code == 200, url
        page = visible_text(response.content.decode())
        assert "Vui lòng sửa" in page, url
        english = english_in(page)
        if english:
            found[url] = english
    assert found == {}


def test_date_and_choice_widgets_speak_vietnamese(editor_client, newsroom):
    """The calendar and the two-box choosers take their words from the
    catalog script the form loads; each of them has its Vietnamese."""
    page = editor_client.get(reverse("admin:news_article_add")).content.decode()
    (catalog_url,) = re.findall(r'<script src="([^"]*jsi18n[^"]*)"', page)
    script = editor_client.get(catalog_url).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    abbreviations = ["Sun", "Mon", "Tue", "Wed", "Thur", "Fri", "Sat"]
    wanted = [
        *days,
        *(f"abbrev. day {day}\x04{short}" for day, short in zip(days, abbreviations, strict=True)),
        "Choose all %s",
        "Remove all %s",
        "(click to clear)",
        "Today",
        "Now",
        "Choose a time",
    ]
    assert [msgid for msgid in wanted if not catalog.get(msgid)] == []
    assert catalog["abbrev. day Monday\x04Mon"] == "T2"


@pytest.mark.parametrize("days", [14, 0])
def test_the_article_form_says_when_comments_close(editor_client, settings, days):
    settings.COMMENTS_CLOSE_AFTER_DAYS = days
    page = visible_text(editor_client.get(reverse("admin:news_article_add")).content.decode())
    assert "Bỏ chọn để đóng bình luận của bài này." in page
    assert ("Bình luận cũng tự đóng 14 ngày sau khi bài được đăng." in page) == bool(days)
    assert "COMMENTS_CLOSE_AFTER_DAYS" not in page


@pytest.mark.parametrize("model", ["article", "tag"])
def test_deleting_names_the_tags_of_articles(editor_client, newsroom, model):
    """The confirmation of the list's "delete selected" action names each
    tag an article loses, in Vietnamese."""
    selected = newsroom.pk if model == "article" else Tag.objects.get(name="Bồ Đề").pk
    response = editor_client.post(
        reverse(f"admin:news_{model}_changelist"),
        {"action": "delete_selected", "_selected_action": [selected]},
    )
    page = visible_text(response.content.decode())
    assert "Từ khóa gắn với bài: Bồ Đề – Phường Bồ Đề trồng thêm cây xanh" in page
    assert english_in(page) == []


def test_the_history_link_says_history(editor_client, newsroom):
    # Django's own Vietnamese calls it "Bản ghi nhớ" (a memo).
    article = Article.objects.first()
    page = editor_client.get(reverse("admin:news_article_change", args=[article.pk]))
    assert 'class="historylink">Lịch sử</a>' in page.content.decode()


def test_a_page_refused_to_a_role_says_so_in_vietnamese(reporter):
    client = Client()
    client.force_login(reporter)
    response = client.get(reverse("admin:news_articleevent_changelist"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Bạn không có quyền làm việc này" in page
    assert "Forbidden" not in page
