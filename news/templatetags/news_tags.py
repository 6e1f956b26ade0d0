import hashlib
import re
from datetime import date

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from news import body_images, caching, placement, seo
from news import text as folding
from news.forms import SearchForm
from news.models import Article
from news.sanitize import sanitize_html

register = template.Library()


@register.simple_tag(takes_context=True)
def shows(context, *things):
    """Note what the page shows, for its cache tags (news/caching.py): an
    article, or tag names. Draws nothing."""
    tags = [
        caching.article_tag(thing.pk) if isinstance(thing, Article) else thing for thing in things
    ]
    caching.shows(context.get("request"), *tags)
    return ""


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, tags, vary_on):
        self.nodelist, self.name, self.tags, self.vary_on = nodelist, name, tags, vary_on

    def render(self, context):
        seconds = settings.NEWS_FRAGMENT_CACHE_SECONDS
        # A page drawn from unsaved data (news.views.ArticlePreview) neither
        # reads nor keeps parts.
        if not seconds or context.get("fragment_cache") is False:
            return self.nodelist.render(context)
        request = context.get("request")
        tags = self.tags.resolve(context).split()
        current = caching.versions(tags, request)
        vary = [str(value.resolve(context)) for value in self.vary_on]
        vary += [current[tag][0] for tag in sorted(current)]
        digest = hashlib.blake2b("\x1f".join(vary).encode(), digest_size=16).hexdigest()
        key = f"news:fragment:{self.name}:{digest}"
        kept = caching.recall(key)
        if kept is not None:
            html, shown = kept
            caching.shows(request, *shown)
            return html
        before = set(getattr(request, "cache_tags", ()))
        html = self.nodelist.render(context)
        shown = set(getattr(request, "cache_tags", ())) - before
        caching.keep(request, key, (html, shown), seconds, drawn_from=current)
        return html


@register.tag
def cachedfragment(parser, token):
    """`{% cachedfragment "name" "tag1 tag2" vary… %}…{% endcachedfragment %}`:
    the part of a page drawn from what the tags name, kept in the cache until
    one of them changes (news/caching.py), for NEWS_FRAGMENT_CACHE_SECONDS at
    most. It is kept only if none of its tags changed while the page was
    being drawn, so a part drawn from rows read before a commit never
    outlives it. What the part `shows` is noted again when it is reused."""
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name and its tags")
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return CachedFragmentNode(
        nodelist, name, parser.compile_filter(bits[2]), [parser.compile_filter(b) for b in bits[3:]]
    )


@register.simple_tag
def article_body(article):
    """The article's body, cleaned again (see `sanitized`), with its own
    uploaded images given their renditions (srcset) and its photos after the
    first placed in the text (news/placement.py)."""
    html = body_images.add_renditions(sanitize_html(article.body))
    photos = list(article.photos.all())[1:]

    def draw(photo):
        return render_to_string("news/includes/article_photo.html", {"photo": photo, "lazy": True})

    return mark_safe(placement.place_photos(html, photos, draw))  # noqa: S308 - nh3, then ours


@register.filter
def sanitized(html):
    """Article HTML, cleaned again at render time: the body is sanitized on
    save, but rows written by other means (bulk updates, imports) are not."""
    return mark_safe(sanitize_html(html))  # noqa: S308 - cleaned by nh3 just above


