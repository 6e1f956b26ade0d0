"""Settings shared by every environment, read once from the environment.

Every value that differs between machines comes from an environment variable;
nothing secret is stored here.
"""

import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from longbien.logging import FORMATTERS

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_ckeditor_5",
    "imagekit",
    "captcha",
    "csp",
    "axes",
    "reversion",
    "solo",
    "news",
    "comments",
]

# The header middleware comes first, so that every response gets the security
# headers: static files, the health check and the maintenance page included.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "longbien.middleware.ContentSecurityPolicyMiddleware",
    "longbien.middleware.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 304 for a browser that has the page (the ETag is set just below).
    "django.middleware.http.ConditionalGetMiddleware",
    # Public pages' cache headers and tags (news/caching.py). Above the
    # session, CSRF and message middleware: it sees what they add.
    "news.caching.CacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
    "longbien.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "longbien.urls"
# Behind a load balancer, /healthz must answer whatever Host it is asked for.
HEALTH_CHECK_PATH = "/healthz"
WSGI_APPLICATION = "longbien.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "news.context_processors.site",
            ],
        },
    },
]

# SQLite when DATABASE_URL is unset, so a new user needs nothing but Python;
# PostgreSQL in production: DATABASE_URL=postgres://user:pass@host:5432/name
# Connections are kept between requests and checked before reuse, so when the
# database comes back after an outage the site recovers without a restart.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server fails within seconds, not at the TCP timeout,
    # so workers answer "maintenance" instead of hanging.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 5)
    # A search count reads the index table from its first page and stops at
    # the 1,001st match (news.search.Matches). Synchronised, each scan would
    # start where the last one stopped, reading pages no other count had
    # just read: a tenth fewer searches a second under load.
    options = DATABASES["default"]["OPTIONS"]
    options["options"] = f"{options.get('options', '')} -c synchronize_seqscans=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds parts of pages and their tags' versions, "Đọc nhiều nhất"
# and rate-limit counters. Redis when REDIS_URL is set: shared by every worker
# and server, so a publish or a rate limit is seen by all of them at once.
# Otherwise memory of the process, enough for one development server;
# production settings fall back to a database table instead (shared too).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, keeping its redis clients (longbien/cache.py).
            "BACKEND": "longbien.cache.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "longbien"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["longbien.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded originals (news/storage.py): never served to readers, who get the
# renditions made from them. Keep this directory out of the web server's reach.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "originals": {"BACKEND": "news.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media in S3-compatible object storage, shared by every app server: renditions
# under media/, readable by anyone (each object is written "public-read"; on a
# bucket without ACLs set MEDIA_S3_PUBLIC_ACL to nothing and make media/
# public by the bucket's policy), originals under originals/, private.
# Credentials come from the usual AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    _s3 = {
        "bucket_name": MEDIA_S3_BUCKET,
        "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("MEDIA_S3_REGION") or None,
        "file_overwrite": False,
    }
    # Where readers fetch the bucket (a CDN, or the endpoint's own address).
    _public = urlsplit(
        os.environ.get("MEDIA_S3_PUBLIC_URL")
        or f"{os.environ.get('MEDIA_S3_ENDPOINT_URL') or 'https://s3.amazonaws.com'}"
        f"/{MEDIA_S3_BUCKET}"
    )
    MEDIA_URL = f"{_public.scheme}://{_public.netloc}{_public.path.rstrip('/')}/media/"
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "location": "media",
            "default_acl": os.environ.get("MEDIA_S3_PUBLIC_ACL", "public-read") or None,
            "querystring_auth": False,
            "custom_domain": f"{_public.netloc}{_public.path.rstrip('/')}",
            "url_protocol": f"{_public.scheme}:",
        },
    }
    STORAGES["originals"] = {
        "BACKEND": "news.storage.PrivateS3Storage",
        "OPTIONS": {**_s3, "location": "originals"},
    }

# Uploads: photos larger than this, or with more pixels than this, are refused
# with a message before Pillow decodes them (decompression bombs).
MAX_IMAGE_UPLOAD_BYTES = env_int("MAX_IMAGE_UPLOAD_BYTES", 10 * 1024 * 1024)
MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Renditions are made when a photo is saved and then only linked, so a page
# that shows photos touches neither the disk nor the database for them.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "renditions"

