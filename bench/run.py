"""Throughput and latency of the site under gunicorn, alone and behind Varnish.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/longbien_bench \\
        REDIS_URL=redis://127.0.0.1:6379/3 make bench
    # or: .venv/bin/python bench/run.py [--duration 8] [--connections 8] [--workers 4]

Fill the database first with `manage.py generate_data` (100,000 articles and a
million comments take about four minutes). Set REDIS_URL to keep the cache
(fragments, tag versions) in Redis; without it the production settings keep
it in a database table. Needs wrk and varnishd with the xkey vmod
(apt-get install wrk varnish varnish-modules).

In one run, the script starts gunicorn on 127.0.0.1 with the production
settings (plus one trivial view, bench/urls.py) and Varnish with the shipped
deploy/varnish.vcl in front of it (tests/varnish.py), gunicorn's
FRONT_CACHE_URLS pointing at that Varnish. With wrk (a warm-up, then a
measured period per page) it measures:

- through Varnish: the home, a category and an article page, a static file
  and the trivial view (which Varnish passes to Django);
- Django alone (straight to gunicorn, page fragments cached): the trivial
  view, a static file (WhiteNoise), the same pages, an article further back
  (the 10,000th newest), search (one query asked again and again, and a
  different query each time: two words from each of 3,000 article titles,
  in turn) and the moderation queue;
- with --fragments-off, a second gunicorn with NEWS_FRAGMENT_CACHE_SECONDS=0:
  the home and article pages drawn in full each time.

The trivial view, straight to gunicorn, is measured first and last in each
gunicorn's run; every ratio is to the mean of the two. Then:

- commit to fresh page: --rounds times, an article whose page Varnish holds
  gets a new title, saved through the ORM from this process (the save's
  signals purge its pages once the transaction commits, as an edit in the
  admin does), and its page is asked of Varnish until the new title shows;
- reads sent and counted: --reads page loads through Varnish, each followed
  by the read beacon POST the page names (as static/js/reads.js sends it),
  from --reader-threads threads; after gunicorn has stopped (its workers
  write their tallies as they exit), the articles' view counts must have
  grown by exactly the beacons answered.

It prints req/s, latency percentiles and ratios, and whether each target is
met; about four minutes with the defaults. Only loopback is ever targeted;
every part is bounded in count and time.
"""

import argparse
import http.client
import logging
import math
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

# The targets, at --connections connections (8).
VARNISH_RATIO = 15  # pages through Varnish: at least this many times the trivial view
VARNISH_P99_MS = 2
# Both moderation queues' first page, at a million comments (issue 13).
QUEUE_P50_MS = 300
ALONE_RATIOS = {"article": 0.25, "home": 0.20}  # Django alone, fragments cached
FRESH_P99_MS = 100


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=8, help="seconds per measured run")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--rounds", type=int, default=50, help="edits timed commit to fresh")
    parser.add_argument("--reads", type=int, default=2000, help="page loads with their beacon")
    parser.add_argument("--reader-threads", type=int, default=4)
    parser.add_argument(
        "--fragments-off",
        action="store_true",
        help="also measure home and article with NEWS_FRAGMENT_CACHE_SECONDS=0 (about a minute)",
    )
    return parser.parse_args()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(static_root, fragments=True, front_cache_url=None):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on loopback: no redirect to HTTPS, cookies without Secure.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_ROOT": str(static_root),
        "LOG_FORMAT": "text",
        "PYTHONPATH": str(ROOT),
        "FRONT_CACHE_URLS": front_cache_url or "",
        # Every beacon counts: the benchmark's readers all come from one
        # address, and it measures reads lost, not readers recognised.
        "NEWS_READ_WINDOW_SECONDS": "0",
    }
    if not fragments:
        env["NEWS_FRAGMENT_CACHE_SECONDS"] = "0"
    return env


def manage(env, *args):
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [PYTHON, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT
    )


