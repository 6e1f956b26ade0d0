"""Settings for the test suite: a fast hasher, throw-away media, plain static."""

import os
import tempfile
from pathlib import Path

from .common import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="longbien-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="longbien-private-"))
STORAGES = {
    **STORAGES,  # noqa: F405 - local disk, or S3 when MEDIA_S3_BUCKET is set
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Every read is written at once, so tests see counts without flushing.
NEWS_VIEW_FLUSH_SECONDS = 0
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="longbien-static-"))
# Purges are sent once; tests of the second purge (through Varnish) set it.
FRONT_CACHE_REPURGE_SECONDS = 0
# Failed-login lockout needs the request, which Client.login() does not pass;
# the tests of the lockout turn it on.
AXES_ENABLED = False

# Comments: rate-limit counters in a shared Redis get a prefix of this run's
# own, so tests/comments can clear them without touching any other data.
if REDIS_URL:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"longbien-test-{os.getpid()}"  # noqa: F405
