"""Journey 3, the editor: write an article in the admin with CKEditor 5 (a
heading, a bold word, an image with its caption), add two photos with
captions, publish it and open it on the public site."""

import re

import pytest
from playwright.sync_api import expect

from news.models import Article
from tests.browser.conftest import DESKTOP, log_in, wait_until_loaded
from tests.factories import AuthorFactory, CategoryFactory, image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Đường hoa ven đê Long Biên nở rộ cuối tuần"


@pytest.fixture
def pictures(tmp_path):
    files = []
    for name, color in (("hoa-ven-de", (200, 60, 90)), ("cau-long-bien", (40, 90, 140))):
        path = tmp_path / f"{name}.png"
        path.write_bytes(image_bytes(size=(800, 500), color=color, fmt="PNG"))
        files.append(str(path))
    return files


def choose_author(page, name):
    # The author box is Django's autocomplete (select2): type, then pick.
    page.locator("#id_author").locator("xpath=following-sibling::span[1]").click()
    page.locator(".select2-container--open input.select2-search__field").fill(name[:4])
    page.get_by_role("option", name=name).click()


def test_editor_writes_publishes_and_reads_an_article(live_server, page_factory, editor, pictures):
    CategoryFactory(name="Đô thị", slug="do-thi")
    AuthorFactory(name="Đông Hải")
    page = page_factory(DESKTOP)
    log_in(page, live_server, editor)
    page.get_by_role("row", name="Bài viết").get_by_role("link", name="Thêm vào").click()

    page.get_by_label("Tiêu đề:").fill(TITLE)
    page.get_by_label("Chuyên mục:").select_option(label="Đô thị")
    choose_author(page, "Đông Hải")
    page.get_by_label("Sapo:").fill("Sáng 24/11, hàng nghìn bông hoa cải nở trắng bãi sông.")

    editor_box = page.get_by_role("textbox", name="Trình chỉnh sửa Văn bản dạng RTF")
    editor_box.click()
    toolbar = page.get_by_role("toolbar", name="Thanh công cụ biên tập")
    toolbar.get_by_role("button", name="Đoạn văn, Tiêu đề").click()
    page.get_by_role("menuitemradio", name="Tiêu đề 2").click()
    page.keyboard.type("Điểm hẹn của người dân")
    page.keyboard.press("Enter")
    page.keyboard.type("Bãi hoa mở cửa ")
    toolbar.get_by_role("button", name="Đậm").click()
    page.keyboard.type("miễn phí")
    toolbar.get_by_role("button", name="Đậm").click()
    page.keyboard.type(" cho mọi người.")
    page.keyboard.press("Enter")
    page.locator(".ck-toolbar input[type=file]").first.set_input_files(pictures[0])
    body_image = editor_box.locator("figure.image img")
    # Readers get a JPEG rendition; the PNG sent is kept privately.
    expect(body_image).to_have_attribute("src", re.compile(r"^/media/body/.+-800x500\.jpg$"))
    body_image.click()
    page.get_by_role("toolbar", name="Thanh công cụ hình ảnh").get_by_role(
        "button", name="Hiện chú thích"
    ).click()
    editor_box.locator("figure.image figcaption").click()
    page.keyboard.type("Bãi hoa nhìn từ chân cầu Long Biên.")

    photos = page.get_by_role("group", name="Ảnh trong bài")
    photos.locator("#id_photos-0-image").set_input_files(pictures[1])
    photos.locator("#id_photos-0-caption").fill("Người dân chụp ảnh bên bãi hoa cải.")
    photos.locator("#id_photos-0-alt_text").fill("Bãi hoa cải trắng ven sông")
    photos.get_by_role("button", name="Thêm Ảnh").click()
    photos.locator("#id_photos-1-image").set_input_files(pictures[0])
    photos.locator("#id_photos-1-caption").fill("Cầu Long Biên nhìn từ bãi hoa.")
    photos.locator("#id_photos-1-alt_text").fill("Cầu sắt cũ phía sau bãi hoa")
    photos.locator("#id_photos-1-order").fill("1")

    # Saved and published in one press; the article's page opens again.
    page.get_by_role("button", name="Đăng bài").click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")
    expect(page.locator(".messagelist")).to_contain_text(f"Đăng bài: “{TITLE}”.")
    article = Article.objects.published().get()
    assert article.title == TITLE

    page.get_by_role("link", name="Xem trên trang web").click()
    expect(page).to_have_url(live_server.url + article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    body = page.locator(".article__body")
    expect(body.get_by_role("heading", level=2)).to_have_text("Điểm hẹn của người dân")
    expect(body.locator("strong")).to_have_text("miễn phí")
    expect(body.locator("figure.image figcaption")).to_have_text(
        "Bãi hoa nhìn từ chân cầu Long Biên."
    )
    wait_until_loaded(body.locator("figure.image img"))
    captions = page.locator("figure.article__photo figcaption")
    expect(captions).to_have_text(
        ["Người dân chụp ảnh bên bãi hoa cải.", "Cầu Long Biên nhìn từ bãi hoa."]
    )
    wait_until_loaded(page.get_by_role("img", name="Bãi hoa cải trắng ven sông"))
    wait_until_loaded(page.get_by_role("img", name="Cầu sắt cũ phía sau bãi hoa"))
    expect(page.locator(".article__author")).to_have_text("Đông Hải")
    assert page.console_errors == []
