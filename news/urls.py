from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("bai-viet/<slug:slug>/", views.ArticleView.as_view(), name="article"),
    path("bien-tap/tai-anh/", views.editor_upload, name="editor_upload"),
]
