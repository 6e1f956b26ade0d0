from django import template
from django.utils.safestring import mark_safe

from news.sanitize import sanitize_html

register = template.Library()


@register.filter
def sanitized(html):
    """Article HTML, cleaned again at render time: the body is sanitized on
    save, but rows written by other means (bulk updates, imports) are not."""
    return mark_safe(sanitize_html(html))  # noqa: S308 - cleaned by nh3 just above
