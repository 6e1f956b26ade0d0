"""Whole public pages for anonymous readers, kept in the cache.

A reader without a session or a pending message gets the home, category,
tag, article or search page from the cache. PageCacheMiddleware answers
before any view runs; the views store what they draw
(news.views.CachedPageMixin). Two things on a page belong to one
reader: the CSRF token and the captcha key of the comment form. They are
stored as marks and filled in for each response, so a cached page costs one
cache round trip and a join of bytes. (The captcha key is a fresh random
one; its challenge is created only when the reader's browser asks for the
image: comments.views.captcha_image.) A cached page needs no database, so
readers still get it while the database is down.

Every stored page carries the cache *generation* it was drawn in. Saving or
deleting an article, photo, category, tag or author, and moderating a
comment, starts a new generation (news/signals.py, comments/moderation.py),
so no reader sees an old page after a change, on any server sharing the
cache. The generation also ends when the next scheduled article goes public.
A page is kept no longer than NEWS_PAGE_CACHE_SECONDS.

The same generation keys the template fragments cached with `{% cache %}`
(NEWS_FRAGMENT_CACHE_SECONDS) and the count of public articles
(news.paginators): a page not served whole (for the newsroom, or with the
page cache off) is drawn from them. The blank comment form is kept with the
same marks as a whole page (comments.templatetags.comment_tags).

Responses carry an ETag of the stored page; a browser that sends it back
gets 304 Not Modified until the page changes.
"""

import hashlib
import re
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control

GENERATION_KEY = "news:page-generation"
CSRF_MARK = "%%csrf-token%%"
CAPTCHA_MARK = "%%captcha-key%%"
CSRF_IN_PAGE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CAPTCHA_IN_PAGE = re.compile(r'name="captcha_0" value="([0-9a-f]{40})"')
# Only these query parameters may vary a cached page; any other query string
# is answered without the cache, so made-up URLs cannot fill it.
CACHED_PARAMETERS = {"trang"}
MARK_SPLIT = re.compile(
    b"(" + re.escape(CSRF_MARK.encode()) + b"|" + re.escape(CAPTCHA_MARK.encode()) + b")"
)


def generation():
    """The current generation, made if there is none (first request, or the
    previous one expired when a scheduled article went public)."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        current = secrets.token_hex(8)
        cache.add(GENERATION_KEY, current, timeout=_until_next_publication())
        current = cache.get(GENERATION_KEY, current)
    return current


def request_generation(request):
    """The generation, read from the cache once per request."""
    if getattr(request, "page_generation", None) is None:
        request.page_generation = generation()
    return request.page_generation


def fetch_kept(request, key):
    """What `keep` stored under `key` for the current generation, or None;
    one round trip to the cache for the value and the generation together,
    which is then known for the rest of the request."""
    if getattr(request, "page_generation", None) is not None:
        kept = cache.get(key)
        current = request.page_generation
    else:
        found = cache.get_many([GENERATION_KEY, key])
        kept, current = found.get(key), found.get(GENERATION_KEY)
        if current is None:
            return None
        request.page_generation = current
    if kept is None or kept[0] != current:
        return None
    return kept[1]


def keep(request, key, value, seconds):
    """Store `value` under `key` for the current generation (fetch_kept)."""
    cache.set(key, (request_generation(request), value), seconds)


def invalidate():
    """Start a new generation: every cached page and fragment is old from now on."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=_until_next_publication())


def is_cacheable(request, parameters=CACHED_PARAMETERS):
    """Whether the request may be answered from, and stored in, the cache:
    a GET by someone without a session (not logged in) and without a message
    waiting to be shown, for a URL with no other query parameters than
    `parameters`, each given once."""
    return (
        settings.NEWS_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and set(request.GET) <= parameters
        and all(len(values) == 1 for _, values in request.GET.lists())
    )


def _key(request):
    # Pages hold absolute URLs (canonical, Open Graph, feeds), built from the
    # request's scheme and host: a page is kept for each.
    url = f"{request.scheme}://{request.get_host()}{request.path}?{request.GET.urlencode()}"
    # The prefix names the stored form (bytes cut at marks): servers of an
    # older release, sharing the cache during a deploy, use another one.
    return "news:page-parts:" + hashlib.sha256(url.encode()).hexdigest()


def fetch(request):
    """The cached page for this request if it belongs to the current
    generation, or None. One round trip to the cache for both."""
    key = _key(request)
    found = cache.get_many([GENERATION_KEY, key])
    page, current = found.get(key), found.get(GENERATION_KEY)
    if current is None:
        # No page can belong to a generation not yet made; the view makes
        # it (that asks the database, which this function never does).
        return None
    request.page_generation = current
    if page is None or page["generation"] != current:
        return None
    return page


