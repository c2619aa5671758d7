"""The project's root addresses: the public site, the language switch, the admin and the API."""

from django.conf import settings
from django.contrib import admin
from django.http import Http404
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from django.views.static import serve

from core.admin import view_on_site
from core.health import healthz
from desk.admin.calendar import admin_urls as desk_calendar_urls
from desk.calendar.feed import calendar_feed

urlpatterns = [
    path("", include("public.urls")),
    # The language switch only sets a preference cookie: it needs no CSRF token, so that public
    # pages set no CSRF cookie and can be cached.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # Before the admin's own: its "view on site" redirect, limited to what the user may see.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site)),
    path("admin/", include(desk_calendar_urls())),
    path("admin/", admin.site.urls),
    # A staff member's private calendar feed: the secret address is the only credential.
    path("desk/calendar/<str:token>.ics", calendar_feed, name="desk-calendar-feed"),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("api.urls")),
    path("press/", include("press.urls")),
]


def media(request, path):
    """An uploaded file, when no web server in front serves MEDIA_ROOT (see the README)."""
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError) as error:  # a name too long or otherwise impossible on this disk
        raise Http404("No such file.") from error


if settings.SERVE_MEDIA:
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", media)]