class Server:
    """gunicorn with the production configuration, on a loopback port (a
    free one unless given)."""

    def __init__(self, env, workers, port=None):
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [
            GUNICORN,
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--max-requests",
            "0",
        ]
        env = {**env, "WEB_CONCURRENCY": str(workers)}
        self.process = subprocess.Popen(  # noqa: S603
            command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not answer /healthz within 30 s")

    def worker_memory(self):
        """Resident memory (MiB) of each worker process."""
        children = subprocess.run(  # noqa: S603
            ["/usr/bin/pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout.split()
        sizes = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            kib = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
            sizes.append(kib / 1024)
        return sorted(sizes)

    def stop(self):
        """Stop gracefully: workers write their pending reads as they exit."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


class Client:
    """One HTTP/1.1 connection to a loopback port, kept alive where the
    server allows it (Varnish does; gunicorn's sync workers close it)."""

    def __init__(self, port):
        self.port = port
        self.connection = None

    def request(self, method, path, headers=None):
        """(status, headers, body bytes). A GET on a connection the server
        closed while idle is sent again once; a POST never is."""
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            try:
                self.connection.request(method, path, headers=headers or {})
                response = self.connection.getresponse()
                return response.status, response.headers, response.read()
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                if method != "GET" or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self):
        if self.connection is not None:
            self.connection.close()


# As browsers ask. It matters for static files: WhiteNoise answers with the
# gzipped copy, which Varnish keeps as it is and would otherwise unzip for
# every client that does not accept gzip. Django does not compress pages.
ACCEPT_ENCODING = "gzip, deflate, br"


def wrk(url, duration, connections, cookie=None, script=None):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url]
    command += ["-H", f"Accept-Encoding: {ACCEPT_ENCODING}"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    latency = {
        p: _ms(re.search(rf"^\s+{p}%\s+([\d.]+\w+)", output, re.M).group(1))
        for p in ("50", "90", "99")
    }
    return {
        "rps": rps,
        "total": total,
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": sum(map(int, sockets.groups())) if sockets else 0,
        **latency,
    }


def _ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def percentile(values, q):
    """The nearest-rank q-th percentile of `values` (with 50 values, p99 is the
    largest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


SEARCHES = 3000
OLDER_RANK = 10_000
OLDER = f"article, {OLDER_RANK:,}th newest"
READ_ARTICLES = 20


def search_script(titles, directory):
    """A wrk script that asks a different search each time: two words taken
    from each of `titles`, in turn, so that no cached page or count can
    answer them."""
    chooser = random.Random(7)  # noqa: S311 - reproducible test data, not secrets
    paths = []
    for title in titles:
        words = title.split()
        start = chooser.randrange(max(1, len(words) - 1))
        query = urlencode({"q": " ".join(words[start : start + 2])})
        paths.append(f"/tim-kiem/?{query}")
    script = Path(directory) / "searches.lua"
    listed = ",\n".join(f'  "{path}"' for path in paths)
    script.write_text(
        f"local paths = {{\n{listed}\n}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        '  return wrk.format("GET", paths[(i - 1) % #paths + 1])\n'
        "end\n"
    )
    return script


def prepare(env, directory, rounds):
    """Migrate, collect static files, set Django up in this process (for the
    edits and the counts) and find what to measure."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    if not os.environ.get("REDIS_URL"):
        manage(env, "createcachetable")
    for name in (
        "DJANGO_SETTINGS_MODULE",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "SECURE_SSL_REDIRECT",
        "SECURE_COOKIES",
        "STATIC_ROOT",
        "FRONT_CACHE_URLS",
    ):
        os.environ[name] = env[name]
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    # This process logs in a moderator (axes logs it): keep warnings and
    # errors (a failed purge) only.
    logging.disable(logging.INFO)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.test import Client as DjangoClient
    from django.urls import reverse

    from news.models import Article
    from news.roles import MODERATORS, ensure_roles

    public = Article.objects.published()
    count = public.count()
    if count < 1000:
        raise SystemExit(
            f"Only {count} public articles: fill the database with `manage.py generate_data`."
        )
    article = public.filter(photos__isnull=False).first()
    # An article's page lists its neighbours by date: their cost depends on
    # where it stands, so an older one is measured too.
    older = public[min(OLDER_RANK, count) - 1]
    ids = list(public.values_list("pk", flat=True))
    chooser = random.Random(11)  # noqa: S311 - reproducible choice, not secrets
    chosen = chooser.sample(ids, min(SEARCHES, len(ids)))
    titles = Article.objects.filter(pk__in=chosen).values_list("title", flat=True)
    # Articles for the edits and for the reads: apart from each other and
    # from the measured article.
    others = [pk for pk in chooser.sample(ids, rounds + READ_ARTICLES + 1) if pk != article.pk]
    edited = list(Article.objects.filter(pk__in=others[:rounds]))
    chooser.shuffle(edited)
    read = [article, *Article.objects.filter(pk__in=others[rounds : rounds + READ_ARTICLES - 1])]
    ensure_roles()
    moderator, _ = get_user_model().objects.get_or_create(
        username="bench-moderator", defaults={"is_staff": True}
    )
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client = DjangoClient()
    client.force_login(moderator)
    session = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    targets = {
        "trivial view": (reverse("bench_trivial"), None, None),
        "static file": (staticfiles_storage.url("css/site.css"), None, None),
        "home": (reverse("news:home"), None, None),
        "category": (article.category.get_absolute_url(), None, None),
        "article": (article.get_absolute_url(), None, None),
        OLDER: (older.get_absolute_url(), None, None),
        "search, one query": (reverse("news:search") + "?q=thach+ban", None, None),
        "search, new queries": (
            reverse("news:search"),
            None,
            search_script(titles, directory),
        ),
        "moderation queue": (reverse("admin:comments_comment_changelist"), session, None),
        "keyboard queue": (reverse("admin:comments_comment_queue"), session, None),
    }
    return count, targets, edited, read


def measure(plan, targets, args):
    """wrk's figures for each (label, base URL, target name) of `plan`, in order."""
    results = {}
    for label, base, name in plan:
        print(f"  {time.strftime('%H:%M:%S')} {label}…", file=sys.stderr, flush=True)
        path, cookie, script = targets[name]
        wrk(base + path, args.warmup, args.connections, cookie, script)
        results[label] = wrk(base + path, args.duration, args.connections, cookie, script)
        time.sleep(1)
    return results


def ceiling(results):
    """The mean req/s of the trivial view straight to gunicorn in `results`
    (not through Varnish), measured first and last."""
    trivial = [results[label]["rps"] for label in ("trivial view", "trivial view, again")]
    return sum(trivial) / len(trivial)


def ratio_text(ratio):
    return f"{ratio:.0%}" if ratio < 2 else f"{ratio:.1f}×"


def report(title, results, reference):
    print(f"\n{title} (ratios to the trivial view's mean in this gunicorn: {reference:.0f} req/s)")
    columns = ("req/s", "p50 ms", "p90 ms", "p99 ms", "errors", "ratio")
    print(f"{'page':<34} " + " ".join(f"{c:>8}" for c in columns))
    for label, r in results.items():
        errors = r["errors"] + r["socket_errors"]
        print(
            f"{label:<34} {r['rps']:>8.0f} {r['50']:>8.2f} {r['90']:>8.2f} {r['99']:>8.2f} "
            f"{errors:>8} {ratio_text(r['rps'] / reference):>8}"
        )


def check_cached(varnish, targets, names):
    """Ask Varnish for each page twice; the second answer must come from its
    cache. Returns the names that did not."""
    client = Client(varnish.port)
    missed = []
    for name in names:
        path = targets[name][0]
        client.request("GET", path)
        status, headers, _ = client.request("GET", path)
        if status != 200 or headers.get("X-Cache") != "HIT":
            missed.append(f"{name} ({status}, X-Cache {headers.get('X-Cache')})")
    client.close()
    return missed


def commit_to_fresh(varnish, articles):
    """For each article: see that Varnish holds its page, give it a new title
    through the ORM (its signals purge its pages after the commit) and ask
    Varnish for the page until the new title shows. Returns per round (held,
    commit → purge sent in ms, commit → fresh in ms or None, stale answers).
    The titles are put back afterwards."""
    from django.db import transaction

    client = Client(varnish.port)
    rounds = []
    originals = {article.pk: article.title for article in articles}
    run = secrets.token_hex(3)
    fields = ["title", "search_title", "search_document", "updated_at"]
    try:
        for number, article in enumerate(articles):
            path = article.get_absolute_url()
            # Wait (2 s at most) until Varnish holds the page: an edit in
            # an earlier round, of an article it lists, may have purged it,
            # and a page drawn right after a change may not be kept.
            held = False
            deadline = time.monotonic() + 2
            while not held and time.monotonic() < deadline:
                _, headers, _ = client.request("GET", path)
                held = headers.get("X-Cache") == "HIT"
                if not held:
                    time.sleep(0.05)
            title = f"{originals[article.pk]} [{run}-{number}]"
            article.title = title
            marks = {}
            with transaction.atomic():
                # Registered before the save's purge: runs first after the commit.
                transaction.on_commit(lambda marks=marks: marks.setdefault("commit", now()))
                article.save(update_fields=fields)
            purged = now()
            wanted = title.encode()
            fresh, stale = None, 0
            while now() - marks["commit"] < 5000:
                _, _, body = client.request("GET", path)
                if wanted in body:
                    fresh = now()
                    break
                stale += 1
            rounds.append(
                (
                    held,
                    purged - marks["commit"],
                    fresh - marks["commit"] if fresh else None,
                    stale,
                )
            )
    finally:
        for article in articles:
            if article.title != originals[article.pk]:
                article.title = originals[article.pk]
                article.save(update_fields=fields)
        client.close()
    return rounds


def now():
    """A monotonic clock in milliseconds."""
    return time.perf_counter() * 1000


READ_URL = re.compile(rb'data-read-url="([^"]+)"')


def send_reads(varnish, articles, total, threads):
    """`total` page loads through Varnish, each followed by the beacon POST
    the page names, from `threads` threads. Returns a Counter: loads, hits
    (pages from Varnish's cache), beacons (answered 204) and failures."""
    paths = [article.get_absolute_url() for article in articles]
    counts = Counter()
    lock = threading.Lock()

    def reader(first):
        client = Client(varnish.port)
        mine = Counter()
        try:
            for n in range(first, total, threads):
                status, headers, body = client.request("GET", paths[n % len(paths)])
                beacon = READ_URL.search(body)
                if status != 200 or not beacon:
                    mine["failed loads"] += 1
                    continue
                mine["loads"] += 1
                mine["hits"] += headers.get("X-Cache") == "HIT"
                try:
                    status, _, _ = client.request("POST", beacon.group(1).decode())
                except (http.client.HTTPException, OSError):
                    status = None
                mine["beacons" if status == 204 else "failed beacons"] += 1
        finally:
            client.close()
            with lock:
                counts.update(mine)

    workers = [threading.Thread(target=reader, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return counts


def view_counts(articles):
    from news.models import Article

    return sum(
        Article.objects.filter(pk__in=[a.pk for a in articles]).values_list("view_count", flat=True)
    )


def report_freshness(rounds):
    """Print the figures of commit_to_fresh's rounds."""
    answered = [(purge, fresh) for _, purge, fresh, _ in rounds if fresh is not None]
    held = sum(1 for h, _, _, _ in rounds if h)
    stale = sum(s for _, _, _, s in rounds)
    print(
        f"\nCommit to fresh page through Varnish: {len(rounds)} edits, {held} of pages "
        f"Varnish held; not fresh within 5 s: {len(rounds) - len(answered)}; "
        f"stale answers after the save returned: {stale}"
    )
    if not answered:
        return
    for label, values in (
        ("commit to fresh page", [fresh for _, fresh in answered]),
        ("  commit to purge sent", [purge for purge, _ in answered]),
        ("  purge sent to fresh page", [fresh - purge for purge, fresh in answered]),
    ):
        print(
            f"  {label:<28} p50 {percentile(values, 50):7.1f} ms, "
            f"p99 {percentile(values, 99):7.1f} ms, max {max(values):7.1f} ms"
        )
    p99 = percentile([fresh for _, fresh in answered], 99)
    met = len(answered) == len(rounds) and p99 < FRESH_P99_MS
    print(f"  target p99 < {FRESH_P99_MS} ms: {verdict(met)}")


def require_local_postgresql(what):
    """Stop unless DATABASE_URL names a PostgreSQL database on this machine:
    the scripts in bench/ only ever load loopback. `what` says what the
    database is for, in the message."""
    database = urlparse(os.environ.get("DATABASE_URL", ""))
    if database.scheme not in ("postgres", "postgresql"):
        raise SystemExit(f"Set DATABASE_URL to {what}.")
    if database.hostname not in ("127.0.0.1", "localhost", "::1", None):
        raise SystemExit("The scripts in bench/ only run against a database on this machine.")


def postgresql_memory():
    """PostgreSQL's shared_buffers beside the search index's table: a table
    larger than a quarter of them is read through a small ring of buffers
    (docs/deploy.md), which search counts feel."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('shared_buffers'), "
            "pg_size_pretty(pg_relation_size('news_article_search'))"
        )
        buffers, table = cursor.fetchone()
    return f"PostgreSQL shared_buffers {buffers}, search index table {table}"


def verdict(met):
    return "met" if met else "NOT MET"


def main():
    args = parse_args()
    require_local_postgresql("the PostgreSQL database filled by generate_data")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk).")
    sys.path.insert(0, str(ROOT))
    from tests.varnish import VARNISHD, Varnish

    if not VARNISHD:
        raise SystemExit("varnishd is not installed (apt-get install varnish varnish-modules).")
    work = Path(tempfile.mkdtemp(prefix="longbien-bench-"))
    static_root = work / "static"
    # Ports first: gunicorn must know Varnish's address (to purge it) and
    # Varnish gunicorn's (its backend).
    backend_port = free_port()
    varnish = Varnish(backend_port)
    env = environment(static_root, front_cache_url=varnish.url)
    count, targets, edited, read = prepare(env, work, args.rounds)
    views_before = view_counts(read)
    started = time.monotonic()
    print(
        f"{count} public articles; {args.workers} gunicorn workers; wrk: 1 thread, "
        f"{args.connections} connections, {args.warmup} s warm-up + {args.duration} s per page; "
        f"cache: {'Redis' if os.environ.get('REDIS_URL') else 'database table'}; "
        f"{postgresql_memory()}",
        flush=True,
    )

    server = Server(env, args.workers, port=backend_port)
    try:
        with varnish:
            direct, front = server.base, varnish.url
            pages = ("home", "category", "article", "static file")
            missed = check_cached(varnish, targets, pages)
            stats = ("MAIN.cache_hit", "MAIN.cache_miss", "MAIN.cache_hitmiss", "MAIN.s_pass")
            before = {name: varnish.stat(name) for name in stats}
            results = measure(
                [
                    ("trivial view", direct, "trivial view"),
                    *((f"{name}, through Varnish", front, name) for name in pages),
                    ("trivial view, through Varnish", front, "trivial view"),
                    ("static file, gunicorn", direct, "static file"),
                    *(
                        (name, direct, name)
                        for name in (
                            "home",
                            "category",
                            "article",
                            OLDER,
                            "search, one query",
                            "search, new queries",
                            "moderation queue",
                            "keyboard queue",
                        )
                    ),
                    ("trivial view, again", direct, "trivial view"),
                ],
                targets,
                args,
            )
            varnish_stats = {name: varnish.stat(name) - before[name] for name in stats}
            memory = server.worker_memory()
            print(f"  commit to fresh page, {len(edited)} rounds…", file=sys.stderr, flush=True)
            fresh_rounds = commit_to_fresh(varnish, edited)
            print(f"  {args.reads} reads…", file=sys.stderr, flush=True)
            reads = send_reads(varnish, read, args.reads, args.reader_threads)
            server.stop()
    finally:
        server.stop()
    counted = view_counts(read) - views_before

    fragments_off = None
    if args.fragments_off:
        server = Server(environment(static_root, fragments=False), args.workers)
        try:
            fragments_off = measure(
                [
                    ("trivial view", server.base, "trivial view"),
                    ("home, fragments off", server.base, "home"),
                    ("article, fragments off", server.base, "article"),
                    ("trivial view, again", server.base, "trivial view"),
                ],
                targets,
                args,
            )
        finally:
            server.stop()

    reference = ceiling(results)
    through = {k: v for k, v in results.items() if "through Varnish" in k}
    alone = {k: v for k, v in results.items() if k not in through}
    report("Through Varnish (anonymous readers, cache warm)", through, reference)
    report("Django alone (straight to gunicorn, fragments cached)", alone, reference)
    if fragments_off:
        report("Django alone, fragments off", fragments_off, ceiling(fragments_off))
    if missed:
        print(f"NOT FROM VARNISH'S CACHE before the run: {', '.join(missed)}")
    print(
        "Varnish during the measured runs: "
        + ", ".join(f"{name.split('.')[1]} {value}" for name, value in varnish_stats.items())
    )

    print(f"\nTargets (8 connections in the issue; this run: {args.connections})")
    for name in ("home", "category", "article"):
        r = through[f"{name}, through Varnish"]
        ratio = r["rps"] / reference
        met = ratio >= VARNISH_RATIO and r["99"] < VARNISH_P99_MS
        print(
            f"  {name} through Varnish ≥ {VARNISH_RATIO}× the trivial view, "
            f"p99 < {VARNISH_P99_MS} ms: {ratio:.1f}×, p99 {r['99']:.2f} ms: {verdict(met)}"
        )
    for name, target in ALONE_RATIOS.items():
        ratio = alone[name]["rps"] / reference
        print(
            f"  {name}, Django alone ≥ {target:.0%} of the trivial view: "
            f"{ratio:.0%}: {verdict(ratio >= target)}"
        )

    for name in ("moderation queue", "keyboard queue"):
        p50 = alone[name]["50"]
        print(
            f"  {name}, first page, p50 < {QUEUE_P50_MS} ms: "
            f"{p50:.0f} ms: {verdict(p50 < QUEUE_P50_MS)}"
        )

    report_freshness(fresh_rounds)

    sent = reads["beacons"]
    print(
        f"\nReads through Varnish: {reads['loads']} page loads ({reads['hits']} from its cache, "
        f"{reads['failed loads']} failed), beacons answered 204: {sent} "
        f"({reads['failed beacons']} failed)"
    )
    lost = sent - counted
    print(
        f"  reads sent / counted / lost: {sent} / {counted} / {lost}"
        + (" (counted more than sent: reads counted without a beacon)" if lost < 0 else "")
    )
    sizes = ", ".join(f"{m:.0f}" for m in memory)
    print(f"\nWorker memory (RSS, MiB) after the measured runs: {sizes}")
    print(f"Run time: {(time.monotonic() - started) / 60:.1f} min")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
