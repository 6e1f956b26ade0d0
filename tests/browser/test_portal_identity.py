"""The editor-in-chief's journey: rename the portal, give it a logo and its
legal footer in the admin, then read the site as a new reader would, and as
the second reader of every page (each part of it kept)."""

import pytest
from playwright.sync_api import expect

from news import caching
from tests.browser.conftest import DESKTOP, PHONE, fits_the_screen, log_in, wait_until_loaded
from tests.factories import ArticleFactory, PortalIdentityFactory, image_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def logo(tmp_path):
    path = tmp_path / "bieu-trung-phuc-loi.png"
    path.write_bytes(image_bytes(size=(300, 300), color=(20, 110, 60), fmt="PNG"))
    return str(path)


def test_editor_in_chief_renames_the_portal_and_every_reader_sees_it(
    live_server, page_factory, editor_in_chief, logo, monkeypatch
):
    monkeypatch.setattr(caching, "CLOCK_MARGIN", 0)  # one clock: parts are kept at once
    PortalIdentityFactory()
    article = ArticleFactory(title="Phường Phúc Lợi khánh thành nhà văn hóa tổ dân phố số 3")
    urls = [live_server.url + "/", live_server.url + article.get_absolute_url()]
    reader = page_factory(DESKTOP)
    for url in urls:  # the first reader: every part of both pages is kept
        reader.goto(url)
        expect(reader.locator(".brand__name")).to_have_text("Tin tức Long Biên")

    page = page_factory(DESKTOP)
    log_in(page, live_server, editor_in_chief)
    page.get_by_role("link", name="Thông tin trang").first.click()
    page.get_by_label("Tên trang:").fill("Tin tức Phúc Lợi")
    page.get_by_label("Dòng giới thiệu:").fill("Thông tin phường Phúc Lợi, thành phố Hà Nội")
    page.get_by_label("Biểu trưng:").set_input_files(logo)
    page.get_by_label("Cơ quan chủ quản:").fill("Ủy ban nhân dân phường Phúc Lợi")
    page.get_by_label("Điện thoại:").fill("gọi tòa soạn")  # a mistake first
    page.get_by_role("button", name="Lưu lại").click()
    expect(page.locator(".errorlist")).to_contain_text("Số điện thoại chỉ gồm chữ số")
    expect(page.get_by_label("Tên trang:")).to_have_value("Tin tức Phúc Lợi")
    page.get_by_label("Điện thoại:").fill("024 3765 4321")
    page.get_by_label("Biểu trưng:").set_input_files(logo)  # a browser never keeps a file
    page.get_by_role("button", name="Lưu lại").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã lưu thông tin trang")

    titles = {urls[0]: "Tin tức Phúc Lợi", urls[1]: f"{article.title} — Tin tức Phúc Lợi"}
    for viewport in (DESKTOP, PHONE):
        for url in urls * 2:  # a new reader, then the second one
            reader = page_factory(viewport)
            reader.goto(url)
            expect(reader.locator(".brand__name")).to_have_text("Tin tức Phúc Lợi")
            expect(reader).to_have_title(titles[url])
            wait_until_loaded(reader.locator(".brand__logo"))
            footer = reader.locator(".site-footer")
            expect(footer).to_contain_text("Cơ quan chủ quản: Ủy ban nhân dân phường Phúc Lợi")
            expect(footer.get_by_role("link", name="024 3765 4321")).to_have_attribute(
                "href", "tel:02437654321"
            )
            expect(reader.get_by_text("Tin tức Long Biên")).to_have_count(0)
            assert fits_the_screen(reader)
            assert reader.console_errors == []
