from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponsePermanentRedirect
from django.urls import include, path

admin.site.site_header = "Quản trị Tin tức Long Biên"
admin.site.site_title = "Quản trị Tin tức Long Biên"
admin.site.index_title = "Tòa soạn"


def favicon(request):
    # Browsers ask for /favicon.ico on pages without an icon link (the admin).
    return HttpResponsePermanentRedirect(staticfiles_storage.url("img/favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("quan-tri/", admin.site.urls),
    path("captcha/", include("captcha.urls")),
    path("", include("comments.urls")),
    path("", include("news.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