# The query parameters a page reads; others (utm_source, fbclid…) are
# left out of the links a page draws, as deploy/varnish.vcl leaves them out
# of the address it asks Django for.
PAGE_PARAMETERS = frozenset({"trang", *SearchForm.base_fields})


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL's query string with another page number, so that
    paging through search results keeps the reader's query and filters.
    The rest of the query string is made once a request: a list links up
    to seven pages."""
    request = context["request"]
    kept = request.__dict__.get("page_query")
    if kept is None:
        query = request.GET.copy()
        for name in (set(query) - PAGE_PARAMETERS) | {"trang"}:
            query.pop(name, None)
        kept = request.page_query = query.urlencode()
    return f"?{kept}&trang={number}" if kept else f"?trang={number}"


@register.simple_tag(takes_context=True)
def page_links(context, page):
    """The pages a list links to from `page`, as (number, url, current):
    the first and the last, those beside it, and (None, None, False) for
    each gap between (1 … 9 10 11 … 84), so that a reader reaches any page
    in two steps."""
    gap = page.paginator.ELLIPSIS
    return [
        (None, None, False)
        if number == gap
        else (number, page_url(context, number), number == page.number)
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]


def _search_url(context, drop=(), **values):
    """The current search's address without the parameters `drop`, with
    `values` set."""
    query = context["request"].GET.copy()
    for name in drop:
        query.pop(name, None)
    for name, value in values.items():
        query[name] = value
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def older_results_url(context, article):
    """The current search, going on after `article`, the last of the
    counted results newest first: where a reader goes on past the last
    page, with no article shown twice."""
    return _search_url(context, drop=["trang"], truoc=article.pk)


@register.simple_tag(takes_context=True)
def reading_search_url(context):
    """The current search with the words read as Telex or VNI again."""
    return _search_url(context, drop=["trang", "nguyen_van"])


@register.simple_tag(takes_context=True)
def newest_results_url(context):
    """The current search from its newest results again."""
    return _search_url(context, drop=["trang", "truoc"])


_QUOTED = re.compile(r'^["“„＂]([^"“”„＂]*)["”＂]$')


@register.filter
def unquoted(query):
    """A query that is one quoted phrase without its quotes: the heading
    puts it in “ ” itself ("camera an ninh", not “"camera an ninh"”)."""
    found = _QUOTED.match(query)
    return found.group(1) if found else query


@register.filter
def unshown_date(field):
    """What was sent for the date `field` when its box cannot show it (a
    date box shows only a real date, YYYY-MM-DD), else "": the page then
    quotes it, and does not repeat a date the reader sees in the box."""
    value = field.value()
    if not value:
        return ""
    shown = field.field.widget.format_value(value)
    try:
        date.fromisoformat(shown)
    except (TypeError, ValueError):
        return value
    return ""


@register.filter
def one_line(text):
    """`text` (a query sent back into a search box) without control
    characters: a NUL byte pasted into the address would otherwise be
    written into the page."""
    return folding.one_line(text) if isinstance(text, str) else text


@register.simple_tag(takes_context=True)
def literal_search_url(context):
    """The current search, with the words taken as typed rather than read
    as Telex or VNI."""
    unread = (set(context["request"].GET) - PAGE_PARAMETERS) | {"trang"}
    return _search_url(context, drop=unread, nguyen_van="1")


MOST_READ_SECONDS = 300


@register.inclusion_tag("news/includes/most_read.html", takes_context=True)
def most_read(context):
    """ "Đọc nhiều nhất": ranked from the per-day counts, the ranking kept in
    the cache for five minutes; the articles themselves are read at each
    drawing, so an article taken down or renamed leaves the box at once."""
    ranking = cache.get("news:most-read")
    if ranking is None:
        articles = Article.objects.most_read(
            days=settings.NEWS_MOST_READ_DAYS, count=settings.NEWS_MOST_READ_COUNT
        )
        ranking = [(article.pk, article.recent_views) for article in articles]
        cache.set("news:most-read", ranking, MOST_READ_SECONDS)
    views = dict(ranking)
    articles = list(Article.objects.published().filter(pk__in=views).only("title", "slug"))
    for article in articles:
        article.recent_views = views[article.pk]
    articles.sort(key=lambda article: (-article.recent_views, -article.pk))
    return {
        "most_read_articles": articles,
        "days": settings.NEWS_MOST_READ_DAYS,
        "request": context.get("request"),
    }


@register.simple_tag(takes_context=True)
def meta_description(context, obj=None):
    """The meta description of an article, a category, or (no argument) the site."""
    return seo.description_of(obj, context.get("request"))


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


@register.inclusion_tag("news/admin_review_notice.html", takes_context=True)
def articles_waiting_notice(context):
    """For the admin index: the editors' queue of articles sent for review,
    and for whoever sends articles (reporters, an editor's copy of a live
    article), theirs sent back."""
    user = context["request"].user
    notices = []
    if user.has_perm("news.review_article"):
        waiting = Article.objects.filter(status=Article.Status.SUBMITTED).count()
        notices.append((Article.Status.SUBMITTED, "Bài chờ duyệt", waiting))
    if user.has_perm("news.submit_article"):
        returned = Article.objects.filter(status=Article.Status.RETURNED, created_by=user)
        notices.append((Article.Status.RETURNED, "Bài bị trả lại, cần sửa", returned.count()))
    return {"notices": [notice for notice in notices if notice[2]]}
