from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import mark_safe

from news import search, seo
from news.models import Article
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


@register.simple_tag(takes_context=True)
def older_results_url(context, article):
    """The current search, narrowed to articles published up to the day of
    `article` (inclusive): where a reader goes on past the last counted
    page of results, newest first."""
    query = context["request"].GET.copy()
    query.pop("trang", None)
    query["den_ngay"] = timezone.localdate(article.published_at).isoformat()
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


MOST_READ_SECONDS = 300


@register.inclusion_tag("news/includes/most_read.html")
def most_read():
    """ "Đọc nhiều nhất": from the per-day counts, kept in the cache for five
    minutes, so most pages ask the database nothing for it."""
    articles = cache.get("news:most-read")
    if articles is None:
        articles = Article.objects.most_read(
            days=settings.NEWS_MOST_READ_DAYS, count=settings.NEWS_MOST_READ_COUNT
        )
        cache.set("news:most-read", articles, MOST_READ_SECONDS)
    return {"most_read_articles": articles, "days": settings.NEWS_MOST_READ_DAYS}


@register.simple_tag
def meta_description(obj=None):
    """The meta description of an article, a category, or (no argument) the site."""
    return seo.description_of(obj)


@register.inclusion_tag("news/includes/page_meta.html", takes_context=True)
def page_meta(context, obj=None):
    """Canonical address, Open Graph, Twitter card and, for an article,
    JSON-LD: `{% page_meta article %}`, `{% page_meta category %}`, or
    `{% page_meta %}` for the home page."""
    page = context.get("page_obj")
    # "is not None": a Page is a sequence, and its truth would fetch its articles.
    return {"meta": seo.page_meta(context["request"], obj, page.number if page is not None else 1)}


@register.inclusion_tag("news/includes/share.html", takes_context=True)
def share_bar(context, article):
    """Share links under an article: Facebook, Zalo, copy the link, print."""
    url = context["request"].build_absolute_uri(article.get_absolute_url())
    return {"url": url, "links": seo.share_links(url), "article": article}
