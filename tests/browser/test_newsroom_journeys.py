"""The newsroom's journeys through the article admin, each person in a
browser of their own: a reporter's article sent back with a note and
published by an editor; one editor saving the same article from two tabs;
an editor restoring an older version. Each ends where readers see it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from news.models import Article, ArticleEvent
from news.versions import BASELINE
from tests.browser.conftest import DESKTOP, log_in
from tests.browser.test_editor_journey import choose_author
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db(transaction=True)

SAVE_AND_CONTINUE = "Lưu và tiếp tục chỉnh sửa"


def open_form(page):
    # The draft script (static/js/article-draft.js) has run once CKEditor is ready.
    expect(page.locator(".article-draft[data-draft-checked]")).to_be_attached()


def messages(page):
    return page.locator(".messagelist")


def read_as_new_reader(page_factory, url):
    """A reader who has never been to the site opens `url`; the page and its response."""
    page = page_factory(DESKTOP)
    return page, page.goto(url)


def public_url(page):
    """Follow the admin's "Xem trên trang web" link; the address it leads to."""
    page.get_by_role("link", name="Xem trên trang web").click()
    page.wait_for_url(re.compile(r"^(?!.*/quan-tri/)"))
    return page.url


def test_reporter_article_is_returned_fixed_and_published_by_an_editor(
    live_server, page_factory, reporter, editor
):
    CategoryFactory(name="Đô thị", slug="do-thi")
    AuthorFactory(name="Minh Thu")
    title = "Phường Thạch Bàn lát lại vỉa hè phố Cổ Linh"
    first_lead = "Phường lát lại vỉa hè."
    fixed_lead = "Từ 1/12, phường Thạch Bàn lát lại 800 m vỉa hè phố Cổ Linh bằng đá tự nhiên."
    note = "Sapo quá ngắn: ghi rõ thời gian, chiều dài đoạn vỉa hè và vật liệu."

    writer = page_factory(DESKTOP)
    log_in(writer, live_server, reporter)
    writer.get_by_role("row", name="Bài viết").get_by_role("link", name="Thêm vào").click()
    open_form(writer)
    writer.get_by_label("Tiêu đề:").fill(title)
    writer.get_by_label("Chuyên mục:").select_option(label="Đô thị")
    choose_author(writer, "Minh Thu")
    writer.get_by_label("Sapo:").fill(first_lead)
    writer.get_by_role("textbox", name="Trình chỉnh sửa Văn bản dạng RTF").click()
    writer.keyboard.type("Công trình dự kiến hoàn thành trước Tết.")
    writer.get_by_role("button", name="Gửi duyệt").click()
    expect(messages(writer)).to_contain_text(f"Gửi duyệt: “{title}”.")
    article = Article.objects.get()
    assert article.status == Article.Status.SUBMITTED
    article_url = live_server.url + article.get_absolute_url()

    # Not yet published: a reader who has the address finds nothing.
    _, response = read_as_new_reader(page_factory, article_url)
    assert response.status == 404

    desk = page_factory(DESKTOP)
    log_in(desk, live_server, editor)
    desk.get_by_role("link", name=re.compile(r"^Bài chờ duyệt: 1$")).click()
    desk.get_by_role("link", name=title).click()
    open_form(desk)
    expect(desk.get_by_text("Trạng thái: Chờ duyệt")).to_be_visible()
    desk.get_by_label("Lý do trả lại:").fill(note)
    desk.get_by_role("button", name="Trả lại", exact=True).click()
    expect(messages(desk)).to_contain_text(f"Trả lại: “{title}”.")

    writer.goto(live_server.url + reverse("admin:index"))
    writer.get_by_role("link", name=re.compile(r"^Bài bị trả lại, cần sửa: 1$")).click()
    expect(writer.get_by_role("row", name=re.compile(re.escape(title)))).to_contain_text(
        f"Bị trả lại: {note[:20]}"
    )
    writer.get_by_role("link", name=title).click()
    open_form(writer)
    expect(writer.locator(".article-workflow .article-return-note")).to_have_text(
        f"Bị trả lại: {note}"
    )
    writer.get_by_label("Sapo:").fill(fixed_lead)
    writer.get_by_role("button", name="Gửi duyệt").click()
    expect(messages(writer)).to_contain_text(f"Gửi duyệt: “{title}”.")

    # Sent again, still not public.
    _, response = read_as_new_reader(page_factory, article_url)
    assert response.status == 404

    desk.goto(live_server.url + reverse("admin:index"))
    desk.get_by_role("link", name=re.compile(r"^Bài chờ duyệt: 1$")).click()
    desk.get_by_role("link", name=title).click()
    open_form(desk)
    expect(desk.get_by_label("Sapo:")).to_have_value(fixed_lead)
    desk.get_by_role("button", name="Duyệt và đăng").click()
    expect(messages(desk)).to_contain_text(f"Duyệt và đăng: “{title}”.")
    expect(desk.get_by_text("Trạng thái: Xuất bản")).to_be_visible()
    assert public_url(desk) == article_url

    for _reader in ("first", "second"):
        reader, response = read_as_new_reader(page_factory, article_url)
        assert response.status == 200
        expect(reader.get_by_role("heading", level=1)).to_contain_text(title)
        expect(reader.get_by_text(fixed_lead)).to_be_visible()
        expect(reader.get_by_text(first_lead, exact=True)).to_have_count(0)
        assert reader.console_errors == []

    article.refresh_from_db()
    assert (article.status, article.lead, article.created_by) == (
        Article.Status.PUBLISHED,
        fixed_lead,
        reporter,
    )
    events = article.events.order_by("at", "pk")
    assert [(e.action, e.user, e.note) for e in events] == [
        (ArticleEvent.Action.SUBMIT, reporter, ""),
        (ArticleEvent.Action.RETURN, editor, note),
        (ArticleEvent.Action.SUBMIT, reporter, ""),
        (ArticleEvent.Action.APPROVE, editor, ""),
    ]
    assert writer.console_errors == desk.console_errors == []


