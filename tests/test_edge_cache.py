"""Django behind the shipped Varnish (deploy/varnish.vcl): what readers, the
newsroom and the counters notice once a shared cache answers most requests.

Django is pytest-django's live server, in this process (so `settings` and
signal receivers reach it), with a real varnishd of the test's own in front,
told about purges through FRONT_CACHE_URLS like in production. Every request
here goes through Varnish over plain HTTP, as a browser's would; every change
is committed, as an editor's is.

Parts of pages drawn within `caching.CLOCK_MARGIN` of a change are not kept
in Django's cache (news/caching.py): tests that count what Django draws wait
that long after making their articles (`settled`). Purges are sent twice, the
second FRONT_CACHE_REPURGE_SECONDS later, as in production (shorter here).
"""

import http.cookies
import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, namedtuple
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from html import unescape
from urllib.parse import urlsplit

import pytest
from captcha.models import CaptchaStore
from django.contrib.auth.models import Group
from django.core.signals import request_finished, request_started
from django.db import OperationalError, connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from comments.moderation import approve
from news import caching, counters
from news.models import Article
from news.roles import EDITORS, EDITORS_IN_CHIEF, ensure_roles
from tests.comments.helpers import comment_data, post_url
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    PortalIdentityFactory,
    UserFactory,
)
from tests.forms import form_values
from tests.reading import READ_URL
from tests.varnish import Varnish

pytestmark = pytest.mark.django_db(transaction=True)

AWAITING = "đang chờ ban biên tập duyệt"
PREVIEW = "Bản xem trước"
PASSWORD = "mat-khau-thu-nghiem"  # noqa: S105 - tests.factories.UserFactory
TIMEOUT = 15  # seconds: the longest any one request may take
WAIT = 10  # seconds: the longest any test waits for something to happen
WORKERS = 8  # requests Django answers at once where the test counts them

Answer = namedtuple("Answer", "status headers body")


class Reader:
    """One reader's browser, as far as HTTP goes: its own cookies (host-wide,
    like a browser's for one site), no redirect followed unless asked.
    `address`: the reader's IP address, as the TLS proxy in front of Varnish
    passes it on (X-Real-IP)."""

    def __init__(self, base, address=None):
        self.base = base
        self.address = address
        self.cookies = {}

    def get(self, path):
        return self.open(path)

    def post(self, path, data=None):
        body = urllib.parse.urlencode(data or {}).encode()
        return self.open(path, body, "POST")

    def follow(self, answer):
        """The page a redirect leads to (its fragment is the browser's own)."""
        assert answer.status in (301, 302, 303), answer.status
        return self.get(answer.headers["Location"].split("#")[0])

    def open(self, path, data=None, method="GET"):
        url = urllib.parse.urljoin(self.base, path)
        assert url.startswith("http://127.0.0.1:"), url
        request = urllib.request.Request(url, data=data, method=method)  # noqa: S310 - loopback
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if self.address:
            request.add_header("X-Real-IP", self.address)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=TIMEOUT)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in http.cookies.SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return Answer(response.status, response.headers, response.read())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def text(answer):
    return answer.body.decode()


def anonymous(varnish, path):
    """What a new reader, with no cookie at all, gets for `path`."""
    return Reader(varnish.url).get(path)


def settled():
    """Wait until parts of pages showing what was just saved may be kept
    in Django's cache again."""
    time.sleep(caching.CLOCK_MARGIN + 0.1)


def cached(varnish, *paths):
    """Load each of `paths` as new readers until Varnish answers it from its
    cache; returns the cached answers."""
    answers = []
    for path in paths:
        for _ in range(3):
            answer = anonymous(varnish, path)
            if answer.headers["X-Cache"] == "HIT":
                break
        assert (answer.status, answer.headers["X-Cache"]) == (200, "HIT"), path
        answers.append(answer)
    return answers


def section(html, table_id):
    """The "Các bài mới đăng" (bai-moi-dang) or "Các bài đã đăng" (bai-da-dang)
    list of an article page."""
    found = re.search(
        rf'<section class="related" aria-labelledby="{table_id}">.*?</section>', html, re.S
    )
    return found.group(0) if found else ""


@pytest.fixture
def edge(live_server, settings):
    """(live_server, varnish): a varnishd of this test's own in front of the
    live server, purged by it after each commit; stopped when the test ends."""
    ensure_roles()  # a transactional test may start from an emptied database
    varnish = Varnish(urlsplit(live_server.url).port)
    settings.FRONT_CACHE_URLS = [varnish.url]
    settings.FRONT_CACHE_REPURGE_SECONDS = 1
    with varnish:
        yield live_server, varnish


