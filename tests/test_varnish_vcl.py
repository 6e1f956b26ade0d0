"""deploy/varnish.vcl against a stub backend: what Varnish stores, passes,
purges, rewrites and serves when Django is down.

The stub answers like Django promises to (see the VCL's header): /public/…
pages public with an xkey header, /private/… private, /404 a bare 404, and so
on; each answer says how often the stub was asked for that URL, which URL and
which cookie it saw. No database is touched.
"""

import json
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from news.templatetags.news_tags import PAGE_PARAMETERS
from tests.varnish import Varnish, free_port

PUBLIC = "public, max-age=0, s-maxage={}, stale-while-revalidate=30, stale-if-error=86400"
WAIT = 12  # seconds: the longest any test waits for Varnish to notice something


class Backend:
    """A stand-in for Django on a free loopback port, answering by path:

    /404…        404 without Cache-Control
    /private/…   200 "private, no-cache"
    /cookie/…    200 public, with Set-Cookie
    /slow/…      200 public after half a second
    /short/…     200 public for one second (s-maxage=1)
    /healthz     200 "ok", or 503 while `healthy` is false
    anything else 200 public for a minute, tagged "all", the path's own tag
                 ("p" and the path, slashes as dashes) and those in `tags`
    While a path is in `broken`, it answers 500 instead.
    """

    def __init__(self):
        self.hits = {}
        self.seen = []  # (method, URL, Cookie) of every request but the probes
        self.healthy = True
        self.broken = set()
        self.tags = {}  # path: extra xkey tags
        self.lock = threading.Lock()
        backend = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                backend.answer(self)

            do_HEAD = do_POST = do_GET

            def log_message(self, *args):
                """Quiet: each test says what the stand-in saw."""

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def count(self, url):
        with self.lock:
            return self.hits.get(url, 0)

    def answer(self, handler):
        path = handler.path.split("?")[0]
        if path == "/healthz":
            status, body = (200, "ok") if self.healthy else (503, "database unavailable")
            self.send(handler, status, {"Cache-Control": "no-store"}, body)
            return
        length = int(handler.headers.get("Content-Length") or 0)
        if length:
            handler.rfile.read(length)
        with self.lock:
            hits = self.hits[handler.path] = self.hits.get(handler.path, 0) + 1
            self.seen.append((handler.command, handler.path, handler.headers.get("Cookie")))
        body = json.dumps(
            {
                "hits": hits,
                "url": handler.path,
                "cookie": handler.headers.get("Cookie"),
                # Headers the VCL uses for itself must never reach Django.
                "internal": [
                    name for name in handler.headers if name.lower().startswith("x-longb")
                ],
            }
        )
        tags = " ".join(["all", "p" + path.replace("/", "-"), *self.tags.get(path, ())])
        public = {"Cache-Control": PUBLIC.format(60), "ETag": f'W/"{hits}"', "xkey": tags}
        if path in self.broken:
            self.send(handler, 500, {}, "server error")
        elif path.startswith("/404"):
            self.send(handler, 404, {}, body)
        elif path.startswith("/private/"):
            self.send(handler, 200, {"Cache-Control": "private, no-cache"}, body)
        elif path.startswith("/cookie/"):
            self.send(handler, 200, {**public, "Set-Cookie": "csrftoken=abc; Path=/"}, body)
        elif path.startswith("/changing/") and hits == 1:
            # Django's answer for a page drawn while what it shows changed.
            headers = {"Cache-Control": "private, no-cache", "X-Drawn-During-Change": "1"}
            self.send(handler, 200, headers, body)
        elif path.startswith("/short/"):
            self.send(handler, 200, {**public, "Cache-Control": PUBLIC.format(1)}, body)
        else:
            if path.startswith(("/slow/", "/changing/")):
                time.sleep(0.5)
            self.send(handler, 200, public, body)

    @staticmethod
    def send(handler, status, headers, body):
        data = body.encode()
        handler.send_response(status)
        for name, value in {"Content-Type": "text/plain; charset=utf-8", **headers}.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(data)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def backend():
    with Backend() as backend:
        yield backend


@pytest.fixture(scope="module")
def varnish(backend):
    """The shipped VCL, shared by the tests that leave the backend healthy;
    each test uses paths of its own."""
    with Varnish(backend.port) as varnish:
        yield varnish


@pytest.fixture
def own_varnish():
    """A backend and a Varnish of the test's own, for tests that break them."""
    with Backend() as backend, Varnish(backend.port) as varnish:
        yield backend, varnish


