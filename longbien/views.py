"""Views of the site as a whole: the health check, the maintenance and error
pages, and the admin's lockout page."""

import logging
import math
import sys

from axes.helpers import get_cool_off, get_failure_limit
from django.contrib import admin
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger("longbien.database")

# Seconds a client is told to wait before trying again during an outage.
MAINTENANCE_RETRY_AFTER = 120


def healthz(request):
    """200 "ok" when the default database answers `SELECT 1`, else 503.

    Plain text, never cached, no cookies. Reached through HealthCheckMiddleware,
    before the host check (see there)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.error("Health check failed: %s", type(exc).__name__)
        response = HttpResponse(
            "không kết nối được cơ sở dữ liệu\n",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    else:
        response = HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


def maintenance(request):
    """The 503 page shown while the database is unreachable. It is rendered
    from a template that needs no context processor, so no query is made."""
    response = HttpResponse(
        loader.render_to_string("503.html"),
        status=503,
        content_type="text/html; charset=utf-8",
    )
    response["Retry-After"] = str(MAINTENANCE_RETRY_AFTER)
    add_never_cache_headers(response)
    return response


def server_error(request):
    """handler500: the maintenance page when the error is a lost database
    connection raised outside a view (by a middleware), else 500.html."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return maintenance(request)
    return HttpResponseServerError(loader.render_to_string("500.html"))


def admin_lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a login while the user name is locked out from
    this address: the admin's own page, in Vietnamese, with status 429."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    context = {
        **admin.site.each_context(request),
        "title": "Tạm khóa đăng nhập",
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": minutes,
    }
    response = render(request, "axes/lockout.html", context, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