@pytest.fixture
def varnish(edge):
    return edge[1]


@pytest.fixture
def django_requests():
    """The paths of the requests Django itself was asked to answer (not the
    ones Varnish answered from its cache), in order. Django answers
    `WORKERS` of them at once, as gunicorn's workers would, and lets go of
    its database connection after each: the live server takes every
    connection Varnish opens to it in a thread of its own, which would
    otherwise keep a database connection while Varnish keeps it open."""
    paths, lock = [], threading.Lock()
    workers, held = threading.BoundedSemaphore(WORKERS), threading.local()

    def started(sender, environ, **kwargs):
        with lock:
            paths.append(environ.get("PATH_INFO", ""))
        held.worker = workers.acquire(timeout=TIMEOUT)

    def finished(sender, **kwargs):
        if getattr(held, "worker", False):
            held.worker = False
            connections.close_all()  # no-op for an in-memory SQLite test database
            workers.release()

    request_started.connect(started, dispatch_uid="tests.edge_cache.started")
    request_finished.connect(finished, dispatch_uid="tests.edge_cache.finished")
    yield paths
    request_started.disconnect(dispatch_uid="tests.edge_cache.started")
    request_finished.disconnect(dispatch_uid="tests.edge_cache.finished")


@pytest.fixture
def article(settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    article = ArticleFactory(title="Phường Thạch Bàn nạo vét mương thoát nước")
    settled()
    return article


# The second reader: the same page, from the cache --------------------------------


def test_the_second_reader_gets_the_same_article_from_the_cache_with_nothing_of_the_first(
    varnish, article
):
    url = article.get_absolute_url()
    first = anonymous(varnish, url)
    assert (first.status, first.headers["X-Cache"]) == (200, "MISS")
    second = anonymous(varnish, url)
    assert (second.status, second.headers["X-Cache"]) == (200, "HIT")
    assert second.body == first.body
    html = text(second)
    assert article.title in html
    for answer in (first, second):
        assert "Set-Cookie" not in answer.headers
        assert "xkey" not in answer.headers  # Varnish's own index, never sent on
    assert re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', html) == [""]
    assert re.search(r'<input type="hidden" name="captcha_0"(?![^>]*value="[^"])[^>]*>', html)
    assert not re.search(r"[0-9a-f]{40}", html)  # no captcha key anywhere
    assert "/ma-xac-nhan/" not in html


def test_a_reader_of_the_cached_page_comments_and_the_next_reader_still_gets_it_cached(
    varnish, article
):
    url = article.get_absolute_url()
    first = anonymous(varnish, url)
    reader = Reader(varnish.url)
    page = reader.get(url)
    assert page.headers["X-Cache"] == "HIT"

    # What comments.js does on the first focus in the form.
    parts_url = unescape(re.search(r'data-parts-url="([^"]+)"', text(page)).group(1))
    answer = reader.get(parts_url)
    assert (answer.status, answer.headers["X-Cache"]) == (200, "MISS")
    assert "no-store" in answer.headers["Cache-Control"]
    assert "csrftoken" in reader.cookies
    parts = json.loads(answer.body)
    picture = reader.get(parts["captcha_image"])
    assert (picture.status, picture.headers["Content-Type"]) == (200, "image/png")
    shown = re.fullmatch(r"/ma-xac-nhan/([0-9a-f]{40})\.png", parts["captcha_image"]).group(1)
    letters = CaptchaStore.objects.get(hashkey=shown).response

    sent = reader.post(
        post_url(article),
        comment_data(
            (parts["captcha_key"], letters),
            csrfmiddlewaretoken=parts["csrf_token"],
            title="Mương đã thông",
        ),
    )
    assert sent.status == 302, text(sent)
    landing = reader.follow(sent)
    assert landing.status == 200
    assert landing.headers["X-Cache"] == "MISS"  # it carries this reader's message
    assert "private" in landing.headers["Cache-Control"]
    assert AWAITING in text(landing)
    comment = Comment.objects.get()
    assert (comment.title, comment.status) == ("Mương đã thông", Comment.Status.PENDING)

    third = anonymous(varnish, url)
    assert (third.status, third.headers["X-Cache"]) == (200, "HIT")
    assert AWAITING not in text(third)
    assert third.body == first.body


# What readers see changes at once after a commit -------------------------------------


def test_an_edited_title_is_gone_at_once_from_the_article_and_the_home_page(varnish, article):
    url = article.get_absolute_url()
    cached(varnish, url, "/")
    with transaction.atomic():
        article.title = "Phường Thạch Bàn hoàn thành nạo vét mương"
        article.save()
    for path in (url, "/"):
        html = text(anonymous(varnish, path))
        assert "Phường Thạch Bàn hoàn thành nạo vét mương" in html, path
        assert "Phường Thạch Bàn nạo vét mương thoát nước" not in html, path
    # And it is what the cache keeps from then on.
    settled()
    for answer in cached(varnish, url, "/"):
        assert "Phường Thạch Bàn nạo vét mương thoát nước" not in text(answer)


def test_an_unpublished_article_is_gone_at_once_from_its_page_home_and_its_category(
    varnish, article
):
    url, category = article.get_absolute_url(), article.category.get_absolute_url()
    cached(varnish, url, "/", category)
    with transaction.atomic():
        article.status = Article.Status.DRAFT
        article.save()
    assert anonymous(varnish, url).status == 404
    for path in ("/", category):
        answer = anonymous(varnish, path)
        assert answer.status == 200
        assert article.title not in text(answer), path


def test_a_deleted_article_is_gone_at_once_from_its_page_and_home(varnish, article):
    url = article.get_absolute_url()
    cached(varnish, url, "/")
    article.delete()
    assert anonymous(varnish, url).status == 404
    assert article.title not in text(anonymous(varnish, "/"))


def test_an_approved_comment_shows_at_once_on_the_article_page(varnish, article):
    comment = CommentFactory(article=article, title="Đề nghị nạo vét cả mương phía Nam")
    url = article.get_absolute_url()
    (before,) = cached(varnish, url)
    assert comment.title not in text(before)  # pending: purges nothing, shows nothing
    approve(Comment.objects.filter(pk=comment.pk), UserFactory(username="kiem-duyet"))
    answer = anonymous(varnish, url)
    assert comment.title in text(answer)


def test_a_new_article_is_at_once_on_home_and_among_the_newer_ones_of_its_neighbour(varnish):
    neighbour = ArticleFactory(
        title="Phường Cự Khối tổng vệ sinh", published_at=timezone.now() - timedelta(days=1)
    )
    settled()
    cached(varnish, neighbour.get_absolute_url(), "/")
    new = ArticleFactory(title="Phường Cự Khối khánh thành nhà văn hóa")
    assert new.title in text(anonymous(varnish, "/"))
    page = text(anonymous(varnish, neighbour.get_absolute_url()))
    assert new.title in section(page, "bai-moi-dang")


def test_a_scheduled_article_is_on_home_as_soon_as_it_is_due_with_nobody_saving_anything(
    varnish,
):
    ArticleFactory(title="Phường Long Biên họp dân")
    due = timezone.now() + timedelta(seconds=4)
    ArticleFactory(title="Phường Long Biên công bố lịch cắt điện", published_at=due)
    due = due.timestamp()
    settled()
    # A reader 2.5 s before it is due: the page may be kept 2 s at most.
    time.sleep(max(0, due - 2.5 - time.time()))
    first = anonymous(varnish, "/")
    assert first.status == 200
    assert "lịch cắt điện" not in text(first)
    lifetime = int(re.search(r"s-maxage=(\d+)", first.headers["Cache-Control"]).group(1))
    assert lifetime <= 3
    assert anonymous(varnish, "/").headers["X-Cache"] == "HIT"  # kept meanwhile

    wait = due - time.time()
    assert 0 < wait < WAIT
    time.sleep(wait + 0.1)
    for _ in range(2):
        asked = time.time() - due
        home = anonymous(varnish, "/")
        assert "lịch cắt điện" in text(home), (
            f"not on home asked for {asked:.1f} s after it fell due "
            f"({home.headers['X-Cache']}, {home.headers['Cache-Control']})"
        )
        time.sleep(1)


def test_readers_during_an_unpublishing_never_leave_it_behind_in_the_cache(varnish):
    """Readers keep asking for an article and for home while an editor's
    transaction unpublishes it: they are answered from the old rows while it
    is open, which is right at that moment, but once it has committed every
    reader gets a 404 and home no longer lists it. Some readers ask for the
    article with a page number Varnish has not seen yet (`?trang=…`, a copy
    of its own, as any link with a query makes), so that copies of it are
    being drawn, not only served from the cache, when the transaction
    commits. Three rounds, each with an article of its own."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite locks the whole database for the editor's write")
    for round_ in range(3):
        article = ArticleFactory(title=f"Bài sắp gỡ lần {round_}")
        url = article.get_absolute_url()
        settled()
        cached(varnish, url, "/")
        readers = Readers(varnish, article)
        with ThreadPoolExecutor(max_workers=4) as pool:
            running = [pool.submit(readers.read, n) for n in range(4)]
            time.sleep(0.2)
            with transaction.atomic():
                article.status = Article.Status.DRAFT
                article.save()
                opened = time.monotonic()
                time.sleep(0.3)  # readers arrive while it is open
                closing = time.monotonic()
            time.sleep(0.3)
            readers.stop.set()
            for reader in running:
                reader.result(timeout=WAIT * 3)
        assert readers.read_it_between(opened, closing), "nobody read it while it was open"

        deadline = time.monotonic() + 3
        for _ in range(60):
            if time.monotonic() > deadline:
                break
            assert anonymous(varnish, url).status == 404, f"round {round_}: {url}"
            home = anonymous(varnish, "/")
            assert home.status == 200
            assert article.title not in text(home), f"round {round_}: home still lists it"
            time.sleep(0.1)
        for path in sorted(readers.copies):
            answer = anonymous(varnish, path)
            assert answer.status == 404, (
                f"round {round_}: {path} still served ({answer.headers['X-Cache']}, "
                f"Age {answer.headers.get('Age')}, {answer.headers.get('Cache-Control')})"
            )


class Readers:
    """Readers of `article` and home, through Varnish, until told to stop (150
    requests each at most): home, the article, a new copy of the article."""

    def __init__(self, varnish, article):
        self.varnish, self.article = varnish, article
        self.stop, self.lock = threading.Event(), threading.Lock()
        self.copies, self.answers = set(), []

    def read(self, reader_no):
        url = self.article.get_absolute_url()
        for n in range(150):
            if self.stop.is_set():
                return
            path = ("/", url, f"{url}?trang={reader_no * 1000 + n}")[n % 3]
            if "?" in path:
                with self.lock:
                    self.copies.add(path)
            started = time.monotonic()
            answer = anonymous(self.varnish, path)
            with self.lock:
                self.answers.append((started, time.monotonic(), path, answer.status))

    def read_it_between(self, start, end):
        """Whether a reader was given the article by a request made between
        `start` and `end`."""
        return any(
            start <= began and ended <= end and path != "/" and status == 200
            for began, ended, path, status in self.answers
        )


# The newsroom is never served from the cache, and never fills it -------------------------


def log_in(varnish, user):
    """Log in through the admin's login form, through Varnish, as a person would."""
    browser = Reader(varnish.url)
    login = reverse("admin:login")
    page = browser.get(login)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text(page)).group(1)
    answer = browser.post(
        login, {"csrfmiddlewaretoken": token, "username": user.username, "password": PASSWORD}
    )
    assert answer.status == 302, text(answer)
    assert "sessionid" in browser.cookies
    return browser


