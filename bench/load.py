"""Load without loss: concurrent comment posts and article reads on gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/longbien_big \\
        .venv/bin/python bench/load.py [--posts 2000] [--reads 5000] [--threads 32]

Starts gunicorn (production settings, 4 workers) on 127.0.0.1 against the
PostgreSQL database of DATABASE_URL, creates one article for the run, then
from --threads threads at once sends --posts comment posts, each with a
valid captcha, the CSRF token the form fetches (comments.views.form_parts)
and its own reader address (X-Real-IP, trusted as behind nginx), and
--reads reads of the article: each a load of the page and the read beacon
POST the page names (static/js/reads.js). After gunicorn has stopped it
checks that every accepted post is stored exactly once, that every beacon
answered was counted, and that no request got a 5xx, and prints the
figures. Loopback only; bounded by the counts given.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.run import Server, environment, manage, require_local_postgresql  # noqa: E402

READ_URL = re.compile(r'data-read-url="([^"]+)"')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--reads", type=int, default=5000)
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    return parser.parse_args()


class Reader:
    """One keep-alive connection with its own cookies, like one browser."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, content.decode(errors="replace"), elapsed


def main():
    args = parse_args()
    require_local_postgresql("a PostgreSQL database (it only gains one article)")
    static_root = Path(tempfile.mkdtemp(prefix="longbien-load-static-"))
    env = environment(static_root)
    env["COMMENTS_CLIENT_IP_HEADER"] = "HTTP_X_REAL_IP"  # as behind deploy/nginx.conf
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    if not os.environ.get("REDIS_URL"):
        manage(env, "createcachetable")
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "STATIC_ROOT")})
    os.environ.update(ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0")
    import django

    django.setup()
    from captcha.conf import settings as captcha_settings
    from captcha.models import CaptchaStore

    from comments.models import Comment
    from news.models import Article, Author, Category

    run = secrets.token_hex(4)
    article = Article.objects.create(
        title=f"Bài thử tải {run}",
        lead="Bài viết dùng cho phép thử tải.",
        body="<p>Nội dung.</p>",
        category=Category.objects.first() or Category.objects.create(name="Thử tải"),
        author=Author.objects.first() or Author.objects.create(name="Thử tải"),
        status=Article.Status.PUBLISHED,
    )
    answers = {}
    for _ in range(args.posts):
        challenge, response = captcha_settings.get_challenge()()
        store = CaptchaStore.objects.create(challenge=challenge, response=response)
        answers[store.hashkey] = store.response
    keys = list(answers)
    path = article.get_absolute_url()
    post_path = f"/binh-luan/{article.slug}/"
    parts_path = f"/binh-luan/{article.slug}/ma/"
    server = Server(env, args.workers)
    statuses, post_times, read_times = Counter(), [], []
    accepted, reads_answered = [], [0]
    lock = threading.Lock()
    local = threading.local()

    def reader():
        """This thread's reader: it has loaded the page once and fetched its
        form's parts (the CSRF token, and its cookie), as comments.js does
        when a reader starts writing."""
        if not hasattr(local, "reader"):
            local.reader = Reader(server.port)
            status, _, _, _ = local.reader.request("GET", path)
            with lock:
                statuses[f"GET {status}"] += 1
            status, _, parts, _ = local.reader.request("GET", parts_path)
            with lock:
                statuses[f"GET {status}"] += 1
            local.token = json.loads(parts)["csrf_token"]
        return local.reader

    def post(n):
        client = reader()
        key = keys[n]
        body = urlencode(
            {
                "csrfmiddlewaretoken": local.token,
                "name": f"Bạn đọc {n}",
                "phone": "",
                "title": f"Ý kiến số {n}",
                "content": f"Phép thử {run} số {n}.",
                "captcha_0": key,
                "captcha_1": answers[key],
                "website": "",
            }
        )
        # Each post from its own address, as from many readers.
        address = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
        status, headers, _, elapsed = client.request(
            "POST", post_path, body, {"X-Real-IP": address}
        )
        with lock:
            statuses[f"POST {status}"] += 1
            post_times.append(elapsed)
            if status == 302 and "#binh-luan" in headers.get("Location", ""):
                accepted.append(n)

    def read(_):
        client = reader()
        status, _, html, elapsed = client.request("GET", path)
        with lock:
            statuses[f"GET {status}"] += 1
            read_times.append(elapsed)
        beacon = READ_URL.search(html)
        if status != 200 or not beacon:
            return
        status, _, _, _ = client.request("POST", beacon.group(1))
        with lock:
            statuses[f"POST {status}"] += 1
            reads_answered[0] += status == 204

    jobs = [(post, n) for n in range(args.posts)] + [(read, n) for n in range(args.reads)]
    jobs.sort(key=lambda job: secrets.randbelow(1 << 30))  # posts and reads mixed
    started = time.monotonic()
    try:
        with ThreadPoolExecutor(args.threads) as pool:
            for future in [pool.submit(job, n) for job, n in jobs]:
                future.result()
        elapsed = time.monotonic() - started
    finally:
        server.stop()

    stored = Comment.objects.filter(article=article, content__startswith=f"Phép thử {run} ")
    stored_numbers = Counter(
        int(c.split()[-1].rstrip(".")) for c in stored.values_list("content", flat=True)
    )
    duplicates = sum(count - 1 for count in stored_numbers.values() if count > 1)
    counted = Article.objects.get(pk=article.pk).view_count
    server_errors = sum(n for key, n in statuses.items() if key.split()[1].startswith("5"))

    def ms(values, q):
        return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else 0

    print(
        f"{args.posts} posts and {args.reads} reads from {args.threads} threads, "
        f"{args.workers} gunicorn workers, in {elapsed:.1f} s "
        f"({sum(statuses.values()) / elapsed:.0f} requests/s)"
    )
    print(f"Responses: {dict(sorted(statuses.items()))}")
    print(
        f"Posts: p50 {ms(post_times, 50):.0f} ms, p99 {ms(post_times, 99):.0f} ms; "
        f"page loads: p50 {ms(read_times, 50):.0f} ms, p99 {ms(read_times, 99):.0f} ms"
    )
    print(
        f"Accepted posts: {len(accepted)}; stored: {sum(stored_numbers.values())} "
        f"(distinct {len(stored_numbers)}, duplicates {duplicates}); "
        f"accepted but missing: {len(set(accepted) - set(stored_numbers))}"
    )
    print(f"Read beacons answered 204: {reads_answered[0]}; counted: {counted}")
    problems = []
    if server_errors:
        problems.append(f"{server_errors} responses 5xx")
    if set(accepted) != set(stored_numbers) or duplicates:
        problems.append("accepted posts and stored comments differ")
    if counted != reads_answered[0]:
        problems.append("reads lost or counted twice")
    print(
        "RESULT: "
        + (
            "; ".join(problems)
            if problems
            else "no 5xx, every accepted post stored once, every read counted"
        )
    )
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
