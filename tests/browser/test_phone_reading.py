"""Reading on a phone (390 px wide): article text without the wide gaps of
justified lines, a category bar that shows it goes on sideways, and search
results that never widen the page."""

import io
from urllib.parse import urlencode

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, fits_the_screen
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db(transaction=True)

CATEGORIES = ["Chính trị", "Kinh tế", "Văn hóa - Xã hội", "Đô thị", "An ninh - Trật tự"]
BAR_RED = (155, 28, 28)  # --red in static/css/site.css


def categories():
    for n, name in enumerate(CATEGORIES):
        CategoryFactory(name=name, slug=f"muc-{n}", order=n)


def edges(page):
    """The colours of the category bar's left and right edges, in a row above
    the names: (left, right)."""
    bar = page.locator(".site-nav__list")
    image = Image.open(io.BytesIO(bar.screenshot())).convert("RGB")
    width, _ = image.size
    return image.getpixel((1, 3)), image.getpixel((width - 2, 3))


def dark(colour):
    return sum(colour) < sum(BAR_RED) - 60


def test_the_category_bar_shows_a_dark_edge_where_more_names_wait(live_server, page_factory):
    categories()
    page = page_factory(PHONE)
    page.goto(live_server.url + "/")
    bar = page.locator(".site-nav__list")
    assert bar.evaluate("list => list.scrollWidth > list.clientWidth")  # it does scroll
    left, right = edges(page)
    assert not dark(left) and dark(right)
    # The reader swipes the bar to its end: the dark edge moves to the left.
    box = bar.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(2000, 0)
    page.wait_for_function(
        "() => { const l = document.querySelector('.site-nav__list');"
        " return l.scrollLeft + l.clientWidth >= l.scrollWidth - 1; }"
    )
    left, right = edges(page)
    assert dark(left) and not dark(right)
    page.get_by_role("link", name="An ninh - Trật tự").click()
    assert page.url.endswith("/muc-4/")


def test_a_bar_that_fits_has_no_dark_edge(live_server, page_factory):
    categories()
    page = page_factory(DESKTOP)
    page.goto(live_server.url + "/")
    left, right = edges(page)
    assert not dark(left) and not dark(right)


def text_align(page):
    return page.locator(".article__body p").first.evaluate("p => getComputedStyle(p).textAlign")


def test_article_text_is_not_justified_on_a_phone(live_server, page_factory):
    article = ArticleFactory(
        body="<p>" + "Người dân phường Thạch Bàn góp ý về tuyến đường gom ven đê. " * 12 + "</p>"
    )
    phone = page_factory(PHONE)
    phone.goto(live_server.url + article.get_absolute_url())
    assert text_align(phone) in {"left", "start"}
    desktop = page_factory(DESKTOP)
    desktop.goto(live_server.url + article.get_absolute_url())
    assert text_align(desktop) == "justify"


@pytest.mark.parametrize("size", [PHONE, DESKTOP])
def test_a_search_for_a_pasted_link_or_a_long_word_fits_the_screen(live_server, page_factory, size):
    """A reader pastes a link into the search box, or a word of 150 letters:
    the heading quoting it, and the line saying which words were left out,
    wrap instead of widening the page."""
    ArticleFactory(title="Phường Long Biên ra mắt trang tin")
    link = "https://www.facebook.com/ubndphuonglongbien/posts/1234567890123456789"
    page = page_factory(size)
    for query in (link, "x" * 150, "long bien " + "mot hai ba bon nam sau bay " + "y" * 120):
        page.goto(f"{live_server.url}/tim-kiem/?{urlencode({'q': query})}")
        expect(page.locator("#ket-qua")).to_be_visible()
        assert fits_the_screen(page), query


def test_a_phone_reader_sees_the_first_result_and_can_still_filter(live_server, page_factory):
    """The filters fold away once results are shown: on a phone they
    filled the screen above them. Opened, they filter as before."""
    kinh_te, do_thi = CategoryFactory(name="Kinh tế"), CategoryFactory(name="Đô thị")
    ArticleFactory(title="Chợ Long Biên mở cửa sớm", category=kinh_te)
    ArticleFactory(title="Ngõ chợ Long Biên lát lại", category=do_thi)
    page = page_factory(PHONE)
    page.goto(f"{live_server.url}/tim-kiem/?{urlencode({'q': 'chợ long biên'})}")
    first = page.locator(".search-result").first
    expect(first).to_be_in_viewport()
    filters = page.get_by_text("Lọc, sắp xếp")
    expect(page.get_by_role("combobox", name="Chuyên mục")).to_be_hidden()
    filters.click()
    page.get_by_role("combobox", name="Chuyên mục").select_option(label="Đô thị")
    page.get_by_role("button", name="Tìm").click()
    expect(page.locator(".search-result")).to_have_count(1)
    expect(page.locator(".search-result")).to_contain_text("Ngõ chợ Long Biên lát lại")
    expect(page.get_by_text("Lọc, sắp xếp (đang dùng)")).to_be_visible()
    expect(page.get_by_role("combobox", name="Chuyên mục")).to_be_visible()
