"""Posting comments the way a browser does, with the captcha solved from its store."""

import re
from html import unescape

from captcha.models import CaptchaStore
from django.test import Client
from django.urls import reverse

CAPTCHA_KEY = re.compile(r'name="captcha_0" value="([0-9a-f]{40})"')
CAPTCHA_IMAGE = re.compile(r'<img class="captcha__image" src="([^"]+)"')
PARTS_URL = re.compile(r'data-parts-url="([^"]+)"')


def new_captcha():
    """A captcha as the form would draw it: (key, correct answer)."""
    key = CaptchaStore.generate_key()
    return key, CaptchaStore.objects.get(hashkey=key).response


def captcha_in(html, client=None):
    """What a reader sends from a rendered page: (the form's key, the letters
    its picture shows), as their browser has them. A page every reader
    shares (the article) carries neither: comments.js fetches them from the
    form's parts address, which is done here with `client` (a new one if
    None). A page with the reader's own form (after a mistake) carries them:
    the picture is loaded from the page's own `<img src>`, as a browser does
    (that is when its challenge is made), and its letters are read from the
    challenge of the key that `src` names, so a page whose picture and
    hidden key disagree fails here as it fails for a reader."""
    html = html if isinstance(html, str) else html.decode()
    keys = CAPTCHA_KEY.findall(html)
    if not keys:
        parts = form_parts(client or Client(), html)
        return parts["captcha_0"], parts["captcha_1"]
    assert len(keys) == 1, f"expected one captcha on the page, found {len(keys)}"
    sources = CAPTCHA_IMAGE.findall(html)
    assert len(sources) == 1, f"expected one captcha picture on the page, found {len(sources)}"
    return keys[0], letters_shown(Client(), sources[0])


def form_parts(client, html):
    """What comments.js puts into a shared page's form when the reader starts
    writing: the token and captcha fetched from the form's parts address
    (`data-parts-url`), with the letters of the picture it names."""
    urls = PARTS_URL.findall(html)
    assert len(urls) == 1, f"expected one comment form on the page, found {len(urls)}"
    parts = client.get(unescape(urls[0]))
    assert parts.status_code == 200
    assert "no-store" in parts["Cache-Control"]
    data = parts.json()
    return {
        "csrfmiddlewaretoken": data["csrf_token"],
        "captcha_0": data["captcha_key"],
        "captcha_1": letters_shown(client, data["captcha_image"]),
    }


def letters_shown(client, src):
    """The letters the captcha picture at `src` shows, once loaded."""
    image = client.get(unescape(src))
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    shown = image.wsgi_request.resolver_match.kwargs["key"]
    return CaptchaStore.objects.get(hashkey=shown).response


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
