"""Posting comments the way a browser does, with the captcha solved from its store."""

import re

from captcha.models import CaptchaStore
from django.test import Client
from django.urls import reverse

CAPTCHA_KEY = re.compile(r'name="captcha_0" value="([0-9a-f]{40})"')


def new_captcha():
    """A captcha as the form would draw it: (key, correct answer)."""
    key = CaptchaStore.generate_key()
    return key, CaptchaStore.objects.get(hashkey=key).response


def captcha_in(html):
    """The captcha a rendered page carries: (key, correct answer). Its image
    is fetched first, as a browser does: that is when the challenge is made."""
    keys = CAPTCHA_KEY.findall(html if isinstance(html, str) else html.decode())
    assert len(keys) == 1, f"expected one captcha on the page, found {len(keys)}"
    image = Client().get(reverse("comments:captcha_image", kwargs={"key": keys[0]}))
    assert image.status_code == 200
    return keys[0], CaptchaStore.objects.get(hashkey=keys[0]).response


def comment_data(captcha=None, **fields):
    key, answer = captcha or new_captcha()
    data = {
        "name": "Trần Thị Hoa",
        "phone": "0912 345 678",
        "title": "Cảm ơn phường",
        "content": "Đường sạch hơn hẳn.\nMong được duy trì.",
        "captcha_0": key,
        "captcha_1": answer,
        "website": "",
    }
    data.update(fields)
    return data


def post_url(article):
    return reverse("comments:post", kwargs={"slug": article.slug})


def post_comment(client, article, captcha=None, **fields):
    return client.post(post_url(article), comment_data(captcha, **fields))
