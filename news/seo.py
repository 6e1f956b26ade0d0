"""What a page tells search engines and social networks about itself: its
canonical address, a short description, Open Graph and Twitter card tags and,
for an article, schema.org NewsArticle data (JSON-LD).

Everything is built from what the page has already loaded (an article with
its category, author and prefetched photos), so metadata costs no query.
"""

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from . import portal
from .models import Article, Category

DESCRIPTION_LENGTH = 160
# Until the portal has a logo of its own (Thông tin trang in the admin).
LOGO = "img/logo.png"
LOGO_SIZE = (256, 256)  # scripts/draw_logo.py

# Zalo documents only a share button drawn by its own script (sp.zalo.me
# plugins/sdk.js, tied to an Official Account). This is the share page that
# button opens, linked directly so that no third-party script runs here.
ZALO_SHARE = "https://sp.zalo.me/share_inline"
FACEBOOK_SHARE = "https://www.facebook.com/sharer/sharer.php"

# What json_script escapes: in a <script> element, "</script>" or "<!--" in a
# title must not end or change the element; JSON parsers read \u003C as "<".
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass
class Image:
    url: str
    width: int | None = None
    height: int | None = None
    alt: str = ""


@dataclass
class PageMeta:
    """The head of a page, for templates/news/includes/page_meta.html."""

    title: str
    description: str
    url: str
    site_name: str = ""
    type: str = "website"
    image: Image | None = None
    large_image: bool = False
    article_properties: list = field(default_factory=list)
    json_ld: str = ""
    noindex: bool = False

    @property
    def twitter_card(self):
        return "summary_large_image" if self.large_image else "summary"


def plain_description(text, length=DESCRIPTION_LENGTH):
    """`text` on one line, cut after a whole word to at most `length`
    characters (an ellipsis included) when it is longer."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if text[length - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"


def description_of(obj=None, request=None):
    """The meta description of an article (its lead), a category, or the site."""
    if isinstance(obj, Article):
        return plain_description(obj.lead)
    site = portal.current(request)
    if isinstance(obj, Category):
        return f"Tin {obj.name} trên {site.name}."
    return site.description or site.name


def local_iso(moment):
    """ISO 8601 in Hà Nội time, e.g. 2020-11-24T14:38:00+07:00."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def modified_at(article):
    """When the public article last changed. An article written ahead and
    scheduled was saved before it appeared; it changed when it appeared."""
    return max(article.updated_at, article.published_at)


def photo_image(request, photo):
    size = photo.large_size or (None, None)
    return Image(request.build_absolute_uri(photo.large.url), *size, alt=photo.alt_text)


def logo_image(request):
    """The portal's logo, or the plain one it starts with."""
    site = portal.current(request)
    if site.logo:
        url, size = site.logo.url, (site.logo_width, site.logo_height)
    else:
        url, size = static(LOGO), LOGO_SIZE
    return Image(request.build_absolute_uri(url), *size, alt=site.name)


def share_links(url):
    """(name, address) of the share pages for `url`, which need no script."""
    return [
        ("Facebook", f"{FACEBOOK_SHARE}?{urlencode({'u': url})}"),
        ("Zalo", f"{ZALO_SHARE}?{urlencode({'url': url})}"),
    ]


def json_ld_script(data):
    """`data` as a <script type="application/ld+json"> element. A data block,
    not a script: browsers do not run it, so the CSP's script-src allows it."""
    text = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    # Escaped just above for the inside of a <script> element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def news_article_data(request, article, url, description):
    """schema.org NewsArticle of `article`, as a dict ready for JSON."""
    logo = logo_image(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": description,
        "datePublished": local_iso(article.published_at),
        "dateModified": local_iso(modified_at(article)),
        "author": {"@type": "Person", "name": article.author.name},
        "articleSection": article.category.name,
        "inLanguage": "vi",
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": logo.alt,
            "url": request.build_absolute_uri(reverse("news:home")),
            "logo": {
                "@type": "ImageObject",
                "url": logo.url,
                "width": logo.width,
                "height": logo.height,
            },
        },
    }
    images = [photo_image(request, photo).url for photo in article.photos.all()]
    if images:
        data["image"] = images
    return data


def article_meta(request, article):
    url = request.build_absolute_uri(article.get_absolute_url())
    description = description_of(article)
    photo = article.first_photo
    return PageMeta(
        site_name=portal.current(request).name,
        title=article.title,
        description=description,
        url=url,
        type="article",
        image=photo_image(request, photo) if photo else logo_image(request),
        large_image=photo is not None,
        article_properties=[
            ("published_time", local_iso(article.published_at)),
            ("modified_time", local_iso(modified_at(article))),
            ("section", article.category.name),
        ],
        json_ld=json_ld_script(news_article_data(request, article, url, description)),
        noindex=not article.is_public,
    )


def list_meta(request, title, description, path, page_number=1):
    """A list of articles (home, category). Page 2 onwards is its own page
    for search engines, so its canonical address keeps the page number."""
    if page_number > 1:
        path = f"{path}?{urlencode({'trang': page_number})}"
    return PageMeta(
        site_name=portal.current(request).name,
        title=title,
        description=description,
        url=request.build_absolute_uri(path),
        image=logo_image(request),
    )


def page_meta(request, obj=None, page_number=1):
    """The metadata of an article page, a category page, or the home page."""
    if isinstance(obj, Article):
        return article_meta(request, obj)
    if isinstance(obj, Category):
        return list_meta(
            request, obj.name, description_of(obj, request), obj.get_absolute_url(), page_number
        )
    site = portal.current(request)
    return list_meta(
        request, site.name, description_of(None, request), reverse("news:home"), page_number
    )
