"""A reader past the captcha limit is shown why, in the picture itself."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_past_the_limit_the_captcha_picture_says_when_to_try_again(
    live_server, page_factory, settings
):
    settings.COMMENTS_CAPTCHA_RATE = "2/10m"
    article = ArticleFactory(title="Phường Phúc Đồng lát lại vỉa hè")
    page = page_factory(PHONE)
    page.goto(live_server.url + article.get_absolute_url())
    key = page.locator('input[name="captcha_0"]')
    picture = page.locator(".captcha__image")
    refresh = page.get_by_role("link", name="Lấy lại mã bảo mật")
    statuses = []
    page.on(
        "response",
        lambda response: "/ma-xac-nhan/" in response.url and statuses.append(response.status),
    )
    for _ in range(3):
        old_key = key.input_value()
        refresh.click()
        expect(key).not_to_have_value(old_key)
        page.wait_for_function(
            "img => img.complete && img.src.includes(document.querySelector("
            "'input[name=captcha_0]').value)",
            arg=picture.element_handle(),
        )
    assert statuses[-1] == 429
    # The browser draws the answer's picture: the message, at the captcha's size.
    assert picture.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [180, 56]
    text = page.evaluate("url => fetch(url).then(r => r.text())", picture.get_attribute("src"))
    assert "Thử lại sau" in text
