import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_check(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE: set for the browser tests, refused by --deploy.
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="longbien.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(ALLOWED_HOSTS="tin.longbien.example.vn")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_check(SECRET_KEY="k" * 50)
    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_a_real_key_and_hosts_and_check_deploy_finds_nothing():
    key = secrets.token_urlsafe(50)
    result = run_check(SECRET_KEY=key, ALLOWED_HOSTS="tin.longbien.example.vn")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_refuses_to_start_with_debug_on():
    key = secrets.token_urlsafe(50)
    result = run_check(SECRET_KEY=key, ALLOWED_HOSTS="tin.longbien.example.vn", DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG must be off in production" in result.stderr


@pytest.mark.parametrize(
    ("admin_path", "message"),
    [
        ("Quản Trị/", "ADMIN_PATH must be lower-case letters"),
        ("../quan-tri/", "ADMIN_PATH must be lower-case letters"),
        ("bai-viet/", "clashes with the site's own pages"),
        ("static/quan-tri/", "clashes with the site's own pages"),
    ],
)
def test_an_unusable_admin_path_is_refused(admin_path, message):
    key = secrets.token_urlsafe(50)
    result = run_check(
        SECRET_KEY=key, ALLOWED_HOSTS="tin.longbien.example.vn", ADMIN_PATH=admin_path
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_media_on_a_bucket_with_an_empty_endpoint_are_served_from_amazon():
    """MEDIA_S3_ENDPOINT_URL= (set, empty) is no endpoint: AWS itself, not ':///'."""
    environment = {**os.environ, "MEDIA_S3_BUCKET": "anh-bao", "MEDIA_S3_ENDPOINT_URL": ""}
    environment.pop("MEDIA_S3_PUBLIC_URL", None)
    environment["DJANGO_SETTINGS_MODULE"] = "longbien.settings.test"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); "
         "from django.conf import settings; print(settings.MEDIA_URL)"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.strip() == "https://s3.amazonaws.com/anh-bao/media/", result.stderr
