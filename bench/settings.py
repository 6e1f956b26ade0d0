"""Production settings plus one trivial view, for bench/run.py only.

The trivial view is the ceiling every page is compared with: a request that
goes through gunicorn and Django's middleware but does no work of its own.
"""

from longbien.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
