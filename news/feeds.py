import copy
import logging

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure

from . import portal, seo
from .models import Article, ArticlePhoto, Category

FEED_SIZE = 30

logger = logging.getLogger(__name__)


class LatestArticlesFeed(Feed):
    """RSS 2.0 of the newest public articles, site-wide or of one category.
    Each item carries the full lead with its source ("HNP - …") and the
    article's first photo, as its 960-pixel rendition, as an enclosure."""

    def __call__(self, request, *args, **kwargs):
        # One instance, made in urls.py, serves every request: the request
        # (for absolute photo addresses) goes on a copy made for this one.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def get_object(self, request, slug=None):
        return get_object_or_404(Category, slug=slug) if slug else None

    def title(self, category):
        name = portal.current(self.request).name
        return f"{name} — {category.name}" if category else name

    def link(self, category):
        return category.get_absolute_url() if category else reverse("news:home")

    def description(self, category):
        return seo.description_of(category, self.request)

    def items(self, category):
        articles = (
            Article.objects.published()
            .select_related("author", "category")
            .prefetch_related(
                Prefetch("photos", queryset=ArticlePhoto.objects.order_by("order", "pk"))
            )
            .defer("body", "search_title", "search_document")
        )
        if category:
            articles = articles.filter(category=category)
        return articles[:FEED_SIZE]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return f"{article.source} - {article.lead}"

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return seo.modified_at(article)

    def item_author_name(self, article):
        return article.author.name

    def item_categories(self, article):
        return [article.category.name]

    def item_enclosures(self, article):
        photo = article.first_photo
        if photo is None:
            return []
        rendition = photo.large
        try:
            # The file's size on disk; RSS requires it. No database query.
            length = rendition.storage.size(rendition.name)
        except OSError:
            logger.warning("Feed: the large rendition of photo %s is missing", photo.pk)
            return []
        url = self.request.build_absolute_uri(rendition.url)
        return [Enclosure(url, str(length), "image/jpeg")]
