from django.conf import settings

from .models import Category


def site(request):
    """The site name and the category menu on every page."""
    return {
        "site_name": settings.SITE_NAME,
        "menu_categories": Category.objects.all(),
    }
