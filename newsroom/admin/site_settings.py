"""The institute's details: one row, edited in place."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.admin import PictureStorageAdminMixin

from ..models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(PictureStorageAdminMixin, admin.ModelAdmin):
    """One row of institute details: the list goes straight to it, and it cannot be added twice or deleted."""

    fieldsets = (
        (_("Institute"), {"fields": ("institute_name", "short_name", "address", "phone", "email", "contact_url")}),
        (_("Logo and pictures"), {"fields": ("logo", "favicon", "share_image")}),
        (_("Careers"), {"fields": ("careers_text", "careers_url")}),
        (_("Social media"), {"fields": ("mastodon_url", "bluesky_url", "linkedin_url")}),
    )

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        settings = SiteSettings.load()
        return redirect(reverse("admin:newsroom_sitesettings_change", args=[settings.pk]))
