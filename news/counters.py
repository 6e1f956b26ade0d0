"""Article reads, counted in memory and written to the database in batches.

Each read adds one to a tally kept by the process. The tally goes to the
database — the article's lifetime counter and its count for the day, Hà Nội
time — once NEWS_VIEW_FLUSH_SECONDS have passed since the last write or
NEWS_VIEW_FLUSH_SIZE reads wait, and when the process ends (gunicorn's
`worker_exit` hook and `atexit`). A burst of readers on one article then
costs one short transaction every few seconds per process, instead of one
UPDATE per read with every reader queueing for the same row lock.

A process killed without warning loses at most the reads of its last few
seconds. NEWS_VIEW_FLUSH_SECONDS = 0 writes every read at once (the tests).

A reader counts once per article within NEWS_READ_WINDOW_SECONDS: reloading
the page, or posting its read beacon in a loop, adds nothing more. "A reader"
is the client's network as the comment limits see it (an IPv4 address, an
IPv6 /64). What is remembered is a keyed hash of that network and the
article (an HMAC under SECRET_KEY, so the addresses cannot be recovered by
hashing all of them), in the shared cache (Redis in production), expiring
with the window; no address is written to the database or the logs.
Readers sharing one address (an office, a carrier's NAT) count as one
within the window: an undercount, never an inflation.
"""

import atexit
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_pending = Counter()  # (article id, day) -> reads not yet written
_last_flush = time.monotonic()


def record_read(article_id, reader):
    """Count a read of the article by `reader` (its network: see the module's
    docstring; None when unknown) unless this reader was already counted for
    it within NEWS_READ_WINDOW_SECONDS. Returns whether it was counted."""
    window = settings.NEWS_READ_WINDOW_SECONDS
    if window > 0:
        digest = salted_hmac("news.counters.read", f"{reader}|{article_id}").hexdigest()
        try:
            first = cache.add(f"news:read:{digest[:32]}", 1, timeout=window)
        except Exception:
            # Without the cache no reader can be recognised: count the read
            # rather than lose every read until it is back.
            logger.exception("Read window unavailable; the read is counted")
            first = True
        if not first:
            return False
    record_view(article_id)
    return True


def record_view(article_id):
    """Count one read of the article; write the tally when it is due."""
    global _last_flush
    with _lock:
        _pending[(article_id, timezone.localdate())] += 1
        waiting = _pending.total()
        due = (
            waiting >= settings.NEWS_VIEW_FLUSH_SIZE
            or time.monotonic() - _last_flush >= settings.NEWS_VIEW_FLUSH_SECONDS
        )
        if due:
            _last_flush = time.monotonic()
    if due:
        flush()


def pending():
    """Reads counted but not yet written (for tests and the benchmark)."""
    with _lock:
        return _pending.total()


def flush():
    """Write every counted read. On a database error the reads are kept for
    the next attempt, so an outage loses nothing while the process lives."""
    from .models import Article, DailyViews

    with _lock:
        batch = dict(_pending)
        _pending.clear()
    if not batch:
        return
    try:
        ids = {article_id for article_id, _ in batch}
        existing = set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
        per_article = Counter()
        for (article_id, _), reads in batch.items():
            if article_id in existing:
                per_article[article_id] += reads
        table = connection.ops.quote_name(DailyViews._meta.db_table)
        rows = sorted(
            (article_id, day, reads)
            for (article_id, day), reads in batch.items()
            if article_id in existing
        )
        with transaction.atomic():
            # Rows are locked in id order, so two processes flushing at
            # once cannot deadlock.
            for article_id in sorted(per_article):
                Article.objects.filter(pk=article_id).update(
                    view_count=F("view_count") + per_article[article_id]
                )
            upsert = (
                f"INSERT INTO {table} (article_id, day, views) VALUES (%s, %s, %s) "  # noqa: S608
                "ON CONFLICT (article_id, day) "
                f"DO UPDATE SET views = {table}.views + excluded.views"
            )  # The table name is ours; the values are parameters.
            with connection.cursor() as cursor:
                cursor.executemany(upsert, rows)
    except DatabaseError:
        logger.exception("Could not write %d article reads; keeping them", sum(batch.values()))
        with _lock:
            _pending.update(batch)


atexit.register(flush)
