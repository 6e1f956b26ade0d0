from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("binh-luan/<slug:slug>/", views.CommentPostView.as_view(), name="post"),
    path("binh-luan/<slug:slug>/ma/", views.form_parts, name="form_parts"),
    path("ma-xac-nhan/<str:key>.png", views.captcha_image, name="captcha_image"),
]
