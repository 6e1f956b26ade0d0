from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Quản trị Tin tức Long Biên"
admin.site.site_title = "Quản trị Tin tức Long Biên"
admin.site.index_title = "Tòa soạn"

urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("captcha/", include("captcha.urls")),
    path("", include("news.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
