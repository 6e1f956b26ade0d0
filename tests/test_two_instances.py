"""Two app servers, one PostgreSQL and one Redis: the servers keep no state
of their own. A captcha drawn by one is accepted by the other, the comment
rate limit counts posts to both, and an article published through one is on
the other's pages at once, also through the shipped Varnish in front of the
other, which both servers purge after their commits."""

import http.cookies
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from html import unescape
from html.parser import HTMLParser

import pytest
from captcha.models import CaptchaStore
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from comments.models import Comment
from news.models import Article
from news.roles import EDITORS
from tests.factories import ArticleFactory, UserFactory
from tests.test_faults import (
    ROOT,
    collect_static,
    free_port,
    production_environment,
    wait_until_up,
)
from tests.varnish import VARNISHD, Varnish, unavailable

PASSWORD = "mat-khau-cua-hai-may-chu"  # noqa: S105 - a test account

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"),
        reason="needs PostgreSQL and Redis (DATABASE_URL=postgres://…, REDIS_URL=redis://…)",
    ),
    pytest.mark.django_db(transaction=True),
]


class Browser:
    """Just enough of a browser: keeps cookies across both servers (cookies
    belong to the host, not the port) and does not follow redirects."""

    def __init__(self):
        self.cookies = {}

    def request(self, url, data=None):
        status, _, body = self.fetch(url, data)
        return status, body

    def fetch(self, url, data=None):
        """(status, headers, body) of a GET, or of a POST of `data`."""
        assert url.startswith("http://127.0.0.1:")
        body = urllib.parse.urlencode(data).encode() if data else None
        request = urllib.request.Request(url, data=body)  # noqa: S310 - loopback only
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=15)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in http.cookies.SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.headers, response.read().decode(errors="replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Form(HTMLParser):
    """The fields of the form with the given id, as a browser would send them."""

    def __init__(self, html, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields, self.select, self.textarea = (
            form_id,
            False,
            {},
            None,
            None,
        )
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in ("checkbox", "radio", "submit", "file"):
            self.fields[attrs["name"]] = attrs.get("value", "")
        elif tag == "input" and attrs.get("type") in ("checkbox", "radio") and "checked" in attrs:
            self.fields[attrs["name"]] = attrs.get("value", "on")
        elif tag == "select":
            self.select = attrs["name"]
            if "multiple" not in attrs:  # a multiple select with nothing chosen sends nothing
                self.fields.setdefault(self.select, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields[self.select] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.fields[self.textarea] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.inside = False

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data


@pytest.fixture(scope="module")
def deployment(django_db_setup, django_db_blocker, tmp_path_factory):
    """Two gunicorn servers, started once for the tests of this module, and
    (when varnishd is installed) the shipped Varnish in front of the first.
    Both servers purge that Varnish after their commits: its address is
    chosen before they start. Yields ([first, second], varnish or None)."""
    static = tmp_path_factory.mktemp("static")
    with django_db_blocker.unblock():
        collect_static(static)
    ports = [free_port(), free_port()]
    front = Varnish(ports[0]) if VARNISHD else None
    environment = production_environment(
        DATABASE_URL=run_database_url(),
        # The same Redis and key prefix as this test run, which clears them.
        CACHE_KEY_PREFIX=settings.CACHES["default"]["KEY_PREFIX"],
        STATIC_ROOT=str(static),
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        COMMENTS_RATE="2/10m",
        WEB_CONCURRENCY="1",
        FRONT_CACHE_URLS=front.url if front else "",
    )
    with app_servers(environment, ports) as bases:
        if front is None:
            yield bases, None
        else:
            with front:
                yield bases, front


def run_database_url():
    """This test run's PostgreSQL database, as the servers' DATABASE_URL."""
    database = connection.settings_dict
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    host, port = database["HOST"] or "127.0.0.1", database["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{database['NAME']}"


@contextmanager
def app_servers(environment, ports):
    """Our gunicorn, as deployed, once per port, with `environment`: their
    base addresses, each answering /healthz; stopped at the end."""
    processes, bases = [], []
    try:
        for port in ports:
            process = subprocess.Popen(  # noqa: S603 - our own gunicorn and settings
                [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
                cwd=ROOT,
                env={**environment, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            processes.append(process)
            bases.append(f"http://127.0.0.1:{port}")
            wait_until_up(bases[-1] + "/healthz", process)
        yield bases
    finally:
        for process in processes:
            process.terminate()
            process.communicate(timeout=30)


@pytest.fixture(scope="module")
def servers(deployment):
    return deployment[0]


@pytest.fixture
def front_cache(deployment, settings):
    """([first, second], varnish): Varnish in front of the first server. This
    process purges it after its commits too, as a third app server would."""
    bases, front = deployment
    if front is None:
        unavailable("varnishd is not installed (apt-get install varnish varnish-modules)")
    settings.FRONT_CACHE_URLS = [front.url]
    return bases, front


def comment(browser, base, article, html, parts_from=None, **fields):
    """Post a comment to `base` from the shared article page `html`, as
    comments.js does: the reader's token and captcha fetched from the form's
    parts address at `parts_from` (`base` unless given), the picture loaded
    from there (its challenge is made then), the letters it shows typed."""
    origin = parts_from or base
    parts_url = unescape(re.search(r'data-parts-url="([^"]+)"', html).group(1))
    status, answer = browser.request(origin + parts_url)
    assert status == 200, answer
    parts = json.loads(answer)
    assert browser.request(origin + parts["captcha_image"])[0] == 200
    shown = re.fullmatch(r"/ma-xac-nhan/([0-9a-f]{40})\.png", parts["captcha_image"]).group(1)
    data = {
        "csrfmiddlewaretoken": parts["csrf_token"],
        "name": "Lê Văn Nam",
        "phone": "",
        "title": "Hai máy chủ",
        "content": "Một nội dung.",
        "captcha_0": parts["captcha_key"],
        "captcha_1": CaptchaStore.objects.get(hashkey=shown).response,
        "website": "",
        **fields,
    }
    return browser.request(base + reverse("comments:post", args=[article.slug]), data)


def test_a_captcha_from_one_server_is_accepted_by_the_other(servers):
    first, second = servers
    article = ArticleFactory()
    reader = Browser()
    status, html = reader.request(first + article.get_absolute_url())
    assert status == 200
    status, _ = comment(reader, second, article, html, parts_from=first)
    assert status == 302
    assert Comment.objects.get().title == "Hai máy chủ"


def test_the_rate_limit_counts_posts_to_both_servers(servers):
    first, second = servers
    article = ArticleFactory()
    reader = Browser()
    statuses = []
    for n, base in enumerate([first, second, first]):
        _, html = reader.request(base + article.get_absolute_url())
        statuses.append(comment(reader, base, article, html, content=f"Lần {n}")[0])
    assert statuses == [302, 302, 429]
    assert Comment.objects.count() == 2


def log_in(base, username):
    """An editor logged in through `base`'s admin login page, as a person would."""
    editor = UserFactory(username=username, is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    editor.password = make_password(PASSWORD, hasher=PBKDF2PasswordHasher())
    editor.save()
    newsroom = Browser()
    login = base + reverse("admin:login")
    _, html = newsroom.request(login)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    credentials = {"csrfmiddlewaretoken": token, "username": editor.username, "password": PASSWORD}
    assert newsroom.request(login, credentials)[0] == 302
    return newsroom


def change(newsroom, base, article, **values):
    """Save `article` through `base`'s admin change form with `values` changed (a
    button pressed: `_workflow`)."""
    url = base + reverse("admin:news_article_change", args=[article.pk])
    status, html = newsroom.request(url)
    assert status == 200
    fields = Form(html, "article_form").fields
    fields.update(values)
    status, html = newsroom.request(url, fields)
    assert status == 302, re.findall(r'<ul class="errorlist[^>]*>.*?</ul>', html, re.S) or fields


def test_publishing_through_one_server_is_seen_at_once_on_the_other(servers):
    first, second = servers
    ArticleFactory(title="Bài đã có")
    draft = ArticleFactory(title="Bài vừa xuất bản", status=Article.Status.DRAFT)
    reader = Browser()
    assert "Bài vừa xuất bản" not in reader.request(second + "/")[1]
    assert "Bài vừa xuất bản" not in reader.request(second + "/")[1]  # now from the cache

    # An editor logs in through the first server's login page.
    newsroom = log_in(first, "bientap-hai-may")
    change(newsroom, first, draft, _workflow="publish")
    assert Article.objects.get(pk=draft.pk).status == Article.Status.PUBLISHED
    assert "Bài vừa xuất bản" in reader.request(second + "/")[1]


# Varnish in front of the first server ---------------------------------------------


def from_the_cache(reader, url):
    """`url` loaded until Varnish answers it from its cache: a page drawn
    within a second of a change of what it shows is not kept
    (news/caching.py, CLOCK_MARGIN), so this may take that long."""
    deadline = time.monotonic() + 10
    while True:
        status, headers, html = reader.fetch(url)
        assert status == 200, url
        if headers["X-Cache"] == "HIT":
            return html
        assert time.monotonic() < deadline, f"{url} was not kept by Varnish"
        time.sleep(0.2)


def test_publishing_and_editing_through_one_server_is_seen_at_once_through_the_others_cache(
    front_cache,
):
    (first, second), varnish = front_cache
    ArticleFactory(title="Bài đã có")
    draft = ArticleFactory(title="Bài qua bộ đệm", status=Article.Status.DRAFT)
    reader = Browser()
    assert "Bài qua bộ đệm" not in from_the_cache(reader, varnish.url + "/")

    newsroom = log_in(second, "bientap-bo-dem")
    change(newsroom, second, draft, _workflow="publish")
    status, headers, html = reader.fetch(varnish.url + "/")
    assert "Bài qua bộ đệm" in html
    url = varnish.url + draft.get_absolute_url()
    assert "Bài qua bộ đệm" in from_the_cache(reader, url)
    from_the_cache(reader, varnish.url + "/")

    change(newsroom, second, draft, title="Bài qua bộ đệm, đã sửa")
    for page in (url, varnish.url + "/"):
        status, headers, html = reader.fetch(page)
        assert status == 200
        assert "Bài qua bộ đệm, đã sửa" in html, page
        assert headers["X-Cache"] == "MISS", page


def test_a_captcha_drawn_through_the_cache_is_accepted_by_the_other_server(front_cache):
    (first, second), varnish = front_cache
    article = ArticleFactory()
    reader = Browser()
    html = from_the_cache(reader, varnish.url + article.get_absolute_url())
    assert "csrftoken" not in reader.cookies  # nothing of anybody's in the shared page
    status, _ = comment(reader, second, article, html, parts_from=varnish.url)
    assert status == 302
    assert Comment.objects.get().title == "Hai máy chủ"