# CKEditor 5 for article bodies, with its UI in Vietnamese. Uploads go through
# our own view (editors only, same image checks as article photos).
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "news:editor_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png", "gif", "webp"]
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "vi",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "imageUpload",
                "insertTable",
                "|",
                "undo",
                "redo",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Đoạn văn", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "Tiêu đề 2",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Tiêu đề 3",
                    "class": "ck-heading_heading3",
                },
            ],
        },
        "image": {
            "toolbar": ["toggleImageCaption", "imageTextAlternative"],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
    },
}

# Security headers; docs/security.md gives the reason for each. HSTS and the
# Secure cookie flags are set in production.py, where the site is on HTTPS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Images may come from MEDIA_URL's own host when it is on another one (a CDN).
_media = urlsplit(MEDIA_URL)
MEDIA_ORIGIN = f"{_media.scheme}://{_media.netloc}" if _media.scheme and _media.netloc else ""
_IMAGES = [SELF, MEDIA_ORIGIN] if MEDIA_ORIGIN else [SELF]
# The reader's pages: nothing inline, nothing from other sites, no frames.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": _IMAGES,
        # comments.js fetches a new captcha.
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
# The admin (see longbien.middleware): CKEditor 5 adds <style> elements and
# shows images being uploaded from data: and blob: URLs. Scripts stay 'self'.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [*_IMAGES, "data:", "blob:"],
        "font-src": [SELF],
    },
}

# Cookies: the session cookie is never readable by scripts. Neither is the CSRF
# cookie: CKEditor 5's upload reads the token from the form when the cookie is
# out of its reach, and no script of ours reads it.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Staff sessions last a working day from the login, then ask again.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", False)

# The admin's address, e.g. ADMIN_PATH=toa-soan/ (lower-case letters, digits
# and hyphens). longbien/urls.py refuses one whose first segment the site uses.
ADMIN_PATH = os.environ.get("ADMIN_PATH", "quan-tri").strip("/") + "/"
if not re.fullmatch(r"(?:[a-z0-9][a-z0-9-]*/)+", ADMIN_PATH):
    raise ImproperlyConfigured(
        f"ADMIN_PATH must be lower-case letters, digits and hyphens, e.g. toa-soan/, "
        f"not {ADMIN_PATH!r}"
    )

# Failed admin logins (django-axes): after ADMIN_LOGIN_FAILURE_LIMIT wrong
# passwords for one user name from one address, that pair is refused for
# ADMIN_LOCKOUT_MINUTES, counted again from each attempt made meanwhile. Keyed
# by the pair, so nobody can lock a colleague out from elsewhere. The address
# is read as for comments (COMMENTS_CLIENT_IP_HEADER), never from a header
# the client could forge unless a proxy is configured to set it, and an IPv6
# address counts as its /64, as for comments: one subscriber holds a whole
# /64, so counting single addresses would give it endless guesses.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("ADMIN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ADMIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "comments.throttling.client_network"
AXES_LOCKOUT_CALLABLE = "longbien.views.admin_lockout"
# Its admin pages are in English only; `manage.py axes_reset_username NAME`
# lifts a lockout before its time.
AXES_ENABLE_ADMIN = False

# Logs: one JSON object per line (LOG_FORMAT=json, the default in production)
# or plain lines for people (LOG_FORMAT=text), on standard error. Records never
# carry a reader's phone number or comment text.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": FORMATTERS,
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Errors (django.request), refused hosts and tampering (django.security).
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "INFO"},
        # One record per moderation action: who, how many, which status.
        "longbien.moderation": {"level": "INFO"},
        # Purges that failed: the pages they named may stay until they expire.
        "longbien.frontcache": {"level": "INFO"},
        # Failed logins and lockouts are warnings; its start-up line is noise.
        "axes.apps": {"level": "WARNING"},
    },
}

