"""The admin in each staff member's own language, whatever the public site's switcher says.

The public site's language comes from the language cookie (Django's LocaleMiddleware); on the admin
and the desk pages, a staff member's language is the one chosen on their preferences page
(``DeskProfile.language``), or their browser's until they choose.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import get_supported_language_variant, parse_accept_lang_header

from .models import DeskProfile

STAFF_PATHS = ("/admin/", "/desk/")
# The admin's preview of a draft, and the live preview of the unsaved form beside it, are the public
# page as a reader will see it: in the public language.
PUBLIC_RENDERINGS = ("/preview/", "/live-preview/")


def browser_language(request):
    """The first supported language of the Accept-Language header, ignoring the cookie."""
    for code, _quality in parse_accept_lang_header(request.headers.get("accept-language", "")):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def staff_language(request):
    chosen = DeskProfile.objects.filter(user=request.user).values_list("language", flat=True).first()
    return chosen or browser_language(request)


def staff_language_middleware(get_response):
    def middleware(request):
        user = getattr(request, "user", None)
        staff_page = request.path.startswith(STAFF_PATHS) and not request.path.endswith(PUBLIC_RENDERINGS)
        if staff_page and user is not None and user.is_authenticated and user.is_staff:
            language = staff_language(request)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return get_response(request)

    return middleware