def get(varnish, path, **kwargs):
    status, headers, body = varnish.request(path, **kwargs)
    answer = json.loads(body) if body.startswith("{") else {}
    return status, headers, answer, body


def wait_for(condition, what):
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not after {WAIT} s"
        time.sleep(0.1)


def test_a_public_page_is_fetched_once_then_served_from_the_cache(varnish, backend):
    status, headers, page, _ = get(varnish, "/public/once/")
    assert (status, headers["X-Cache"], page["hits"]) == (200, "MISS", 1)
    for _ in range(3):
        status, headers, page, _ = get(varnish, "/public/once/")
        assert (status, headers["X-Cache"], page["hits"]) == (200, "HIT", 1)
        assert "xkey" not in headers
        assert "X-Varnish" not in headers and "Via" not in headers
        assert "Age" in headers
    assert backend.count("/public/once/") == 1
    assert varnish.stat("MAIN.cache_hit") >= 3


def test_an_xkey_purge_drops_exactly_the_pages_carrying_the_tag(varnish, backend):
    tagged, other = ["/public/tagged/a/", "/public/tagged/b/"], "/public/untagged/"
    for path in tagged:
        backend.tags[path] = ["tagX", "c3"]
    backend.tags[other] = ["c3", "tagXY"]
    for path in [*tagged, other]:
        get(varnish, path)
        assert get(varnish, path)[1]["X-Cache"] == "HIT"

    assert varnish.purge("tagX") == (200, 2)

    for path in tagged:
        status, headers, page, _ = get(varnish, path)
        assert (status, headers["X-Cache"], page["hits"]) == (200, "MISS", 2), path
        assert get(varnish, path)[1]["X-Cache"] == "HIT"
    assert get(varnish, other)[1]["X-Cache"] == "HIT"
    assert backend.count(other) == 1


def test_a_purge_by_tag_uses_every_space_separated_tag(varnish):
    get(varnish, "/public/tags/one/")
    get(varnish, "/public/tags/two/")
    assert varnish.purge("unknown-tag") == (200, 0)
    assert varnish.purge("p-public-tags-one- p-public-tags-two-") == (200, 2)


def test_a_plain_purge_drops_that_url(varnish, backend):
    get(varnish, "/public/by-url/")
    get(varnish, "/public/by-url/other/")
    # The URL is cleaned as a reader's would be.
    status, _, _ = varnish.request("/public/by-url/?utm_source=x", method="PURGE")
    assert status == 200
    assert get(varnish, "/public/by-url/")[2]["hits"] == 2
    assert get(varnish, "/public/by-url/other/")[1]["X-Cache"] == "HIT"


def test_private_pages_and_404s_are_never_stored(varnish, backend):
    for path in ("/private/page/", "/404/missing/"):
        for n in range(1, 4):
            status, headers, page, _ = get(varnish, path)
            assert page["hits"] == n, path
            assert headers["X-Cache"] == "MISS"
        assert backend.count(path) == 3


def test_a_response_setting_a_cookie_is_never_stored(varnish, backend):
    for n in range(1, 4):
        status, headers, page, _ = get(varnish, "/cookie/page/")
        assert (status, page["hits"]) == (200, n)
        assert headers["Set-Cookie"].startswith("csrftoken=")


def test_cookies_are_stripped_from_public_requests(varnish, backend):
    cookies = "csrftoken=abc; _ga=GA1.2.3; theme=dark"
    _, _, page, _ = get(varnish, "/public/cookies/", headers={"Cookie": cookies})
    assert page["cookie"] is None
    # Another reader, other cookies: the same object.
    _, headers, page, _ = get(varnish, "/public/cookies/", headers={"Cookie": "_ga=other"})
    assert (headers["X-Cache"], page["hits"]) == ("HIT", 1)


@pytest.mark.parametrize(
    ("name", "cookie"),
    [
        ("session", "sessionid=abc"),
        ("host-session", "__Host-sessionid=abc"),
        ("messages", 'csrftoken=x; messages="abc:1"'),
        ("messages-unspaced", "a=1;messages=x"),
    ],
)
def test_a_session_or_message_cookie_passes_to_django(varnish, backend, name, cookie):
    path = f"/public/pass-cookie/{name}/"
    get(varnish, path)  # the anonymous copy is stored
    for n in range(2, 4):
        _, headers, page, _ = get(varnish, path, headers={"Cookie": cookie})
        assert (page["hits"], page["cookie"]) == (n, cookie)
        assert headers["X-Cache"] == "MISS"


