"""WSGI entry point: `gunicorn longbien.wsgi` serves the production settings."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "longbien.settings.production")

application = get_wsgi_application()
