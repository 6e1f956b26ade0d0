"""Site-wide middleware: the Content-Security-Policy per part of the site, the
health check for load balancers, and the maintenance page when the database
cannot be reached."""

import logging

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import InterfaceError, OperationalError

from . import views

logger = logging.getLogger("longbien.database")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with CONTENT_SECURITY_POLICY_ADMIN for the admin.

    The admin is recognised by its URL namespace, so the policy follows
    ADMIN_PATH. A view that sets its own policy with django-csp's decorators
    keeps it.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        match = getattr(request, "resolver_match", None)
        if not report_only and parts.config is None and match and "admin" in match.namespaces:
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts


class HealthCheckMiddleware:
    """Answer HEALTH_CHECK_PATH before anything else looks at the request.

    Load balancers ask by the server's address, which is not in ALLOWED_HOSTS
    and should not be: answering here, ahead of CommonMiddleware, spares the
    host check without widening it for any other page, and the answer sets
    no session or CSRF cookie. The URLconf routes the same view, by name.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == settings.HEALTH_CHECK_PATH:
            return views.healthz(request)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A 503 maintenance page, not a 500, when a view cannot reach the database.

    The page is rendered without the database, and the connection is closed by
    Django at the end of the request; CONN_HEALTH_CHECKS makes the next request
    open a new one, so the site recovers by itself when the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        # One line, no traceback: an outage would otherwise flood the log.
        reason = next(iter(str(exception).strip().splitlines()), "")
        logger.error(
            "Database unavailable: %s",
            reason,
            extra={"error": type(exception).__name__, "path": request.path},
        )
        return views.maintenance(request)