def test_a_cookie_named_like_a_session_cookie_does_not_pass(varnish, backend):
    get(varnish, "/public/lookalike/")
    _, headers, page, _ = get(varnish, "/public/lookalike/", headers={"Cookie": "xsessionid=1"})
    assert (headers["X-Cache"], page["hits"], page["cookie"]) == ("HIT", 1, None)


def test_a_post_passes_to_django(varnish, backend):
    get(varnish, "/public/form/")
    for n in range(2, 4):
        status, headers, page, _ = get(
            varnish, "/public/form/", method="POST", data=b"a=1", headers={"Cookie": "csrftoken=x"}
        )
        assert (status, page["hits"], page["cookie"]) == (200, n, "csrftoken=x")
    assert backend.seen[-1][0] == "POST"


@pytest.mark.parametrize(
    "path",
    [
        "/quan-tri/",
        "/quan-tri/news/article/?q=cau&status__exact=published",
        "/binh-luan/x/",
        "/luot-doc/1/",
        "/ma-xac-nhan/abc123.png",
        "/captcha/refresh/",
        "/bien-tap/tai-anh/",
        "/healthz",
    ],
)
def test_private_paths_pass_even_when_django_says_public(varnish, backend, path):
    for n in (1, 2):
        status, _, page, body = get(varnish, path, headers={"Cookie": "csrftoken=x"})
        if path == "/healthz":
            assert body == "ok"
            continue
        # Untouched: cookies kept, query string not normalised.
        assert (status, page["hits"], page["url"], page["cookie"]) == (200, n, path, "csrftoken=x")


def test_tracking_parameters_are_dropped_and_the_page_number_kept(varnish, backend):
    _, _, page, _ = get(varnish, "/public/query/?utm_source=zalo&trang=2&fbclid=x")
    assert page["url"] == "/public/query/?trang=2"
    _, headers, page, _ = get(varnish, "/public/query/?trang=2&utm_medium=social")
    assert (headers["X-Cache"], page["hits"]) == ("HIT", 1)


def test_a_query_of_unknown_parameters_goes_entirely(varnish, backend):
    _, _, page, _ = get(varnish, "/public/no-query/?x=1")
    assert page["url"] == "/public/no-query/"
    _, headers, _, _ = get(varnish, "/public/no-query/?")
    assert headers["X-Cache"] == "HIT"
    _, headers, _, _ = get(varnish, "/public/no-query/")
    assert headers["X-Cache"] == "HIT"


def test_search_keeps_its_parameters_sorted(varnish, backend):
    _, _, page, _ = get(varnish, "/tim-kiem/?sap_xep=moi&q=cau&foo=1")
    assert page["url"] == "/tim-kiem/?q=cau&sap_xep=moi"
    _, headers, page, _ = get(varnish, "/tim-kiem/?q=cau&utm_campaign=x&sap_xep=moi")
    assert (headers["X-Cache"], page["hits"]) == ("HIT", 1)
    _, _, page, _ = get(
        varnish,
        "/tim-kiem/?trang=3&den_ngay=2024-05-31&tu_ngay=2024-05-01&chuyen_muc=thoi-su&q=x&y=z",
    )
    assert page["url"] == (
        "/tim-kiem/?chuyen_muc=thoi-su&den_ngay=2024-05-31&q=x&trang=3&tu_ngay=2024-05-01"
    )
    # Only the search page keeps the search parameters.
    _, _, page, _ = get(varnish, "/public/not-search/?q=cau&trang=2")
    assert page["url"] == "/public/not-search/?trang=2"


def test_search_keeps_the_words_to_take_as_typed(varnish, backend):
    """The link "Tìm đúng «ddaij hooij»" sets nguyen_van: dropped here, the
    reader who followed it got the Telex reading again."""
    _, _, page, _ = get(varnish, "/tim-kiem/?q=ddaij+hooij&nguyen_van=1&fbclid=x")
    assert page["url"] == "/tim-kiem/?nguyen_van=1&q=ddaij+hooij"


def test_search_keeps_every_parameter_the_search_form_reads():
    vcl = (Path(__file__).resolve().parents[1] / "deploy" / "varnish.vcl").read_text()
    search = vcl[vcl.index('if (req.url ~ "^/tim-kiem/")') :]
    kept = re.search(r"\(\?!\(\?:([a-z_|]+)\)", search).group(1).split("|")
    assert sorted(kept) == sorted(PAGE_PARAMETERS)


