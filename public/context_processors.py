from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from newsroom.models import SiteSettings
from newsroom.models.pages import menus


def site_settings(request):
    # The menus are read only by the pages that show them (not the admin's).
    return {"site": SiteSettings.load(), "menus": SimpleLazyObject(lambda: menus(get_language()))}
