"""Basic pages and the header and footer menus in the admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import MenuItem, Page
from .publishing import PublishedKindAdmin


@admin.register(Page)
class PageAdmin(PublishedKindAdmin):
    list_display = ("title", "slug", "language", "workflow_status", "live")
    list_filter = ("status", "language")
    search_fields = ("title",)
    autocomplete_fields = ("translation_of",)
    fieldsets = (
        (_("Content"), {"fields": ("title", "slug", "body", "language", "translation_of")}),
        (_("Publishing"), {"fields": ("status", ("publish_at", "expire_at"))}),
    )


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    list_display = ("label", "menu", "order", "language", "page", "url")
    list_editable = ("order",)
    list_filter = ("menu", "language")
    list_select_related = ("page",)
    autocomplete_fields = ("page",)
    search_fields = ("label",)