def test_a_logged_in_editor_is_never_served_from_the_cache_and_never_fills_it(varnish, article):
    draft = ArticleFactory(title="Bài nháp chưa đăng", status=Article.Status.DRAFT)
    untouched = ArticleFactory(title="Bài chỉ biên tập viên vừa mở")
    editor = UserFactory(username="bien-tap-qua-bo-dem", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    settled()
    newsroom = log_in(varnish, editor)

    preview = newsroom.get(draft.get_absolute_url())
    assert preview.status == 200
    assert PREVIEW in text(preview)
    assert "private" in preview.headers["Cache-Control"]
    assert anonymous(varnish, draft.get_absolute_url()).status == 404

    # A public article the editor opens first: readers still get their own copy.
    shown = newsroom.get(untouched.get_absolute_url())
    assert (shown.status, shown.headers["X-Cache"]) == (200, "MISS")
    assert anonymous(varnish, untouched.get_absolute_url()).headers["X-Cache"] == "MISS"

    # One that readers have in the cache: the editor still gets Django's own.
    cached(varnish, article.get_absolute_url())
    for _ in range(2):
        answer = newsroom.get(article.get_absolute_url())
        assert (answer.status, answer.headers["X-Cache"]) == (200, "MISS")
        assert "private" in answer.headers["Cache-Control"]


def test_the_portals_new_name_is_on_every_cached_page_at_once_after_the_save(varnish, article):
    """The editor-in-chief renames the portal through the admin, through
    Varnish: every page readers had from the cache shows the new name."""
    PortalIdentityFactory()
    chief = UserFactory(username="tong-bien-tap-qua-bo-dem", is_staff=True)
    chief.groups.add(Group.objects.get(name=EDITORS_IN_CHIEF))
    settled()
    pages = (article.get_absolute_url(), "/", article.category.get_absolute_url())
    for answer in cached(varnish, *pages):
        assert "Tin tức Long Biên" in text(answer)
    newsroom = log_in(varnish, chief)
    url = reverse("admin:news_portalidentity_change")
    form = form_values(text(newsroom.get(url)), "portalidentity_form", {"name": "Tin Bồ Đề"})
    assert newsroom.post(url, form).status == 302
    for path in pages:
        html = text(anonymous(varnish, path))
        assert '<span class="brand__name">Tin Bồ Đề</span>' in html, path
        assert "Tin tức Long Biên" not in html, path
    settled()
    for answer in cached(varnish, *pages):
        assert "Tin tức Long Biên" not in text(answer)


# Load: readers after a change, and the read counts -----------------------------------


def test_two_hundred_readers_right_after_an_edit_cost_django_at_most_two_pages(
    varnish, article, django_requests
):
    """A popular article is edited: the readers who ask for it in the next
    moment wait for one new page, which Varnish then gives them all."""
    url = article.get_absolute_url()
    cached(varnish, url)
    with transaction.atomic():
        article.title = "Phường Thạch Bàn đã nạo vét xong mương"
        article.save()
    django_requests.clear()

    with ThreadPoolExecutor(max_workers=200) as pool:
        answers = list(pool.map(lambda _: anonymous(varnish, url), range(200)))
    fetches = django_requests.count(url)
    statuses = Counter(answer.status for answer in answers)
    assert fetches <= 2, f"{fetches} of the 200 readers were answered by Django ({statuses})"
    assert statuses == {200: 200}
    assert all("Phường Thạch Bàn đã nạo vét xong mương" in text(a) for a in answers)


def test_every_read_through_the_cache_is_counted(varnish, article, settings):
    # Reads wait in the process's tally until flushed, as in production.
    settings.NEWS_VIEW_FLUSH_SECONDS = 3600
    # Each reader's own address comes from the proxy in front, as in production.
    settings.COMMENTS_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    counters.flush()
    url = article.get_absolute_url()
    readers = 24

    def read(number):
        reader = Reader(varnish.url, address=f"203.0.113.{number + 1}")
        page = reader.get(url)
        (beacon,) = READ_URL.findall(text(page))
        for _ in range(3):  # a reader sending its beacon again counts once
            answer = reader.post(unescape(beacon))
            assert (answer.status, answer.headers["X-Cache"]) == (204, "MISS")
        return page.headers["X-Cache"]

    with ThreadPoolExecutor(max_workers=6) as pool:
        served = list(pool.map(read, range(readers)))
    assert served.count("HIT") >= readers - 6  # most pages never reached Django
    counters.flush()
    article.refresh_from_db()
    assert article.view_count == readers


def test_a_renamed_category_shows_at_once_in_the_menu_of_a_cached_article(varnish, article):
    """Renaming a category changes the menu of every page: the cached article
    page shows the new name at once."""
    category = CategoryFactory(name="Môi trường", slug="moi-truong")
    article.category = category
    article.save()
    settled()
    url = article.get_absolute_url()
    (before,) = cached(varnish, url)
    assert "Môi trường" in text(before)
    category.name = "Môi trường - Đô thị"
    category.save()
    assert "Môi trường - Đô thị" in text(anonymous(varnish, url))


# The database goes away -----------------------------------------------------------


def test_while_the_database_is_down_readers_get_what_varnish_holds_and_a_vietnamese_page(
    varnish, article, settings, monkeypatch
):
    """PostgreSQL stops: the article Varnish holds is still served (after its
    s-maxage too: stale, since Django is down), and a page it does not hold
    gets a maintenance page in Vietnamese, never a traceback."""
    settings.HTTP_CACHE_SECONDS = 1
    url = article.get_absolute_url()
    cached(varnish, url)

    def unreachable(*args, **kwargs):
        raise OperationalError('connection to server at "db" failed: Connection refused')

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", unreachable)
    try:
        deadline = time.monotonic() + WAIT
        while varnish.healthy() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not varnish.healthy(), "Varnish never saw the health check fail"
        time.sleep(1.1)  # past the page's s-maxage
        kept = anonymous(varnish, url)
        assert (kept.status, kept.headers["X-Cache"]) == (200, "HIT")
        assert article.title in text(kept)
        missing = anonymous(varnish, reverse("news:category", kwargs={"slug": "chua-xem"}))
        assert missing.status == 503
        assert "Trang đang bảo trì" in text(missing)
        assert "Guru Meditation" not in text(missing) and "Traceback" not in text(missing)
    finally:
        monkeypatch.undo()
