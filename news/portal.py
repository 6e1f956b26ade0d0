"""The portal's identity (news.models.PortalIdentity), read once per request.

It is on every page (header, footer, title, metadata) and in the feeds, so it
is kept in the Django cache under the current version of the `menu` tag:
saving it purges `menu` after the commit (news/signals.py), which renews that
version, so the next request reads the new row, and every page is drawn
again, with or without a front cache. Each process also remembers the last
one it read with the version it was kept under, so a page usually costs no
round trip for it: the version of `menu` is read for the page anyway. A
database without the row yet gets the defaults, unsaved: reading the portal
never writes.
"""

import time

from django.conf import settings
from django.core.cache import cache

from . import caching
from .models import PortalIdentity

CACHE_KEY = "news:portal:{}"
# (version of `menu`, the portal kept in the shared cache under it)
_last_read = (None, None)


def current(request=None):
    """The portal's identity. With `request`, read once for that request."""
    if request is not None and "portal" in request.__dict__:
        return request.portal
    global _last_read
    drawn_from = caching.versions([caching.MENU], request)
    version = drawn_from[caching.MENU][0]
    remembered_version, portal = _last_read
    if remembered_version != version:
        key = CACHE_KEY.format(version)
        portal = cache.get(key)
        # Read after the change that made this version (what caching.keep
        # checks), so it may be kept under it; nothing scheduled changes it.
        started = getattr(request, "cache_started", None) or time.time()
        current_enough = drawn_from[caching.MENU][1] < started - caching.CLOCK_MARGIN
        if portal is None:
            portal = PortalIdentity.objects.filter(pk=PortalIdentity.singleton_instance_id).first()
            portal = portal or PortalIdentity()
            if current_enough:
                cache.set(key, portal, settings.HTTP_CACHE_SECONDS)
        if current_enough:
            _last_read = (version, portal)
    if request is not None:
        request.portal = portal
    return portal
