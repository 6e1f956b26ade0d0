"""Caching of public pages, in one place: what a page may be kept for, what
it shows, and telling every cache when that changes.

Pages are cached by HTTP, not by hand. A page every anonymous reader sees
alike (home, category, tag, article, search, feeds, sitemaps) is the same
bytes for all of them: it carries no CSRF token, captcha key or message
(the comment form's private parts come from comments.views.form_parts).
`CacheHeadersMiddleware` gives such a response headers that let a shared
cache keep it (`public, s-maxage`) while browsers revalidate it (`max-age=0`
and a weak ETag, answered 304 by ConditionalGetMiddleware), and names what it
shows in an `xkey` header: its *tags*. A front cache (Varnish with the xkey
vmod, deploy/varnish.vcl) keeps it. Without one, Django serves every page
itself with the same headers.

Tags name what a page shows:

- `a<id>`: article <id>, on its own page and on every list or box showing
  its title (added by the templates that draw it: `{% shows article %}`);
- `c<id>`, `t<id>`: the lists of a category or a tag, every page of them;
- `home`, `search`, `feeds`, `sitemap`: those lists, every page of them;
- `menu`: the category menu, on every HTML page.

When something changes (news/signals.py, comments/moderation.py) its tags
are passed to `purge`. They are collected while the transaction runs, and
after it commits each tag's *version* in the Django cache is renewed and one
purge batch goes to each front cache in FRONT_CACHE_URLS. A failed or slow
purge is logged, bounded by FRONT_CACHE_TIMEOUT, and never fails the save.
Nothing is told before the commit, so no reader is shown a change that may
yet be rolled back; the next reader after it gets the new page.

A reader who asked for a page while the change was being saved may have read
the old rows and be answered after the purge. The tag versions catch that:
a response whose tags were renewed after it began is sent to that reader but
marked private, so no cache keeps it; and `{% cachedfragment %}` keeps a part
of a page only under the versions it read before drawing it (news_tags). A
page checked just before the renewal may still reach the front cache after
the purge: the purge is sent again FRONT_CACHE_REPURGE_SECONDS later.

Scheduled articles appear on time without anybody saving anything then: a
public page is kept no longer than until the next one falls due.
"""

import hashlib
import http.client
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger("longbien.frontcache")

# The response header naming a page's tags; deploy/varnish.vcl indexes it
# with xkey and removes it before the response leaves Varnish.
TAG_HEADER = "xkey"
# The request header of a purge, as the VCL reads it.
PURGE_HEADER = "xkey-purge"
# Tags per purge request: keeps its header well under Varnish's limits.
PURGE_CHUNK = 200
VERSION_KEY = "news:tag-version:{}"
# A part of a page drawn up to this long before one of its tags was renewed
# is not kept: app servers' clocks may differ by that much.
CLOCK_MARGIN = 1.0
# The header of a page answered while what it shows was changing; the VCL
# then remembers "fetch again" for a moment only.
REDRAW_HEADER = "X-Drawn-During-Change"
MENU = "menu"


def article_tag(article_id):
    return f"a{article_id}"


def category_tag(category_id):
    return f"c{category_id}"


def tag_tag(tag_id):
    return f"t{tag_id}"


def pages_showing(article, category_ids=(), tag_ids=None):
    """The tags of every page showing `article`: its own, and the lists it
    is in (home, search, feeds, sitemap, its category's and its keywords';
    `category_ids`: categories it has just left)."""
    if tag_ids is None:
        tag_ids = article.tags.values_list("pk", flat=True) if article.pk else ()
    return {
        article_tag(article.pk),
        "home",
        "search",
        "feeds",
        "sitemap",
        category_tag(article.category_id),
        *(category_tag(pk) for pk in category_ids),
        *(tag_tag(pk) for pk in tag_ids),
    }


# What a page shows --------------------------------------------------------


def shows(request, *tags):
    """Note that the page answering `request` shows what `tags` name."""
    if request is not None:
        request.__dict__.setdefault("cache_tags", set()).update(tags)


def public(response, *tags):
    """Mark `response` as a page every anonymous reader sees alike, showing
    what `tags` name (besides what its templates note with `shows`)."""
    response.cache_public = True
    response.cache_tags = set(tags)
    return response


def public_page(*tags):
    """Decorate a view whose pages every anonymous reader sees alike."""

    def decorate(view):
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            return public(response, *tags) if response.status_code == 200 else response

        wrapped.__name__ = getattr(view, "__name__", type(view).__name__)
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorate


