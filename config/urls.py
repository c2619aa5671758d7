"""The project's root addresses: the public site, the language switch and the admin."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from core.admin import view_on_site

urlpatterns = [
    path("", include("public.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the admin's own: its "view on site" redirect, limited to what the user may see.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site)),
    path("admin/", admin.site.urls),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
