"""Throughput and latency of the site under gunicorn, measured with wrk.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/longbien_big make bench
    # or: .venv/bin/python bench/run.py [--duration 10] [--connections 8] [--workers 4]

Fill the database first with `manage.py generate_data` (100,000 articles and a
million comments take about four minutes). Set REDIS_URL to use Redis as the
cache; without it the production settings keep the cache in a database table.

The script starts gunicorn on 127.0.0.1 with the production settings (plus
one trivial view, bench/urls.py), then for each page runs wrk for a warm-up
and a measured period, and prints requests per second, latency percentiles
and the ratio to the trivial view measured at the start and at the end of
the same run. It runs the home, article and search pages again with the
page cache switched off. Search is measured with one query asked again and
again (a burst of readers looking for the same news) and, with the page
cache off, with a different query each time (two words from each of 3,000
article titles, in turn). It states the memory of every worker, and checks
that every read of the article was counted once gunicorn has stopped. Only
loopback is ever targeted; every run is bounded by --duration.
"""

import argparse
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
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured run")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    return parser.parse_args()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(static_root, page_cache=True):
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
    }
    if not page_cache:
        env["NEWS_PAGE_CACHE_SECONDS"] = "0"
    return env


def manage(env, *args):
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [PYTHON, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT
    )


class Server:
    """gunicorn with the production configuration, on a free loopback port."""

    def __init__(self, env, workers):
        self.port = free_port()
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
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.kill()


def wrk(url, duration, connections, cookie=None, script=None):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    latency = {
        p: _ms(re.search(rf"^\s+{p}%\s+([\d.]+\w+)", output, re.M).group(1))
        for p in ("50", "90", "99")
    }
    return {"rps": rps, "total": total, "errors": int(errors.group(1)) if errors else 0, **latency}


def _ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


SEARCHES = 3000


def search_script(titles, directory):
    """A wrk script that asks a different search each time: two words taken
    from each of `titles`, in turn, so that no page cache or cached count
    can answer them."""
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


def prepare(env, directory):
    """Migrate, collect static files and find what to measure."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    if not os.environ.get("REDIS_URL"):
        manage(env, "createcachetable")
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY")})
    os.environ.update({k: env[k] for k in ("ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "STATIC_ROOT")})
    os.environ["SECURE_COOKIES"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.test import Client
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
    ids = list(public.values_list("pk", flat=True))
    chosen = random.Random(11).sample(ids, min(SEARCHES, len(ids)))  # noqa: S311
    titles = Article.objects.filter(pk__in=chosen).values_list("title", flat=True)
    ensure_roles()
    moderator, _ = get_user_model().objects.get_or_create(
        username="bench-moderator", defaults={"is_staff": True}
    )
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client = Client()
    client.force_login(moderator)
    from django.conf import settings

    session = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    targets = {
        "trivial view": (reverse("bench_trivial"), None, None),
        "static file (whitenoise)": (staticfiles_storage.url("css/site.css"), None, None),
        "home": (reverse("news:home"), None, None),
        "category": (article.category.get_absolute_url(), None, None),
        "article": (article.get_absolute_url(), None, None),
        "search, one query": (reverse("news:search") + "?q=thach+ban", None, None),
        "search, new queries": (
            reverse("news:search"),
            None,
            search_script(titles, directory),
        ),
        "moderation queue": (reverse("admin:comments_comment_changelist"), session, None),
    }
    return count, article, targets


def measure(server, targets, names, args):
    """wrk's figures for each page in `names`, in that order; the trivial
    view, named twice, is kept as "trivial view" (the first) and "trivial
    view, again"."""
    results = {}
    for name in names:
        path, cookie, script = targets[name]
        url = server.base + path
        warmup = wrk(url, args.warmup, args.connections, cookie, script)
        result = wrk(url, args.duration, args.connections, cookie, script)
        result["with_warmup"] = warmup["total"] + result["total"]
        results[name if name not in results else f"{name}, again"] = result
        time.sleep(1)
    return results


def report(title, results):
    trivial = [r["rps"] for name, r in results.items() if name.startswith("trivial view")]
    ceiling = sum(trivial) / len(trivial)
    print(f"\n{title} (ratios to the trivial view's mean in this run: {ceiling:.0f} req/s)")
    columns = ("req/s", "p50 ms", "p90 ms", "p99 ms", "errors", "ratio")
    print(f"{'page':<28} " + " ".join(f"{c:>8}" for c in columns))
    for name, r in results.items():
        ratio = r["rps"] / ceiling
        print(
            f"{name:<28} {r['rps']:>8.0f} {r['50']:>8.1f} {r['90']:>8.1f} {r['99']:>8.1f} "
            f"{r['errors']:>8} {ratio:>8.0%}"
        )


def require_local_postgresql(what):
    """Stop unless DATABASE_URL names a PostgreSQL database on this machine:
    the scripts in bench/ only ever load loopback. `what` says what the
    database is for, in the message."""
    database = urlparse(os.environ.get("DATABASE_URL", ""))
    if database.scheme not in ("postgres", "postgresql"):
        raise SystemExit(f"Set DATABASE_URL to {what}.")
    if database.hostname not in ("127.0.0.1", "localhost", "::1", None):
        raise SystemExit("The scripts in bench/ only run against a database on this machine.")


def main():
    args = parse_args()
    require_local_postgresql("the PostgreSQL database filled by generate_data")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk).")
    work = Path(tempfile.mkdtemp(prefix="longbien-bench-"))
    static_root = work / "static"
    env = environment(static_root)
    count, article, targets = prepare(env, work)
    views_before = type(article).objects.get(pk=article.pk).view_count
    print(
        f"{count} public articles; {args.workers} gunicorn workers; wrk: 1 thread, "
        f"{args.connections} connections, {args.warmup} s warm-up + {args.duration} s per page; "
        f"cache: {'Redis' if os.environ.get('REDIS_URL') else 'database table'}"
    )

    # The trivial view is measured first and last in each run: the ratios
    # are to the mean of the two, as the machine's speed drifts.
    cached_pages = [name for name in targets if name != "search, new queries"]
    server = Server(env, args.workers)
    try:
        cached = measure(server, targets, [*cached_pages, "trivial view"], args)
        memory = server.worker_memory()
    finally:
        server.stop()
    report("Page cache on (anonymous readers, cache warm)", cached)

    server = Server(environment(static_root, page_cache=False), args.workers)
    try:
        uncached = measure(
            server,
            targets,
            [
                "trivial view",
                "home",
                "article",
                "search, one query",
                "search, new queries",
                "trivial view",
            ],
            args,
        )
    finally:
        server.stop()
    report("Page cache off", uncached)

    print(
        f"\nWorker memory (RSS, MiB) after the cached run: {', '.join(f'{m:.0f}' for m in memory)}"
    )
    reads = sum(r["with_warmup"] for r in (cached["article"], uncached["article"]))
    counted = type(article).objects.get(pk=article.pk).view_count - views_before
    # wrk reports the requests it saw answered; a few more may have been
    # answered (and counted) as a run's connections closed.
    verdict = "none lost" if counted >= reads else f"{reads - counted} LOST"
    print(
        f"Reads of the article answered to wrk: {reads}; counted in the database after "
        f"gunicorn stopped: {counted} ({verdict})."
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
