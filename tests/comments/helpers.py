"""Posting comments the way a browser does, with the captcha solved from its store."""

import re

from captcha.models import CaptchaStore
from django.test import Client
from django.urls import reverse

CAPTCHA_KEY = re.compile(r'name="captcha_0" value="([0-9a-f]{40})"')
CAPTCHA_IMAGE = re.compile(r'<img class="captcha__image" src="([^"]+)"')


def new_captcha():
    """A captcha as the form would draw it: (key, correct answer)."""
    key = CaptchaStore.generate_key()
    return key, CaptchaStore.objects.get(hashkey=key).response


def captcha_in(html):
    """What a reader sends from a rendered page: (the form's hidden key, the
    letters the picture shows). The picture is loaded from the page's own
    `<img src>`, as a browser does (that is when its challenge is made), and
    its letters are read from the challenge of the key that `src` names: a
    page whose picture and hidden key disagree fails here as it fails for a
    reader."""
    html = html if isinstance(html, str) else html.decode()
    keys = CAPTCHA_KEY.findall(html)
    assert len(keys) == 1, f"expected one captcha on the page, found {len(keys)}"
    sources = CAPTCHA_IMAGE.findall(html)
    assert len(sources) == 1, f"expected one captcha picture on the page, found {len(sources)}"
    image = Client().get(sources[0])
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    shown = image.wsgi_request.resolver_match.kwargs["key"]
    return keys[0], CaptchaStore.objects.get(hashkey=shown).response


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
