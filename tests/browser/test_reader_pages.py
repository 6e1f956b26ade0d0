from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import DESKTOP, PHONE, axe_violations
from tests.factories import ArticleFactory, ArticlePhotoFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def articles():
    category = CategoryFactory(name="Văn hóa - Xã hội", slug="van-hoa-xa-hoi")
    author = AuthorFactory(name="Đông Hải")
    now = timezone.now()
    items = []
    for n in range(8):
        article = ArticleFactory(
            category=category,
            author=author,
            title=f"Phường Bồ Đề ra mắt câu lạc bộ dưỡng sinh cho người cao tuổi số {n}",
            published_at=now - timedelta(hours=n + 1),
            body="<p>Đoạn văn thứ nhất.</p><blockquote><p>Trích dẫn</p></blockquote>"
            '<figure class="table"><table><thead><tr><th>Phường</th><th>Số hội viên</th></tr>'
            "</thead><tbody><tr><td>Bồ Đề</td><td>120</td></tr></tbody></table></figure>",
        )
        ArticlePhotoFactory(article=article)
        items.append(article)
    return items


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_fits_the_screen_and_passes_axe(live_server, page_factory, articles, viewport):
    page = page_factory(viewport)
    response = page.goto(live_server.url + "/")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert no_horizontal_scroll(page)
    assert axe_violations(page) == []
    assert page.console_errors == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_article_fits_the_screen_and_passes_axe(live_server, page_factory, articles, viewport):
    page = page_factory(viewport)
    page.goto(live_server.url + articles[3].get_absolute_url())
    title = page.locator("h1").inner_text()
    assert title.endswith(")") and "Phường Bồ Đề" in title
    assert page.locator("figure.article__photo figcaption").count() == 1
    assert page.locator("img").evaluate_all(
        "imgs => imgs.every(i => i.complete && i.naturalWidth > 0)"
    )
    assert no_horizontal_scroll(page)
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_reader_reaches_an_article_from_the_menu_on_a_phone(live_server, page_factory, articles):
    page = page_factory(PHONE)
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Chuyên mục").get_by_role(
        "link", name="Văn hóa - Xã hội"
    ).click()
    assert page.locator("h1").text_content() == "Văn hóa - Xã hội"
    page.get_by_role("link", name=articles[0].title).first.click()
    assert page.url.endswith(articles[0].get_absolute_url())
