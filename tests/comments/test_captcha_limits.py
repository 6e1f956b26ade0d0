"""New captchas are database rows: one address (IPv6: one /64) gets at most
COMMENTS_CAPTCHA_RATE of them, whether through the comment form's picture
or django-simple-captcha's refresh."""

import re
import secrets

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse

pytestmark = pytest.mark.django_db

SCRIPT = {"x-requested-with": "XMLHttpRequest"}


@pytest.fixture(autouse=True)
def rate(settings):
    settings.COMMENTS_CAPTCHA_RATE = "5/10m"


def picture(client, address, key=None):
    """The picture of a captcha key, forged (any 40 hex digits) unless given."""
    url = reverse("comments:captcha_image", kwargs={"key": key or secrets.token_hex(20)})
    return client.get(url, REMOTE_ADDR=address)


def test_forged_keys_stop_making_rows_past_the_limit(client):
    answers = [picture(client, "203.0.113.20") for _ in range(8)]
    assert [a.status_code for a in answers] == [200] * 5 + [429] * 3
    assert CaptchaStore.objects.count() == 5
    refused = answers[-1]
    assert refused["Content-Type"] == "image/svg+xml; charset=utf-8"
    # The limit's window is fixed: what is left of it, in minutes.
    minutes = int(re.search(r"Thử lại sau (\d+) phút", refused.content.decode())[1])
    assert 1 <= minutes <= 10
    assert refused["Retry-After"] == str(minutes * 60)
    assert "no-store" in refused["Cache-Control"]


def test_reloading_the_same_picture_makes_no_new_row_and_is_not_counted(client, article):
    parts = client.get(reverse("comments:form_parts", kwargs={"slug": article.slug})).json()
    for _ in range(10):
        response = client.get(parts["captcha_image"], REMOTE_ADDR="203.0.113.21")
        assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    assert CaptchaStore.objects.count() == 1


def test_other_readers_still_get_captchas(client, article):
    for _ in range(6):
        picture(client, "203.0.113.22")
    parts = client.get(reverse("comments:form_parts", kwargs={"slug": article.slug})).json()
    response = client.get(parts["captcha_image"], REMOTE_ADDR="203.0.113.23")
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")


def test_addresses_of_one_ipv6_64_share_the_limit(client):
    statuses = [picture(client, f"2001:db8:5:6::{n + 1:x}").status_code for n in range(6)]
    assert statuses == [200] * 5 + [429]
    assert picture(client, "2001:db8:5:7::1").status_code == 200


def test_the_refresh_is_bounded_too(client):
    answers = [
        client.get(reverse("captcha-refresh"), headers=SCRIPT, REMOTE_ADDR="203.0.113.24")
        for _ in range(7)
    ]
    assert [a.status_code for a in answers] == [200] * 5 + [429] * 2
    assert CaptchaStore.objects.count() == 5
    error = answers[-1].json()["error"]
    assert re.fullmatch(r"Bạn đã lấy quá nhiều mã xác nhận\. Hãy thử lại sau \d+ phút\.", error)


def test_the_refresh_without_the_script_header_counts_nothing(client):
    for _ in range(7):
        assert client.get(reverse("captcha-refresh"), REMOTE_ADDR="203.0.113.25").status_code == 404
    ok = client.get(reverse("captcha-refresh"), headers=SCRIPT, REMOTE_ADDR="203.0.113.25")
    assert ok.status_code == 200
