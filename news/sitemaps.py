from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.db.models.functions import Greatest

from .models import Article, Category, Tag


class ArticleSitemap(Sitemap):
    """Public articles, newest first, 5,000 to a page of the sitemap."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .annotate(modified_at=Greatest("updated_at", "published_at"))
            .only("slug")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        # An article written ahead and scheduled changed when it appeared.
        return article.modified_at

    def get_latest_lastmod(self):
        # For the sitemap index, in one query rather than by reading every article.
        latest = Article.objects.published().aggregate(
            latest=Max(Greatest("updated_at", "published_at"))
        )
        return latest["latest"]


class CategorySitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return Category.objects.all()


class TagSitemap(Sitemap):
    """Tags with at least one public article."""

    changefreq = "daily"

    def items(self):
        public = Article.objects.published().filter(tags=OuterRef("pk"))
        return Tag.objects.filter(Exists(public)).order_by("name")


SITEMAPS = {"articles": ArticleSitemap, "categories": CategorySitemap, "tags": TagSitemap}
