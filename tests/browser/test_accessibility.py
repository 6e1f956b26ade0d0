"""Every kind of public page, on a phone (390×844) and a desktop: axe-core
finds no serious or critical problem (tap-target sizes included), nothing
scrolls sideways, and the comment form is comfortable on a phone."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from comments.models import Comment, Office, Reply
from tests.browser.conftest import (
    PHONE,
    VIEWPORTS,
    axe_violations,
    fits_the_screen,
    wait_for_pictures,
)
from tests.factories import (
    ArticleFactory,
    ArticlePhotoFactory,
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
    PortalIdentityFactory,
    image_bytes,
)

pytestmark = pytest.mark.django_db(transaction=True)

BODY = (
    "<p>Đoạn văn thứ nhất về “Ngày hội văn hóa” của quận.</p>"
    "<h2>Các hoạt động chính</h2>"
    "<blockquote><p>Một là, thi gói bánh chưng. Hai là, thi kéo co.</p></blockquote>"
    '<figure class="table"><table><thead><tr><th>Phường</th><th>Số hội viên</th></tr>'
    "</thead><tbody><tr><td>Bồ Đề</td><td>120</td></tr></tbody></table></figure>"
)


@pytest.fixture
def articles():
    category = CategoryFactory(name="Văn hóa - Xã hội", slug="van-hoa-xa-hoi")
    CategoryFactory(name="Kinh tế", slug="kinh-te")
    author = AuthorFactory(name="Đông Hải")
    now = timezone.now()
    items = []
    for n in range(8):
        article = ArticleFactory(
            category=category,
            author=author,
            title=f"Phường Bồ Đề, quận Long Biên ra mắt câu lạc bộ dưỡng sinh số {n}",
            published_at=now - timedelta(hours=n + 1),
            body=BODY,
        )
        ArticlePhotoFactory(article=article)
        items.append(article)
    # The portal's logo in the header and its legal footer, filled in.
    portal = PortalIdentityFactory()
    portal.logo.save("bieu-trung.png", ContentFile(image_bytes((256, 256), fmt="PNG")))
    answered = CommentFactory(article=items[3], status=Comment.Status.APPROVED)
    # The portal's answer under it, with a link, is checked with the page.
    Reply.objects.create(
        comment=answered,
        office=Office.objects.create(name="UBND phường Bồ Đề"),
        text="Lịch sinh hoạt câu lạc bộ ở https://longbien.example.vn/lich, mời bác tham gia.",
    )
    return items


def open_article_with_errors(page, url):
    page.goto(url)
    form = page.get_by_role("form", name="Viết bình luận")
    form.get_by_label("Số điện thoại").fill("12345")
    form.get_by_role("button", name="Gửi bình luận").click()
    expect(page.get_by_role("alert")).to_contain_text("Bình luận chưa được gửi")
    expect(form.get_by_label("Họ tên")).to_have_attribute("aria-invalid", "true")


PAGES = {
    "home": (lambda articles: reverse("news:home"), 200),
    "category": (lambda articles: articles[0].category.get_absolute_url(), 200),
    "article": (lambda articles: articles[3].get_absolute_url(), 200),
    "article-form-errors": (lambda articles: articles[3].get_absolute_url(), 200),
    "search": (lambda articles: reverse("news:search") + "?q=long+bien", 200),
    "search-error": (lambda articles: reverse("news:search") + "?q=%21%21%21", 200),
    "not-found": (lambda articles: "/khong-co-trang-nay/", 404),
}


@VIEWPORTS
@pytest.mark.parametrize("name", PAGES)
def test_page_passes_axe_and_fits_the_screen(live_server, page_factory, articles, name, viewport):
    path, status = PAGES[name]
    url = live_server.url + path(articles)
    page = page_factory(viewport)
    if name == "article-form-errors":
        open_article_with_errors(page, url)
    else:
        assert page.goto(url).status == status
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    wait_for_pictures(page)
    assert fits_the_screen(page)
    assert axe_violations(page) == []
    if status == 200:
        assert page.console_errors == []


def test_search_results_are_highlighted(live_server, page_factory, articles):
    page = page_factory(PHONE)
    page.goto(live_server.url + reverse("news:search") + "?q=long+bien")
    results = page.get_by_role("region", name="8 bài viết cho “long bien”")
    expect(results.get_by_role("article")).to_have_count(8)
    expect(results.locator("mark").first).to_have_text("Long")


@VIEWPORTS
def test_a_section_link_reached_by_keyboard_shows_its_whole_focus_ring(
    live_server, page_factory, articles, viewport
):
    """The section bar scrolls sideways, and clips what is drawn outside
    its links: the yellow ring must be seen on every side of the link."""
    page = page_factory(viewport)
    page.goto(live_server.url + reverse("news:home"))
    sections = page.get_by_role("navigation", name="Chuyên mục")
    sections.get_by_role("link", name="Trang chủ").focus()
    page.keyboard.press("Tab")  # to the first section, as a keyboard user goes
    link = page.locator(":focus")
    expect(link).to_have_count(1)
    assert link.evaluate("e => e.closest('nav') !== null && e.matches(':focus-visible')")
    picture = Image.open(BytesIO(link.screenshot())).convert("RGB")
    width, height = picture.size
    edges = {
        "top": (width // 2, 1),
        "bottom": (width // 2, height - 2),
        "left": (1, height // 2),
        "right": (width - 2, height // 2),
    }
    for side, at in edges.items():
        red, green, blue = picture.getpixel(at)
        assert red > 200 and green > 150 and blue < 90, (side, (red, green, blue))


def test_comment_form_is_comfortable_on_a_phone(live_server, page_factory, articles):
    page = page_factory(PHONE)
    page.goto(live_server.url + articles[3].get_absolute_url() + "#viet-binh-luan")
    form = page.get_by_role("form", name="Viết bình luận")
    fields = [form.get_by_label(label) for label in ("Họ tên", "Số điện thoại", "Tiêu đề")]
    fields += [form.get_by_label("Nội dung"), form.get_by_label("Mã xác nhận")]
    for control in [*fields, form.get_by_role("button", name="Gửi bình luận")]:
        box = control.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, control
        # Under 16px, phones zoom in on the field and the page moves sideways.
        assert control.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16, control
    refresh = form.get_by_role("link", name="Lấy lại mã bảo mật").bounding_box()
    assert refresh["height"] >= 44
    submit = form.get_by_role("button", name="Gửi bình luận").bounding_box()
    assert submit["width"] >= PHONE["width"] - 2 * 40  # a full-width button
    trap = page.locator("#id_website").bounding_box()
    assert trap["x"] + trap["width"] <= 0  # the honeypot is off screen
    assert fits_the_screen(page)


def test_axe_checks_tap_targets(live_server, page_factory):
    """The target-size rule is on: two small buttons side by side fail it."""
    page = page_factory(PHONE)
    page.goto(live_server.url + reverse("news:home"))
    page.locator("main").evaluate(
        """main => {
            const row = document.createElement("div");
            for (const label of ["A", "B"]) {
                const button = row.appendChild(document.createElement("button"));
                button.textContent = label;
                button.style.cssText = "width: 14px; height: 14px; padding: 0; margin: 0";
            }
            main.prepend(row);
        }"""
    )
    assert [v for v in axe_violations(page) if v.startswith("target-size")]
