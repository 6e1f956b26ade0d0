from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .feeds import LatestArticlesFeed
from .sitemaps import SITEMAPS

app_name = "news"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("chuyen-muc/<slug:slug>/rss/", LatestArticlesFeed(), name="category_feed"),
    path("bai-viet/<slug:slug>/", views.ArticleView.as_view(), name="article"),
    path("tu-khoa/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("rss/", LatestArticlesFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("bien-tap/tai-anh/", views.editor_upload, name="editor_upload"),
]
