"""Nothing typed is lost in the article form (static/js/article-draft.js):
leaving it with changes asks first, and what was typed is kept in the
browser, offered back after a closed tab, for its own user only, until saved."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from news.models import Article
from news.roles import EDITORS
from tests.browser.conftest import DESKTOP, axe_violations, log_in
from tests.browser.test_editor_journey import choose_author
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Chợ hoa Long Biên nhộn nhịp ngày cuối năm"
BODY = "Từ sáng sớm, người dân đã đổ về chợ chọn đào, quất."
# Django's own Vietnamese says "Lưu lại"; the newsroom's locale may say "Lưu".
SAVE = re.compile(r"^Lưu( lại)?$")
OFFER = re.compile(r"Có bản nháp chưa lưu từ \d\d:\d\d \d\d/\d\d/\d{4} \(trình duyệt này\)")


def open_form(page, url):
    page.goto(url)
    # The draft script has looked for a draft once CKEditor is ready.
    expect(page.locator(".article-draft[data-draft-checked]")).to_be_attached()


def add_url(live_server):
    return live_server.url + reverse("admin:news_article_add")


def body_box(page):
    return page.get_by_role("textbox", name="Trình chỉnh sửa Văn bản dạng RTF")


def type_title_and_body(page):
    page.get_by_label("Tiêu đề:").fill(TITLE)
    body_box(page).click()
    page.keyboard.type(BODY)
    expect(page.locator(".article-draft-saved")).to_contain_text(
        "Đã giữ bản nháp trong trình duyệt này lúc"
    )


def new_tab(context):
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return page


def log_out(page):
    page.get_by_role("button", name=re.compile(r"^(Thoát|Đăng xuất)$")).click()
    expect(page.get_by_role("link", name="Đăng nhập lại")).to_be_visible()


def accept_dialogs(page):
    shown = []

    def accept(dialog):
        shown.append(dialog.type)
        dialog.accept()

    page.on("dialog", accept)
    return shown


def test_a_closed_tab_draft_is_offered_restored_and_gone_once_saved(
    live_server, page_factory, editor
):
    category = CategoryFactory(name="Đô thị")
    AuthorFactory(name="Đông Hải")
    page = page_factory(DESKTOP)
    log_in(page, live_server, editor)
    open_form(page, add_url(live_server))
    expect(page.locator(".article-draft")).to_be_hidden()
    page.get_by_label("Chuyên mục:").select_option(label="Đô thị")
    choose_author(page, "Đông Hải")
    type_title_and_body(page)
    context = page.context
    page.close(run_before_unload=False)

    page = new_tab(context)
    open_form(page, add_url(live_server))
    offer = page.get_by_role("status").filter(has_text="bản nháp")
    expect(offer).to_contain_text(OFFER)
    # Offered, never restored unasked.
    expect(page.get_by_label("Tiêu đề:")).to_have_value("")
    assert axe_violations(page, context=".article-draft") == []
    page.get_by_role("button", name="Khôi phục bản nháp").click()
    expect(offer).to_contain_text("Đã khôi phục bản nháp")
    expect(page.get_by_label("Tiêu đề:")).to_have_value(TITLE)
    expect(body_box(page)).to_have_text(BODY)
    expect(page.get_by_label("Chuyên mục:")).to_have_value(str(category.pk))
    # The author box (select2) shows the name kept with the draft.
    expect(page.locator("#id_author + .select2")).to_contain_text("Đông Hải")

    page.get_by_label("Sapo:").fill("Chợ mở cửa đến tối 30 Tết.")
    dialogs = accept_dialogs(page)
    page.get_by_role("button", name=SAVE).first.click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")
    assert dialogs == []  # saving does not ask
    article = Article.objects.get()
    assert (article.title, article.body) == (TITLE, f"<p>{BODY}</p>")

    open_form(page, add_url(live_server))
    expect(page.locator(".article-draft")).to_be_hidden()
    assert page.console_errors == []


def test_leaving_a_changed_form_asks_first_and_an_unchanged_one_does_not(
    live_server, page_factory, editor
):
    article = ArticleFactory(title="Cầu Long Biên sơn lại lan can")
    change_url = live_server.url + reverse("admin:news_article_change", args=[article.pk])
    page = page_factory(DESKTOP)
    log_in(page, live_server, editor)
    dialogs = accept_dialogs(page)

    open_form(page, change_url)
    title = page.get_by_label("Tiêu đề:")
    title.click()
    page.keyboard.type("x")
    page.keyboard.press("Backspace")  # typed and taken back: no change
    page.get_by_role("link", name="Bài viết").first.click()
    expect(page).to_have_url(re.compile(r"/news/article/$"))
    assert dialogs == []

    open_form(page, change_url)
    body_box(page).click()
    page.keyboard.press("End")
    page.keyboard.type(" Công việc kéo dài hai tuần.")
    page.get_by_role("link", name="Bài viết").first.click()
    expect(page).to_have_url(re.compile(r"/news/article/$"))
    assert dialogs == ["beforeunload"]

    open_form(page, change_url)
    page.get_by_label("Tiêu đề:").fill("Cầu Long Biên sơn lại toàn bộ lan can")
    page.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").first.click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")
    assert dialogs == ["beforeunload"]  # saving did not ask
    article.refresh_from_db()
    assert article.title == "Cầu Long Biên sơn lại toàn bộ lan can"
    # Saved, so nothing is offered back.
    expect(page.locator(".article-draft")).to_be_hidden()
    assert page.console_errors == []


def test_a_users_draft_is_not_offered_to_another_user_of_the_browser(
    live_server, page_factory, editor
):
    colleague = UserFactory(username="phongvien", is_staff=True)
    colleague.groups.add(Group.objects.get(name=EDITORS))
    page = page_factory(DESKTOP)
    log_in(page, live_server, editor)
    open_form(page, add_url(live_server))
    type_title_and_body(page)
    accept_dialogs(page)
    log_out(page)

    log_in(page, live_server, colleague)
    open_form(page, add_url(live_server))
    expect(page.locator(".article-draft")).to_be_hidden()
    log_out(page)

    log_in(page, live_server, editor)
    open_form(page, add_url(live_server))
    expect(page.get_by_role("status").filter(has_text="bản nháp")).to_contain_text(OFFER)


def test_discarding_a_draft_removes_it(live_server, page_factory, editor):
    page = page_factory(DESKTOP)
    log_in(page, live_server, editor)
    open_form(page, add_url(live_server))
    type_title_and_body(page)
    accept_dialogs(page)

    open_form(page, add_url(live_server))
    page.get_by_role("button", name="Bỏ bản nháp").click()
    expect(page.get_by_role("status").filter(has_text="bản nháp")).to_have_text("Đã bỏ bản nháp.")
    expect(page.get_by_label("Tiêu đề:")).to_have_value("")
    expect(page.get_by_label("Tiêu đề:")).to_be_focused()

    open_form(page, add_url(live_server))
    expect(page.locator(".article-draft")).to_be_hidden()
    assert page.console_errors == []


def test_a_form_shown_again_with_errors_keeps_its_draft(live_server, page_factory, editor):
    page = page_factory(DESKTOP)
    log_in(page, live_server, editor)
    open_form(page, add_url(live_server))
    type_title_and_body(page)
    page.get_by_role("button", name=SAVE).first.click()  # no category, author, lead
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.get_by_label("Tiêu đề:")).to_have_value(TITLE)
    expect(page.locator(".article-draft")).to_be_hidden()
    context = page.context
    page.close(run_before_unload=False)

    page = new_tab(context)
    open_form(page, add_url(live_server))
    page.get_by_role("button", name="Khôi phục bản nháp").click()
    expect(page.get_by_label("Tiêu đề:")).to_have_value(TITLE)
    expect(body_box(page)).to_have_text(BODY)


def test_without_local_storage_leaving_still_asks(live_server, page_factory, editor):
    page = page_factory(DESKTOP)
    # As in a private window that refuses storage.
    page.context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() {"
        " throw new DOMException('refused', 'SecurityError'); }});"
    )
    log_in(page, live_server, editor)
    dialogs = accept_dialogs(page)
    open_form(page, add_url(live_server))
    page.get_by_label("Tiêu đề:").fill(TITLE)
    body_box(page).click()
    page.keyboard.type(BODY)
    page.get_by_role("link", name="Bài viết").first.click()
    expect(page).to_have_url(re.compile(r"/news/article/$"))
    assert dialogs == ["beforeunload"]
    expect(page.locator(".article-draft-saved")).to_have_count(0)
    # The console is not checked: Django's own admin scripts (the sidebar,
    # the theme switch) read localStorage without a guard and report it.