# Site-wide editorial settings. The portal's name, logo and legal footer are
# not settings: editors keep them in the admin (news.models.PortalIdentity).
NEWS_PAGE_SIZE = 12
NEWS_RELATED_COUNT = 8
# Reads are tallied in memory and written at most this often (seconds), or
# when this many wait (news/counters.py); 0 writes every read at once.
NEWS_VIEW_FLUSH_SECONDS = env_int("NEWS_VIEW_FLUSH_SECONDS", 5)
NEWS_VIEW_FLUSH_SIZE = env_int("NEWS_VIEW_FLUSH_SIZE", 1000)
# One reader (IPv4 address or IPv6 /64) counts once per article within this
# many seconds (news/counters.py); 0 counts every read beacon.
NEWS_READ_WINDOW_SECONDS = env_int("NEWS_READ_WINDOW_SECONDS", 30 * 60)
# Public pages (news/caching.py): a shared cache in front (Varnish) may keep
# one this long, less when a scheduled article falls due sooner; any change
# purges what shows it as soon as it commits. Browsers always revalidate.
HTTP_CACHE_SECONDS = env_int("HTTP_CACHE_SECONDS", 600)
# A cache may serve a page this much older while it fetches a new one, and
# this much older while the app servers fail (Varnish: deploy/varnish.vcl).
HTTP_CACHE_STALE_SECONDS = env_int("HTTP_CACHE_STALE_SECONDS", 30)
HTTP_CACHE_STALE_IF_ERROR_SECONDS = env_int("HTTP_CACHE_STALE_IF_ERROR_SECONDS", 86400)
# The front caches told to purge after a commit, e.g. http://127.0.0.1:6081
# (comma-separated); none by default. Each purge waits this long at most.
FRONT_CACHE_URLS = env_list("FRONT_CACHE_URLS")
FRONT_CACHE_TIMEOUT = float(os.environ.get("FRONT_CACHE_TIMEOUT") or 2)
# Each purge is sent again this long after (0: not): a page drawn just before
# a commit and still on its way to the front cache is stored after the first.
FRONT_CACHE_REPURGE_SECONDS = float(os.environ.get("FRONT_CACHE_REPURGE_SECONDS") or 2)
# Parts of pages (menu, article, lists, comments) kept in the Django cache
# until what they show changes, for this long at most. 0: off.
NEWS_FRAGMENT_CACHE_SECONDS = env_int("NEWS_FRAGMENT_CACHE_SECONDS", 300)
# "Đọc nhiều nhất": the most read public articles of the last this many days.
NEWS_MOST_READ_DAYS = 7
NEWS_MOST_READ_COUNT = 5


# Comments.
# Readers' comments: captcha, abuse limits, closing and moderator e-mail. The
# COMMENTS_* values are read when a request uses them, so tests can override them.

# Loaded for its system checks on the cache that holds the rate-limit counters.
INSTALLED_APPS += ["django_ratelimit"]

# django-simple-captcha: one image per form, usable once, valid this many minutes.
CAPTCHA_TIMEOUT = 20
CAPTCHA_FONT_SIZE = 30
CAPTCHA_IMAGE_SIZE = (180, 56)  # fixed, so the page reserves its place
# Capital letters without look-alikes (no I, O, Q), typed in any case.
CAPTCHA_CHALLENGE_FUNCT = "comments.forms.captcha_challenge"

# Posts accepted from one IP address (IPv6: one /64) per period, e.g. "5/10m".
COMMENTS_RATE = os.environ.get("COMMENTS_RATE", "5/10m")
# New captchas (each a database row) one address or IPv6 /64 may ask for: the
# comment form's picture and "Lấy lại mã bảo mật" (comments/views.py).
COMMENTS_CAPTCHA_RATE = os.environ.get("COMMENTS_CAPTCHA_RATE", "30/10m")
# Days after publication when an article stops taking comments; 0 = never.
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 30)
# The same comment posted again from the same address within this many minutes
# is taken as a double submit and not stored twice.
COMMENTS_DUPLICATE_MINUTES = 10
# E-mail moderators (active users of "Kiểm duyệt viên" and superusers) on each comment.
COMMENTS_NOTIFY_MODERATORS = env_bool("COMMENTS_NOTIFY_MODERATORS", False)
# The request.META key holding the client's address. Leave empty to use
# REMOTE_ADDR; behind a reverse proxy that overwrites it, set e.g. HTTP_X_REAL_IP
# (for HTTP_X_FORWARDED_FOR the last address, the one the proxy saw, is used).
COMMENTS_CLIENT_IP_HEADER = os.environ.get("COMMENTS_CLIENT_IP_HEADER", "")
# Personal data of commenters (phone number, IP address, browser) is kept this
# many days, then blanked by `manage.py purge_personal_data`, run daily.
COMMENTS_PERSONAL_DATA_DAYS = env_int("COMMENTS_PERSONAL_DATA_DAYS", 365)

# django-ratelimit keeps its counters in the default cache, shared by every
# worker process and server. Its check does not know Django's own RedisCache
# (W001), whose incr is atomic. Without REDIS_URL the counters live in process
# memory (development) or, in production, the database cache table (E003: its
# increments are not atomic, so concurrent posts may be undercounted
# slightly); production should set REDIS_URL.
RATELIMIT_USE_CACHE = "default"
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if not REDIS_URL:
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003"]