def test_a_save_over_a_later_save_from_another_tab_is_refused_then_both_kept(
    live_server, page_factory, editor
):
    old_title = "Cầu Long Biên sơn lại lan can"
    new_title = "Cầu Long Biên sơn lại toàn bộ lan can"
    new_lead = "Công nhân sơn lại 2.290 m lan can trong hai tuần, cầu vẫn thông xe."
    article = ArticleFactory(title=old_title)
    change_url = live_server.url + reverse("admin:news_article_change", args=[article.pk])

    tab_a = page_factory(DESKTOP)
    log_in(tab_a, live_server, editor)
    tab_b = tab_a.context.new_page()
    tab_b.console_errors = []
    tab_b.on("pageerror", lambda error: tab_b.console_errors.append(str(error)))
    for tab in (tab_a, tab_b):
        tab.goto(change_url)
        open_form(tab)

    tab_a.get_by_label("Tiêu đề:").fill(new_title)
    tab_a.get_by_role("button", name=SAVE_AND_CONTINUE).first.click()
    expect(messages(tab_a)).to_contain_text("thành công")

    tab_b.get_by_label("Sapo:").fill(new_lead)
    tab_b.get_by_role("button", name=SAVE_AND_CONTINUE).first.click()
    expect(tab_b.locator(".errornote > p")).to_have_text("Bài chưa được lưu.")
    refusal = tab_b.locator(".errorlist.nonfield")
    # One editor in two tabs: told it was their own other tab, not a colleague.
    expect(refusal).to_contain_text("Chính bạn đã lưu bài này ở một trang (thẻ) khác lúc")
    expect(refusal).to_contain_text(f"tiêu đề: “{old_title}” → “{new_title}”")
    expect(refusal).to_contain_text("hãy xem lại rồi lưu lần nữa")
    expect(tab_b.get_by_label("Sapo:")).to_have_value(new_lead)
    # The field B had left as opened now holds A's change.
    expect(tab_b.get_by_label("Tiêu đề:")).to_have_value(new_title)
    assert Article.objects.get(pk=article.pk).lead != new_lead

    tab_b.get_by_role("button", name=SAVE_AND_CONTINUE).first.click()
    expect(messages(tab_b)).to_contain_text("thành công")
    article.refresh_from_db()
    assert (article.title, article.lead) == (new_title, new_lead)

    url = public_url(tab_b)
    for _reader in ("first", "second"):
        reader, response = read_as_new_reader(page_factory, url)
        assert response.status == 200
        expect(reader.get_by_role("heading", level=1)).to_contain_text(new_title)
        expect(reader.get_by_text(new_lead)).to_be_visible()
    assert tab_a.console_errors == tab_b.console_errors == []


def test_editor_compares_versions_and_restores_the_first_for_readers(
    live_server, page_factory, editor
):
    original = "Phố Ngọc Lâm trồng thêm hàng cây sấu"
    article = ArticleFactory(title=original)
    page = page_factory(DESKTOP)
    log_in(page, live_server, editor)
    page.goto(live_server.url + reverse("admin:news_article_change", args=[article.pk]))
    for title in (
        "Phố Ngọc Lâm trồng thêm hàng cây bàng",
        "Phố Ngọc Lâm trồng thêm hàng cây xà cừ",
    ):
        open_form(page)
        page.get_by_label("Tiêu đề:").fill(title)
        page.get_by_role("button", name=SAVE_AND_CONTINUE).first.click()
        expect(messages(page)).to_contain_text("thành công")
    expect(page.get_by_label("Tiêu đề:")).to_have_value("Phố Ngọc Lâm trồng thêm hàng cây xà cừ")

    page.get_by_role("link", name="Lịch sử", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lịch sử phiên bản")
    rows = page.locator("#change-history tbody tr")
    expect(rows).to_have_count(3)
    first = rows.filter(has_text=BASELINE)
    first.get_by_role("radio", name=re.compile(r"^So sánh từ phiên bản")).check()
    rows.first.get_by_role("radio", name=re.compile(r"^So sánh đến phiên bản")).check()
    page.get_by_role("button", name="So sánh").click()
    title_change = page.locator("table.version-changes tr").filter(
        has=page.get_by_role("rowheader", name="Tiêu đề")
    )
    expect(title_change.locator("del")).to_have_text("sấu")
    expect(title_change.locator("ins")).to_have_text("xà cừ")

    page.locator("#change-history tbody tr").filter(has_text=BASELINE).get_by_role(
        "link", name="Khôi phục phiên bản này"
    ).click()
    expect(page.locator("table.version-changes")).to_contain_text("sấu")
    page.get_by_role("button", name="Khôi phục phiên bản này").click()
    expect(messages(page)).to_contain_text("Đã khôi phục phiên bản của")
    open_form(page)
    expect(page.get_by_label("Tiêu đề:")).to_have_value(original)

    url = public_url(page)
    for _reader in ("first", "second"):
        reader, response = read_as_new_reader(page_factory, url)
        assert response.status == 200
        expect(reader.get_by_role("heading", level=1)).to_contain_text(original)
        expect(reader.get_by_role("heading", level=1)).not_to_contain_text("xà cừ")
    article.refresh_from_db()
    assert (article.title, article.status) == (original, Article.Status.PUBLISHED)
    assert article.events.filter(action=ArticleEvent.Action.RESTORE, user=editor).count() == 1
    assert page.console_errors == []


def test_a_live_article_is_changed_aside_previewed_and_published_by_a_second_editor(
    live_server, page_factory, editor, superuser
):
    old_title = "Phường Phúc Lợi khai trương chợ dân sinh mới"
    new_title = "Phường Phúc Lợi khai trương chợ dân sinh mới với 120 ki-ốt"
    article = ArticleFactory(title=old_title)
    article_url = live_server.url + article.get_absolute_url()

    desk = page_factory(DESKTOP)
    log_in(desk, live_server, editor)
    desk.goto(live_server.url + reverse("admin:news_article_change", args=[article.pk]))
    open_form(desk)
    expect(desk.locator(".article-workflow")).to_contain_text("Bài đang hiện với bạn đọc")
    desk.get_by_role("button", name="Tạo bản sửa").click()
    expect(messages(desk)).to_contain_text("Đã tạo bản sửa")
    open_form(desk)
    expect(desk.locator(".article-workflow")).to_contain_text("Đây là bản sửa của bài")
    desk.get_by_label("Tiêu đề:").fill(new_title)
    with desk.context.expect_page() as opened:
        desk.get_by_role("button", name="Xem trước").click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.get_by_role("heading", level=1)).to_contain_text(new_title)
    desk.bring_to_front()
    desk.get_by_role("button", name="Gửi duyệt").click()
    expect(messages(desk)).to_contain_text(f"Gửi duyệt: “{new_title}”.")

    # Sent, not published: readers, the first and the second, see the article as it was.
    for _reader in ("first", "second"):
        reader, response = read_as_new_reader(page_factory, article_url)
        assert response.status == 200
        expect(reader.get_by_role("heading", level=1)).to_contain_text(old_title)
        expect(reader.get_by_role("heading", level=1)).not_to_contain_text("120 ki-ốt")

    chief = page_factory(DESKTOP)
    log_in(chief, live_server, superuser)
    chief.get_by_role("link", name=re.compile(r"^Bài chờ duyệt: 1$")).click()
    expect(chief.locator("#result_list")).to_contain_text("Bản sửa bài đang đăng · Chờ duyệt")
    chief.get_by_role("link", name=new_title).click()
    open_form(chief)
    chief.get_by_role("button", name="Duyệt và đăng bản sửa").click()
    expect(messages(chief)).to_contain_text(f"Đã đăng bản sửa vào bài “{new_title}”")
    expect(chief).to_have_url(
        live_server.url + reverse("admin:news_article_change", args=[article.pk])
    )

    for _reader in ("first", "second"):
        reader, response = read_as_new_reader(page_factory, article_url)
        assert response.status == 200
        expect(reader.get_by_role("heading", level=1)).to_contain_text(new_title)
    article.refresh_from_db()
    assert (article.title, article.drafts.count()) == (new_title, 0)
    assert desk.console_errors == [] and chief.console_errors == []
