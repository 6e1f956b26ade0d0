"""Who is posting, and how often: the client address and the per-address
rate limit on comments, counted in the shared default cache."""

import ipaddress
import logging
import math

from django.conf import settings
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

RATE_GROUP = "comments.post"
CAPTCHA_GROUP = "comments.captcha"


def client_ip(request):
    """The reader's IP address as text, or None when it is missing or malformed.

    REMOTE_ADDR unless COMMENTS_CLIENT_IP_HEADER names the header a trusted
    reverse proxy sets; of a list (X-Forwarded-For) the last address is used,
    the one the proxy itself saw, since earlier ones are whatever the client sent.
    """
    header = settings.COMMENTS_CLIENT_IP_HEADER or "REMOTE_ADDR"
    value = request.META.get(header, "").split(",")[-1].strip().split("%")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


def client_network(request):
    """Who is asking, as far as limits go: the IPv4 address, or the /64
    network of an IPv6 address (one subscriber's usual allocation, so that
    moving through its addresses does not make a new client). None when the
    address is missing or malformed. Used for comments, captchas, the admin
    lockout and read counts."""
    ip = client_ip(request)
    if ip is not None and ":" in ip:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return ip


def rate_key(group, request):
    """The rate-limit bucket of django-ratelimit: client_network()."""
    return client_network(request) or "unknown"


def count_post(request):
    """Count one comment from this reader's address against COMMENTS_RATE.

    Returns 0 when the post may go ahead, otherwise the minutes to wait. If the
    cache cannot be reached the post is let through and the failure logged:
    comments are moderated anyway, and readers should not see a 500.
    """
    return _count(request, RATE_GROUP, settings.COMMENTS_RATE, "Comment")


def count_captcha(request):
    """Count one new captcha (a challenge stored in the database) for this
    reader's address against COMMENTS_CAPTCHA_RATE, so that no client can
    fill the table. Returns 0 or the minutes to wait, as count_post()."""
    return _count(request, CAPTCHA_GROUP, settings.COMMENTS_CAPTCHA_RATE, "Captcha")


def _count(request, group, rate, what):
    try:
        usage = get_usage(request, group=group, key=rate_key, rate=rate, increment=True)
    except Exception:
        logger.exception("%s rate limit unavailable; the request is let through", what)
        return 0
    if usage is None or not usage["should_limit"]:
        return 0
    return max(1, math.ceil(usage["time_left"] / 60))