def store(request, response, **extra):
    """Keep a rendered 200 response for the next readers; return the stored
    page, or None when it may not be kept.

    The page is kept as UTF-8 bytes cut at its marks, so serving it neither
    decodes nor searches 50 kB of text: the reader's values are joined in."""
    if response.status_code != 200 or response.cookies:
        return None
    body = with_marks(response.content.decode(response.charset)).encode()
    page = {
        # The generation seen before the page was drawn: if an editor saved
        # meanwhile, the page is already old and will not be served.
        "generation": request_generation(request),
        "parts": MARK_SPLIT.split(body),
        "content_type": response["Content-Type"],
        "etag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        **extra,
    }
    cache.set(_key(request), page, settings.NEWS_PAGE_CACHE_SECONDS)
    return page


def respond(request, page):
    """The response for a cached page: 304 when the browser has it already,
    otherwise the page with this reader's CSRF token and captcha key."""
    if page["etag"] in _etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(_fill(request, page["parts"]), content_type=page["content_type"])
    return finish(response, page)


def finish(response, page):
    """Headers of a page that may come from the cache: browsers revalidate
    it every time with its ETag; shared caches never keep it (it holds the
    reader's CSRF token)."""
    response["ETag"] = page["etag"]
    patch_cache_control(response, private=True, no_cache=True)
    return response


class PageCacheMiddleware:
    """Answer a reader's request from the page cache before any view runs,
    and before the middleware after this one (authentication, messages).

    Only URLs routed to a view that stores its pages (news.views.
    CachedPageMixin) are looked up, so other requests (the captcha image,
    feeds) cost no cache round trip. Whether a page may be kept is decided
    by the view when it stores it (`is_cacheable`); a URL whose page was
    never stored simply misses. Here only who asks is checked: nobody with a
    session or a message waiting is served a cached page. It sits after
    CsrfViewMiddleware, which reads the reader's CSRF cookie and sets it on
    the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _may_serve(request):
            try:
                page = fetch(request)
            except (OperationalError, InterfaceError):
                # The cache is a database table (production without Redis)
                # and the database is down: the view answers with the
                # maintenance page (longbien.middleware).
                page = None
            if page is not None:
                if request.method == "GET" and "article_id" in page:
                    from .counters import record_view

                    record_view(page["article_id"])
                return respond(request, page)
        return self.get_response(request)


def _may_serve(request):
    return (
        settings.NEWS_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and _stores_pages(request.path_info, getattr(request, "urlconf", None))
    )


def _stores_pages(path, urlconf):
    """Whether `path` is routed to a view that keeps its pages in the cache."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return False
    return getattr(getattr(match.func, "view_class", None), "stores_cached_pages", False)


def with_marks(html):
    """`html` with its CSRF token and captcha key replaced by marks, to be
    kept in the cache and filled in for each reader by `personalize`."""
    return _mark(_mark(html, CSRF_IN_PAGE, CSRF_MARK), CAPTCHA_IN_PAGE, CAPTCHA_MARK)


def personalize(request, html):
    """`html` from the cache with this reader's CSRF token and a new captcha key."""
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, get_token(request))
    if CAPTCHA_MARK in html:
        html = html.replace(CAPTCHA_MARK, secrets.token_hex(20))
    return html


def _fill(request, parts):
    """The page's bytes, cut at its marks, joined with this reader's values.
    Each value is drawn once per response: the captcha key stands twice (the
    picture's address and the hidden field), and both must name the same
    challenge, or the letters the reader types are checked against another."""
    makers = {
        CSRF_MARK.encode(): lambda: get_token(request).encode(),
        CAPTCHA_MARK.encode(): lambda: secrets.token_hex(20).encode(),
    }
    values = {}

    def value(mark):
        if mark not in values:
            values[mark] = makers[mark]()
        return values[mark]

    # MARK_SPLIT.split puts each mark at an odd index.
    return b"".join(value(part) if index % 2 else part for index, part in enumerate(parts))


def _mark(html, pattern, mark):
    found = pattern.search(html)
    return html.replace(found.group(1), mark) if found else html


def _etags(header):
    return {tag.strip() for tag in header.split(",") if tag.strip()}


def _until_next_publication():
    """Seconds until the next scheduled article goes public, or None: the
    generation expires then, so that the article appears on time although
    nobody saved anything at that moment."""
    from .models import Article

    now = timezone.now()
    upcoming = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return int((upcoming - now).total_seconds()) + 1 if upcoming else None
