"""Production settings: refuse to start without a real SECRET_KEY and hosts,
or with DEBUG on; HTTPS everywhere."""

import os
import re

from django.core.exceptions import ImproperlyConfigured

from .common import *  # noqa: F403
from .common import DEBUG, LOGGING, SECRET_KEY, env_bool, env_int

if len(SECRET_KEY) < 32 or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random string of at least 32 characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
if DEBUG:
    raise ImproperlyConfigured(
        "DEBUG must be off in production: it shows settings and stack traces to anyone."
    )
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set ALLOWED_HOSTS, e.g. ALLOWED_HOSTS=longbien.example.vn")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers ask for the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [f"^{re.escape(HEALTH_CHECK_PATH.lstrip('/'))}$"]  # noqa: F405
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
if SESSION_COOKIE_SECURE and CSRF_COOKIE_SECURE:
    # Browsers keep __Host- cookies only if they are Secure, for path / and for
    # this host alone: no subdomain can set or overwrite them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# Two years, for this host and its subdomains; "preload" lets the operator
# submit the domain to the browsers' preload list (docs/security.md).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 2 * 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Behind a TLS-terminating proxy, set SECURE_PROXY_SSL_HEADER_ENABLED=1.
if env_bool("SECURE_PROXY_SSL_HEADER_ENABLED", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Without Redis, the cache is a table in the database (`createcachetable`):
# shared by every worker process, unlike the development cache in memory.
if not REDIS_URL:  # noqa: F405
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "longbien_cache",
        }
    }

# JSON lines for the log collector, unless LOG_FORMAT=text.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT
