from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponsePermanentRedirect
from django.urls import include, path
from django.utils.functional import lazy

from comments import views as comments_views
from news import portal

from . import views


def admin_title():
    # Read when a page is drawn: the portal's name is kept in the admin.
    return f"Quản trị {portal.current().name}"


admin.site.site_header = admin.site.site_title = lazy(admin_title, str)()
admin.site.index_title = "Tòa soạn"


def favicon(request):
    # Browsers ask for /favicon.ico on pages without an icon link (the admin).
    return HttpResponsePermanentRedirect(staticfiles_storage.url("img/favicon.svg"))


site_patterns = [
    path("favicon.ico", favicon, name="favicon"),
    # Answered by HealthCheckMiddleware first; named here for reverse().
    path(settings.HEALTH_CHECK_PATH.lstrip("/"), views.healthz, name="healthz"),
    # Before django-simple-captcha's own: its refresh stores a row per request.
    path("captcha/refresh/", comments_views.captcha_refresh, name="captcha-refresh"),
    path("captcha/", include("captcha.urls")),
    path("", include("comments.urls")),
    path("", include("news.urls")),
]


def first_segments(patterns, prefix=""):
    """The first path segment of every route in `patterns`."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            yield from first_segments(pattern.url_patterns, route)
        else:
            yield route.split("/")[0]


# ADMIN_PATH (checked for its form in settings) must not hide the site's pages,
# nor the static and media files served in front of Django.
taken = {*first_segments(site_patterns), settings.STATIC_URL.strip("/").split("/")[0]}
taken.add(settings.MEDIA_URL.strip("/").split("/")[0])
if settings.ADMIN_PATH.split("/")[0] in taken:
    raise ImproperlyConfigured(
        f"ADMIN_PATH {settings.ADMIN_PATH!r} clashes with the site's own pages; choose another."
    )

urlpatterns = [path(settings.ADMIN_PATH, admin.site.urls), *site_patterns]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# A lost database connection outside a view still gets the maintenance page.
handler500 = "longbien.views.server_error"
