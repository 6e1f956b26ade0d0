from django.utils.functional import SimpleLazyObject

from . import portal
from .models import Category


def site(request):
    """The portal's identity and the category menu on every page."""
    identity = SimpleLazyObject(lambda: portal.current(request))
    return {
        "portal": identity,
        "site_name": SimpleLazyObject(lambda: identity.name),
        "menu_categories": Category.objects.all(),
    }
