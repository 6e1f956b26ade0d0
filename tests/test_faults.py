"""The database goes away: readers get a 503 maintenance page in Vietnamese,
never a stack trace, and the site recovers by itself when it comes back."""

import contextlib
import os
import secrets
import selectors
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import InterfaceError, OperationalError, connection
from django.test import Client, override_settings
from django.urls import reverse

from longbien import views
from tests.factories import ArticleFactory

ROOT = Path(__file__).resolve().parent.parent
MAINTENANCE = "Trang đang bảo trì"


def raise_operational_error(*args, **kwargs):
    raise OperationalError('connection to server at "db" failed: Connection refused')


def assert_maintenance_page(status, headers, body):
    assert status == 503
    assert MAINTENANCE in body
    assert headers["Retry-After"] == str(views.MAINTENANCE_RETRY_AFTER)
    assert "no-store" in headers["Cache-Control"]
    assert "Traceback" not in body
    assert "OperationalError" not in body
    assert "default-src 'none'" in headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_page_whose_database_is_down_answers_503_in_vietnamese(client, monkeypatch, caplog):
    ArticleFactory()
    monkeypatch.setattr("news.views.HomeView.get_queryset", raise_operational_error)
    response = client.get(reverse("news:home"))
    assert_maintenance_page(response.status_code, response, response.content.decode())
    assert "Database unavailable: connection to server" in caplog.text


@pytest.mark.django_db
def test_an_interface_error_also_gets_the_maintenance_page(client, monkeypatch):
    def closed(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr("news.views.HomeView.get_queryset", closed)
    assert client.get(reverse("news:home")).status_code == 503


def test_the_maintenance_page_needs_no_database(rf):
    # No database fixture: any query here would fail the test.
    response = views.maintenance(rf.get("/"))
    assert response.status_code == 503
    assert '<html lang="vi">' in response.content.decode()


class DatabaseDownMiddleware:
    """Fails the way SessionMiddleware would when saving to a lost database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise_operational_error()


def test_a_lost_database_outside_any_view_also_gets_the_maintenance_page(settings):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:3],
        f"{__name__}.DatabaseDownMiddleware",
        *settings.MIDDLEWARE[3:],
    ]
    response = Client(raise_request_exception=False).get("/")
    assert_maintenance_page(response.status_code, response, response.content.decode())


def test_other_errors_still_get_the_500_page(settings, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("news.views.HomeView.get_queryset", broken)
    response = Client(raise_request_exception=False).get(reverse("news:home"))
    assert response.status_code == 500
    assert "Xin lỗi, đã có lỗi xảy ra" in response.content.decode()
    assert "RuntimeError" not in response.content.decode()


# The real thing: gunicorn with production settings, PostgreSQL behind a
# proxy this test cuts and restores.


class DatabaseLink:
    """A TCP proxy from a local port to PostgreSQL that can be cut (the port
    refuses connections and open ones are closed) and restored."""

    def __init__(self, target):
        self.target = target
        self.port = free_port()
        self.connections = []
        self.lock = threading.Lock()
        self.listener = None

    def restore(self):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self):
        # shutdown() wakes the thread blocked in accept(); close() alone does not.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self.lock:
            for sock in self.connections:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.connections.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            server = socket.create_connection(self.target, timeout=5)
            server.settimeout(None)
            with self.lock:
                self.connections += [client, server]
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    def _pump(self, a, b):
        selector = selectors.DefaultSelector()
        selector.register(a, selectors.EVENT_READ, b)
        selector.register(b, selectors.EVENT_READ, a)
        try:
            while True:
                for key, _ in selector.select():
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
        except OSError:
            return
        finally:
            selector.close()
            a.close()
            b.close()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    """(status, headers, body) of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 - local server
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def wait_until_up(url, server, deadline=30):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited: {server.stderr.read()}")
        with contextlib.suppress(OSError):  # not listening yet
            if fetch(url)[0] == 200:
                return
        time.sleep(0.2)
    pytest.fail("gunicorn did not answer in time")


def production_environment(**overrides):
    """This test run's environment, for a server with the production settings."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "LOG_FORMAT"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="longbien.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
    )
    environment.update(overrides)
    return environment


def collect_static(root):
    """Collect the static files for the production storage (hashed names)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "longbien.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(root),
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    subprocess.run(  # noqa: S603 - our own interpreter and settings
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=120,
    )


@pytest.fixture
def static_root(tmp_path):
    root = tmp_path / "static"
    collect_static(root)
    return root


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (DATABASE_URL=postgres://...): the test cuts its connection",
)
@pytest.mark.django_db(transaction=True)
def test_the_site_survives_the_database_going_away_and_coming_back(static_root):
    # Without REDIS_URL production caches in a database table.
    cache = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "longbien_cache"}
    with override_settings(CACHES={"default": cache}):
        call_command("createcachetable")
    database = connection.settings_dict
    link = DatabaseLink((database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432)))
    link.restore()
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    port = free_port()
    environment = production_environment(
        DATABASE_URL=f"postgres://{credentials}@127.0.0.1:{link.port}/{database['NAME']}",
        DATABASE_CONNECT_TIMEOUT="3",
        STATIC_ROOT=str(static_root),
        SECURE_SSL_REDIRECT="0",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
    )
    environment.pop("REDIS_URL", None)  # the cache is the database too
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn and settings
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "longbien.wsgi"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz", server)
        status, _, body = fetch(base + "/")
        assert status == 200, body

        link.cut()
        assert_maintenance_page(*fetch(base + "/"))
        assert fetch(base + "/healthz")[0] == 503

        link.restore()
        assert fetch(base + "/")[0] == 200
        assert fetch(base + "/healthz")[:3:2] == (200, "ok\n")
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[1]
        link.cut()
    # One worker served all of it: recovered, not restarted.
    assert log.count("Booting worker") == 1, log
    assert '"logger": "longbien.database"' in log
    assert "Traceback" not in log
