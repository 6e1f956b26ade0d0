"""/healthz, for load balancers: is the database reachable?"""

import pytest
from django.db import OperationalError
from django.urls import reverse

from longbien import views

pytestmark = pytest.mark.django_db


class BrokenConnection:
    """Stands in for django.db.connection when the database is down."""

    def cursor(self):
        raise OperationalError("connection refused")


def test_health_check_answers_ok_in_plain_text_never_cached_without_cookies(client):
    assert reverse("healthz") == "/healthz"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_health_check_answers_503_when_the_database_is_down(client, monkeypatch, caplog):
    monkeypatch.setattr(views, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "cơ sở dữ liệu" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "Health check failed: OperationalError" in caplog.text


def test_health_check_answers_whatever_host_the_load_balancer_uses(client):
    assert client.get("/healthz", headers={"host": "10.0.3.17:8000"}).status_code == 200
    # Every other page still refuses an unknown host.
    assert client.get(reverse("news:home"), headers={"host": "10.0.3.17:8000"}).status_code == 400


def test_health_check_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # as in production.py
    assert client.get("/healthz").status_code == 200
    assert client.get(reverse("news:home")).status_code == 301


def test_health_check_only_reads(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200


def test_health_check_carries_the_security_headers(client):
    response = client.get("/healthz")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'none'" in response["Content-Security-Policy"]