class CacheHeadersMiddleware:
    """Headers of public pages for shared caches and browsers; every other
    response is private. Sits above SessionMiddleware and the CSRF and
    message middleware, so it sees the cookies and Vary they add."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = request.cache_started = time.time()
        response = self.get_response(request)
        if not getattr(response, "cache_public", False):
            if "Cache-Control" not in response:
                patch_cache_control(response, private=True, no_cache=True)
            return response
        tags = getattr(response, "cache_tags", set()) | getattr(request, "cache_tags", set())
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if not _shareable(request, response):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if _renewed_since(tags, started):
            # Right for this reader (drawn from the rows before the commit),
            # but no cache may keep it.
            patch_cache_control(response, private=True, no_cache=True)
            response[REDRAW_HEADER] = "1"
            return response
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=_page_lifetime(request),
            stale_while_revalidate=settings.HTTP_CACHE_STALE_SECONDS,
            stale_if_error=settings.HTTP_CACHE_STALE_IF_ERROR_SECONDS,
        )
        if tags:
            response[TAG_HEADER] = " ".join(sorted(tags))
        if not response.has_header("ETag") and not response.streaming:
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            response["ETag"] = f'W/"{digest}"'
        _drop_vary(response, "Cookie")
        return response


def _shareable(request, response):
    """Whether every anonymous reader may be given this very response."""
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not response.cookies
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _drop_vary(response, header):
    if response.has_header("Vary"):
        kept = [
            v.strip() for v in response["Vary"].split(",") if v.strip().lower() != header.lower()
        ]
        del response["Vary"]
        if kept:
            patch_vary_headers(response, kept)


def _page_lifetime(request):
    """Seconds a shared cache may keep a public page: HTTP_CACHE_SECONDS, or
    less when a scheduled article goes public sooner (it must appear then)."""
    seconds = settings.HTTP_CACHE_SECONDS
    upcoming = _next_publication(request)
    if upcoming is not None:
        seconds = min(seconds, max(0, int(upcoming - time.time())))
    return seconds


def _next_publication(request):
    """When the next scheduled article goes public (a timestamp), or None.
    Kept in the cache under the version of `home`, which every article save
    renews, until that moment passes; read once per request."""
    if request is not None and "next_publication" in request.__dict__:
        return request.next_publication
    from .models import Article

    current = versions(["home"], request)
    key = f"news:next-publication:{current['home'][0]}"
    kept = recall(key)
    if kept is not None and (kept == "none" or kept > time.time()):
        value = kept
    else:
        try:
            upcoming = Article.objects.scheduled().values_list("published_at", flat=True).first()
        except DatabaseError:
            return time.time()  # unknown: keep nothing longer than now
        value = upcoming.timestamp() if upcoming else "none"
        _store(request, key, value, settings.HTTP_CACHE_SECONDS, drawn_from=current)
    value = None if value == "none" else value
    if request is not None:
        request.next_publication = value
    return value


# Tag versions: what a cached part of a page was drawn from ------------------


def versions(tags, request=None):
    """{tag: (token, time)}: the current version of each tag, made for a tag
    that has none (never renewed, or evicted). Parts of pages drawn from
    these tags are kept under these tokens (news_tags.cachedfragment). With
    `request`, each tag is read once per request."""
    known = request.__dict__.setdefault("tag_versions", {}) if request is not None else {}
    wanted = {VERSION_KEY.format(tag): tag for tag in tags if tag not in known}
    if wanted:
        found = cache.get_many(wanted)
        for key, tag in wanted.items():
            if key not in found:
                # Time 0: renewed before anything now being drawn began.
                cache.add(key, (_token(), 0.0), timeout=None)
                found[key] = cache.get(key) or (_token(), time.time())
            known[tag] = found[key]
    return {tag: known[tag] for tag in tags}


@dataclass(frozen=True, slots=True)
class Kept:
    """A value `keep` stored, with when it stops being right (a time)."""

    value: object
    until: float


# Each process also remembers what it kept or recalled, at most this many
# values, the least recently used forgotten first.
REMEMBERED = 512
_remembered = OrderedDict()
_remembered_lock = threading.Lock()


def recall(key):
    """The value `keep` stored under `key`, or None. A key names the tag
    versions its value was drawn from (a change renews them, and the page
    asks for other keys), so a value is right until its time runs out: each
    process remembers it until then, and a page reads a part it has drawn
    before without a round trip to the shared cache."""
    now = time.time()
    with _remembered_lock:
        kept = _remembered.get(key)
        if kept is not None and kept.until > now:
            _remembered.move_to_end(key)
            return kept.value
    kept = cache.get(key)
    # Anything else under the key was stored by an earlier release.
    if not isinstance(kept, Kept) or kept.until <= now:
        return None
    _remember(key, kept)
    return kept.value


def _remember(key, kept):
    with _remembered_lock:
        _remembered[key] = kept
        _remembered.move_to_end(key)
        while len(_remembered) > REMEMBERED:
            _remembered.popitem(last=False)


def keep(request, key, value, seconds, drawn_from):
    """Store `value` under `key` unless one of the tag versions it was drawn
    from (`drawn_from`, as `versions` gave them) was renewed after the
    request began (or CLOCK_MARGIN before): its rows may have been read
    before that commit. It is kept until the next scheduled article goes
    public at the latest: lists change then, although nobody saves anything."""
    upcoming = _next_publication(request)
    if upcoming is not None:
        seconds = min(seconds, int(upcoming - time.time()))
        if seconds <= 0:
            return  # falls due within the second: drawn again after it
    _store(request, key, value, seconds, drawn_from)


def _store(request, key, value, seconds, drawn_from):
    """Store `value` under `key` for `seconds` (read it with `recall`)."""
    started = getattr(request, "cache_started", None) or time.time()
    if all(renewed < started - CLOCK_MARGIN for _, renewed in drawn_from.values()):
        kept = Kept(value, time.time() + seconds)
        cache.set(key, kept, seconds)
        _remember(key, kept)


def _renewed_since(tags, started):
    """Whether a tag of a page was renewed (a change committed) after the
    request began. No margin here: a front cache would otherwise refuse
    every page for a second after each change, and readers arriving
    together would each cost a page instead of sharing one. A page from
    another app server whose clock runs ahead may slip through; the second
    purge (FRONT_CACHE_REPURGE_SECONDS) removes it."""
    if not tags:
        return False
    found = cache.get_many([VERSION_KEY.format(tag) for tag in tags])
    return any(renewed >= started for _, renewed in found.values())


def _token():
    return hashlib.blake2b(
        f"{time.time_ns()}{threading.get_ident()}".encode(), digest_size=8
    ).hexdigest()


# Telling the caches --------------------------------------------------------


def purge(*tags, using=None):
    """Purge what `tags` name from the caches once the current transaction
    commits (at once outside a transaction). The tags of one transaction go
    out together, in one batch, after its commit: the first of its callbacks
    sends them all and the others find nothing left. Tags of a transaction
    that rolled back go out with the next commit (a purge too many is
    harmless; one too few is not)."""
    tags = {tag for tag in tags if tag}
    if not tags:
        return
    connection = transaction.get_connection(using)
    connection.__dict__.setdefault("cache_tags_to_purge", set()).update(tags)
    transaction.on_commit(lambda: send(connection), using=using, robust=True)


def send(connection):
    """Renew the versions of the tags waiting on `connection`, then purge
    them from every front cache, FRONT_CACHE_TIMEOUT at most for each, and
    once more FRONT_CACHE_REPURGE_SECONDS later."""
    tags = connection.__dict__.pop("cache_tags_to_purge", set())
    if not tags:
        return
    try:
        cache.set_many({VERSION_KEY.format(tag): (_token(), time.time()) for tag in tags}, None)
    except Exception:
        logger.exception("Could not renew %d cache tags", len(tags))
    tags = sorted(tags)
    _purge_all(tags)
    delay = settings.FRONT_CACHE_REPURGE_SECONDS
    if delay and settings.FRONT_CACHE_URLS:
        # A page checked just before the renewal may still be on its way to
        # the front cache when the purge arrives, and be stored after it
        # (the purge only drops what is held). The second purge drops it.
        timer = threading.Timer(delay, _purge_all, args=(tags,))
        timer.daemon = True
        timer.start()


def _purge_all(tags):
    for url in settings.FRONT_CACHE_URLS:
        for start in range(0, len(tags), PURGE_CHUNK):
            _purge_one(url, tags[start : start + PURGE_CHUNK])


def _purge_one(url, tags):
    parts = urlsplit(url)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname, parts.port, timeout=settings.FRONT_CACHE_TIMEOUT)
    try:
        connection.request("PURGE", parts.path or "/", headers={PURGE_HEADER: " ".join(tags)})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            logger.error(
                "Front cache %s refused a purge: %s %s", url, response.status, response.reason
            )
    except OSError as exc:
        logger.error("Could not purge front cache %s: %s", url, exc)
    finally:
        connection.close()
