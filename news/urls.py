from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.generic import TemplateView

from . import views
from .caching import public_page
from .feeds import LatestArticlesFeed
from .sitemaps import SITEMAPS

app_name = "news"

feed = public_page("feeds")(LatestArticlesFeed())

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("chuyen-muc/<slug:slug>/rss/", feed, name="category_feed"),
    path("bai-viet/<slug:slug>/", views.ArticleView.as_view(), name="article"),
    path("tu-khoa/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("rss/", feed, name="feed"),
    path(
        "sitemap.xml",
        public_page("sitemap")(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "news:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<str:section>.xml",
        public_page("sitemap")(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        public_page()(
            TemplateView.as_view(
                template_name="robots.txt", content_type="text/plain; charset=utf-8"
            )
        ),
        name="robots",
    ),
    path("luot-doc/<int:pk>/", views.read, name="read"),
    path("bien-tap/tai-anh/", views.editor_upload, name="editor_upload"),
    path("bien-tap/anh-goc/<path:name>", views.original, name="original"),
]