def test_concurrent_readers_of_a_purged_page_cause_one_fetch(varnish, backend):
    path = "/slow/popular/"
    get(varnish, path)
    assert varnish.purge("p-slow-popular-") == (200, 1)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=200) as pool:
        answers = list(pool.map(lambda _: get(varnish, path), range(200)))
    assert time.monotonic() - started < 10
    assert {status for status, _, _, _ in answers} == {200}
    assert backend.count(path) - 1 <= 2  # one fetch before the purge


def test_a_page_drawn_during_a_change_stops_readers_sharing_a_fetch_for_a_second_only(
    varnish, backend
):
    path = "/changing/article/"
    _, headers, page, _ = get(varnish, path)
    assert (page["hits"], headers["X-Cache"]) == (1, "MISS")
    assert "X-Drawn-During-Change" not in headers
    time.sleep(1.5)
    # Readers arriving together share one fetch again (an ordinary private
    # answer would have them each fetch for ten seconds).
    with ThreadPoolExecutor(max_workers=30) as pool:
        answers = list(pool.map(lambda _: get(varnish, path), range(30)))
    assert {status for status, _, _, _ in answers} == {200}
    assert backend.count(path) - 1 <= 2


def test_an_expired_page_is_fetched_again_while_django_is_healthy(varnish, backend):
    assert get(varnish, "/short/healthy/")[2]["hits"] == 1
    time.sleep(1.5)
    # Not the stale copy with a refresh in the background: the new page, now,
    # even for a client asking for the VCL's own "stale allowed" marker.
    _, headers, page, _ = get(varnish, "/short/healthy/", headers={"X-Longbien-Stale-Ok": "1"})
    assert (headers["X-Cache"], page["hits"], page["internal"]) == ("MISS", 2, [])


def test_a_django_error_serves_the_stale_copy_if_there_is_one(varnish, backend):
    path = "/short/flaky/"
    get(varnish, path)
    backend.broken.add(path)
    backend.broken.add("/short/never-stored/")
    try:
        time.sleep(1.5)
        status, headers, page, _ = get(varnish, path)
        assert (status, headers["X-Cache"], page["hits"]) == (200, "HIT", 1)
        # Nothing stored: Django's own error page, fetched once.
        status, _, _, body = get(varnish, "/short/never-stored/")
        assert (status, body) == (500, "server error")
        assert backend.count("/short/never-stored/") == 1
    finally:
        backend.broken.clear()
    wait_for(lambda: get(varnish, path)[2].get("hits", 0) > 1, "a fresh page once Django is back")
    assert get(varnish, path)[2]["internal"] == []


def test_django_unreachable_before_the_probe_notices_serves_the_stale_copy(own_varnish):
    backend, varnish = own_varnish
    assert get(varnish, "/short/held/")[2]["hits"] == 1
    time.sleep(1.5)
    backend.server.shutdown()
    backend.server.server_close()  # connections refused from now on
    status, headers, page, _ = get(varnish, "/short/held/")
    assert (status, headers["X-Cache"], page["hits"]) == (200, "HIT", 1)
    assert varnish.healthy()  # two failed probes take longer than that
    status, _, _, body = get(varnish, "/short/not-held/")
    assert status == 503 and "Trang đang bảo trì" in body


def test_while_django_is_down_stale_pages_are_served_and_others_get_the_maintenance_page(
    own_varnish,
):
    backend, varnish = own_varnish
    assert get(varnish, "/short/kept/")[2]["hits"] == 1
    backend.healthy = False
    wait_for(lambda: not varnish.healthy(), "the probe marking Django sick")

    status, headers, page, _ = get(varnish, "/short/kept/")
    assert (status, headers["X-Cache"], page["hits"]) == (200, "HIT", 1)

    status, headers, _, body = get(varnish, "/short/never-seen/")
    assert status == 503
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"
    assert body.startswith('<!doctype html>\n<html lang="vi">')
    assert "Trang đang bảo trì" in body
    assert "Hệ thống đang bảo trì, bạn vui lòng quay lại sau ít phút." in body
    assert "Guru" not in body and "XID" not in body and "Varnish" not in body
    assert backend.count("/short/never-seen/") == 0


def test_a_purge_from_outside_the_acl_is_refused(backend):
    get_public = "/public/protected/"
    with Varnish(backend.port, acl=["192.0.2.1"]) as varnish:
        get(varnish, get_public)
        status, purged = varnish.purge(f"p{get_public.replace('/', '-')}")
        assert status in (403, 405)
        status, _, _ = varnish.request(get_public, method="PURGE")
        assert status in (403, 405)
        assert get(varnish, get_public)[1]["X-Cache"] == "HIT"
