from django.conf import settings

from . import pagecache
from .models import Category


def site(request):
    """The site name and the category menu on every page, and what keys the
    cached fragments of a page: the cache generation (read once, when a
    fragment asks) and how long fragments are kept."""
    return {
        "site_name": settings.SITE_NAME,
        "menu_categories": Category.objects.all(),
        "page_generation": lambda: pagecache.request_generation(request),
        "fragment_seconds": settings.NEWS_FRAGMENT_CACHE_SECONDS,
    }
