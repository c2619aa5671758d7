"""The audit log, read-only: who did what to which article, and when."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdminMixin

from ..models import EditorialEvent


@admin.register(EditorialEvent)
class EditorialEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit log, read-only."""

    list_display = ("created_at", "user", "action", "article_link", "comment")
    list_filter = ("action", ("user", admin.RelatedOnlyFieldListFilter), "created_at")
    list_select_related = ("user", "article")
    search_fields = ("article_title", "comment", "user__username")
    date_hierarchy = "created_at"

    @admin.display(description=_("article"), ordering="article_title")
    def article_link(self, event):
        if event.article is None or event.article.is_trashed:
            return event.article_title
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:newsroom_article_change", args=[event.article_id]),
            event.article_title,
        )
