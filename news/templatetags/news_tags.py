from django import template
from django.utils.safestring import mark_safe

from news import search
from news.sanitize import sanitize_html

register = template.Library()


@register.filter
def sanitized(html):
    """Article HTML, cleaned again at render time: the body is sanitized on
    save, but rows written by other means (bulk updates, imports) are not."""
    return mark_safe(sanitize_html(html))  # noqa: S308 - cleaned by nh3 just above


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL's query string with another page number, so that
    paging through search results keeps the reader's query and filters."""
    query = context["request"].GET.copy()
    query["trang"] = number
    return "?" + query.urlencode()


@register.filter
def highlight(text, terms):
    """`text` escaped, with the words a search matched in <mark>."""
    return search.highlight(text, terms)


@register.filter
def search_excerpt(article, terms):
    """What a search result shows under its title: the lead, or the passage
    of the body where the words were found, highlighted."""
    if search.mentions(article.lead, terms):
        return search.excerpt(article.lead, terms)
    body = search.html_to_text(article.body)
    if search.mentions(body, terms):
        return search.excerpt(body, terms)
    return search.excerpt(article.lead, terms)
