"""What production sends: security headers on every kind of response, cookies,
static files under hashed names, and the admin's defences (failed-login
lockout, session length, configurable address).

The settings production.py computes are read in a separate interpreter with a
production environment, then applied here with override_settings, so these
tests follow production.py rather than a copy of it.
"""

import importlib
import io
import json
import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from axes.models import AccessFailureLog, AccessLog
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import clear_url_caches, reverse
from django.utils import timezone

from tests.factories import ArticleFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "mat-khau-thu-nghiem"  # tests.factories.UserFactory
TWO_YEARS = 2 * 365 * 24 * 60 * 60

PRODUCTION_SETTINGS = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_ADMIN",
    "STORAGES",
]


def production_environment(**env):
    """This environment without the variables that choose or tune settings,
    plus a valid production configuration and `env`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "SESSION_", "DJANGO_"))
        and key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "ADMIN_PATH", "LOG_FORMAT"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="longbien.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        **env,
    )
    return environment


@pytest.fixture(scope="module")
def production_values():
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {PRODUCTION_SETTINGS!r}}}))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture
def production(settings, production_values):
    """Production's security settings, except the static storage (see
    `manifest_static` for that)."""
    for name, value in production_values.items():
        if name != "STORAGES":
            setattr(settings, name, value)
    return settings


def policy(response, header="Content-Security-Policy"):
    """The Content-Security-Policy as {directive: [sources]}."""
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_security_headers(response):
    assert response["Strict-Transport-Security"] == (
        f"max-age={TWO_YEARS}; includeSubDomains; preload"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = policy(response)
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    return csp


# Headers on every kind of response


@pytest.fixture
def article(db):
    return ArticleFactory(title="Phường Bồ Đề trồng thêm cây xanh")


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (lambda article: reverse("news:home"), 200),
        (lambda article: article.get_absolute_url(), 200),
        (lambda article: article.category.get_absolute_url(), 200),
        (lambda article: reverse("news:search") + "?q=cay+xanh", 200),
        (lambda article: reverse("news:feed"), 200),
        (lambda article: "/khong-co-trang-nay/", 404),
    ],
    ids=["home", "article", "category", "search", "feed", "404"],
)
def test_public_responses_carry_the_strict_policy_and_every_header(
    client, production, article, url, status
):
    response = client.get(url(article), secure=True)
    assert response.status_code == status
    csp = assert_security_headers(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'"]


def test_plain_http_is_redirected_to_https_on_the_same_host(client, production, db):
    response = client.get(reverse("news:home"))
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"


def test_the_admin_gets_inline_styles_for_ckeditor_but_no_inline_scripts(
    client, production, editor
):
    client.force_login(editor)
    for url in (reverse("admin:login"), reverse("admin:news_article_add")):
        response = client.get(url, secure=True)
        assert response.status_code in (200, 302)
        csp = assert_security_headers(response)
        assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
        assert "'unsafe-inline'" not in csp["script-src"]


def test_cookies_are_secure_httponly_samesite_and_bound_to_the_host(client, production, editor):
    response = client.get(reverse("admin:login"), secure=True)
    csrf = response.cookies["__Host-csrftoken"]
    assert (csrf["secure"], csrf["httponly"], csrf["samesite"]) == (True, True, "Lax")
    assert (csrf["path"], csrf["domain"]) == ("/", "")

    response = client.post(
        reverse("admin:login"),
        {"username": editor.username, "password": PASSWORD, "next": reverse("admin:index")},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["__Host-sessionid"]
    assert (session["secure"], session["httponly"], session["samesite"]) == (True, True, "Lax")
    assert (session["path"], session["domain"]) == ("/", "")
    # Staff sessions end after a working day.
    assert session["max-age"] == 8 * 60 * 60


def test_the_home_page_scores_a_plus_by_the_observatory_rules(client, production, db):
    """The HTTP Observatory's published modifiers for what one response shows
    (docs/security.md): 100 + 10 (CSP, default-src 'none') + 5 (referrer)
    + 5 (frame-ancestors) = 120, A+."""
    response = client.get(reverse("news:home"), secure=True)
    csp = policy(response)
    header = response["Content-Security-Policy"]
    score = 100
    if "'unsafe-inline'" in csp.get("script-src", []) or "'unsafe-eval'" in header:
        score -= 20
    elif "'unsafe-inline'" not in header:
        score += 10 if csp.get("default-src") == ["'none'"] else 5
    max_age = int(re.search(r"max-age=(\d+)", response["Strict-Transport-Security"])[1])
    score += 0 if max_age >= 15768000 else -10
    private = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    score += 5 if response["Referrer-Policy"] in private else 0
    score += 0 if response["X-Content-Type-Options"] == "nosniff" else -5
    score += 5 if csp.get("frame-ancestors") == ["'none'"] else 0
    for cookie in response.cookies.values():
        score -= 0 if cookie["secure"] and cookie["samesite"] else 20
    scripts = re.findall(r'<script[^>]*\bsrc="([^"]+)"', response.content.decode())
    assert all(src.startswith("/") and not src.startswith("//") for src in scripts)
    assert score == 120


# Static files: hashed names, compressed, cached for years


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory, production_values):
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=production_values["STORAGES"]):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def manifest_static(settings, production, collected_static, production_values):
    settings.STATIC_ROOT = collected_static
    settings.STORAGES = production_values["STORAGES"]
    return json.loads((collected_static / "staticfiles.json").read_text())["paths"]


def test_admin_ckeditor_and_site_files_survive_manifest_processing(manifest_static):
    for name in (
        "admin/css/base.css",
        "admin/js/theme.js",
        "django_ckeditor_5/dist/bundle.js",
        "django_ckeditor_5/dist/styles.css",
        "css/site.css",
        "js/comments.js",
    ):
        assert re.search(r"\.[0-9a-f]{12}\.", manifest_static[name]), name


def test_pages_link_hashed_files_served_with_far_future_caching(manifest_static, article):
    client = Client()  # a new handler, so WhiteNoise indexes the collected files
    page = client.get(article.get_absolute_url(), secure=True)
    assert page.status_code == 200
    stylesheet = "/static/" + manifest_static["css/site.css"]
    assert f'href="{stylesheet}"' in page.content.decode()

    response = client.get(stylesheet, secure=True, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "gzip"
    assert_security_headers(response)

    unhashed = client.get("/static/css/site.css", secure=True)
    assert unhashed.status_code == 200
    assert unhashed["Cache-Control"] == "max-age=60, public"


def test_the_article_editor_loads_ckeditor_from_its_hashed_file(manifest_static, editor):
    client = Client()
    client.force_login(editor)
    page = client.get(reverse("admin:news_article_add"), secure=True)
    assert page.status_code == 200
    bundle = "/static/" + manifest_static["django_ckeditor_5/dist/bundle.js"]
    assert f'src="{bundle}"' in page.content.decode()
    response = client.get(bundle, secure=True)
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"


# Failed-login lockout (django-axes)


@pytest.fixture
def lockout(settings, db):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    return UserFactory(username="bientap", is_staff=True)


def log_in(client, username, password, **extra):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        **extra,
    )


def fail(client, times, username="bientap", **extra):
    return [log_in(client, username, "sai-mat-khau", **extra) for _ in range(times)]


def test_a_wrong_password_shows_the_login_form_again(client, lockout):
    response = fail(client, 1)[0]
    assert response.status_code == 200
    assert "Bạn hãy nhập đúng" in response.content.decode()


def test_five_wrong_passwords_lock_the_user_out_even_with_the_right_one(client, lockout):
    *first, fifth = fail(client, 5)
    assert [response.status_code for response in first] == [200] * 4
    assert fifth.status_code == 429
    response = log_in(client, "bientap", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "nhập sai mật khẩu 5 lần" in page
    assert "thử lại sau 30 phút" in page
    assert response["Retry-After"] == str(30 * 60)
    assert "_auth_user_id" not in client.session


def test_the_lockout_ends_after_its_cool_off(client, lockout):
    fail(client, 5)
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = log_in(client, "bientap", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_the_lockout_holds_only_that_user_name_from_that_address(client, lockout):
    UserFactory(username="kiemduyet", is_staff=True)
    fail(client, 5, REMOTE_ADDR="198.51.100.7")
    assert log_in(client, "kiemduyet", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302
    other = Client()
    assert log_in(other, "bientap", PASSWORD, REMOTE_ADDR="198.51.100.8").status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, lockout):
    for number in range(5):
        log_in(client, "bientap", "sai", headers={"x-forwarded-for": f"203.0.113.{number}"})
    forged = {"x-forwarded-for": "203.0.113.99"}
    assert log_in(client, "bientap", PASSWORD, headers=forged).status_code == 429


def test_behind_a_proxy_the_address_comes_from_the_header_it_sets(client, lockout, settings):
    settings.COMMENTS_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    fail(client, 5, headers={"x-real-ip": "203.0.113.5"})
    assert log_in(
        client, "bientap", PASSWORD, headers={"x-real-ip": "203.0.113.5"}
    ).status_code == (429)
    other = Client()
    response = log_in(other, "bientap", PASSWORD, headers={"x-real-ip": "203.0.113.6"})
    assert response.status_code == 302


def test_addresses_of_one_ipv6_64_share_one_count_of_wrong_passwords(client, lockout):
    # One subscriber holds the whole /64: a new address per guess is no way out.
    for number in range(5):
        log_in(client, "bientap", "sai", REMOTE_ADDR=f"2001:db8:7:9::{number + 1}")
    same_64 = "2001:db8:7:9:ffff:1234:5678:9abc"
    assert log_in(client, "bientap", PASSWORD, REMOTE_ADDR=same_64).status_code == 429
    next_64 = "2001:db8:7:a::1"
    assert log_in(Client(), "bientap", PASSWORD, REMOTE_ADDR=next_64).status_code == 302


def test_four_wrong_passwords_from_one_64_do_not_lock_it(client, lockout):
    for number in range(4):
        log_in(client, "bientap", "sai", REMOTE_ADDR=f"2001:db8:7:9::{number + 1}")
    response = log_in(client, "bientap", PASSWORD, REMOTE_ADDR="2001:db8:7:9::99")
    assert response.status_code == 302


@pytest.mark.django_db
def test_login_records_older_than_90_days_go_by_the_daily_service():
    """The commands deploy/longbien-prune-logins.service runs, as it runs them."""
    service = Path(ROOT, "deploy", "longbien-prune-logins.service").read_text()
    commands = [
        line.split("manage.py", 1)[1].split()
        for line in service.splitlines()
        if line.startswith("ExecStart=")
    ]
    assert [command[0] for command in commands] == ["axes_reset_logs", "axes_reset_failure_logs"]
    now = timezone.now()
    for days in (100, 10):
        with time_machine.travel(now - timedelta(days=days), tick=False):
            record = {"username": "bientap", "ip_address": "203.0.113.4", "user_agent": "Firefox"}
            AccessLog.objects.create(**record)
            AccessFailureLog.objects.create(**record, locked_out=False)
    for command in commands:
        call_command(*command, stdout=io.StringIO())
    kept = [now - timedelta(days=10)]
    assert [log.attempt_time for log in AccessLog.objects.all()] == kept
    assert [log.attempt_time for log in AccessFailureLog.objects.all()] == kept
    timer = Path(ROOT, "deploy", "longbien-prune-logins.timer").read_text()
    assert "OnCalendar=*-*-* " in timer


# The admin's address


@pytest.fixture
def admin_path(settings):
    """Move the admin to another ADMIN_PATH for one test."""
    original = settings.ADMIN_PATH
    urls = importlib.import_module("longbien.urls")

    def move(path):
        settings.ADMIN_PATH = path
        importlib.reload(urls)
        clear_url_caches()

    yield move
    move(original)


def test_the_admin_answers_at_the_configured_path_only(client, admin_path, editor):
    admin_path("toa-soan/")
    assert reverse("admin:index") == "/toa-soan/"
    response = client.get("/toa-soan/")
    assert response.status_code == 302
    assert response["Location"] == "/toa-soan/login/?next=/toa-soan/"
    assert client.get("/quan-tri/").status_code == 404
    login = client.get("/toa-soan/login/")
    assert "'unsafe-inline'" in policy(login)["style-src"]
    client.force_login(editor)
    assert client.get("/toa-soan/news/article/add/").status_code == 200
