from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse

from .models import Article, Category

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    """RSS of the newest public articles, site-wide or of one category."""

    def get_object(self, request, slug=None):
        return get_object_or_404(Category, slug=slug) if slug else None

    def title(self, category):
        return f"{settings.SITE_NAME} — {category.name}" if category else settings.SITE_NAME

    def link(self, category):
        return category.get_absolute_url() if category else reverse("news:home")

    def description(self, category):
        return "Tin tức mới nhất của quận Long Biên, Hà Nội."

    def items(self, category):
        articles = Article.objects.published().select_related("author")
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
        return article.updated_at

    def item_author_name(self, article):
        return article.author.name
