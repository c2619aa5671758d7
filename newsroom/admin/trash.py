"""The trash: deleted articles, restored or purged for good after a confirmation."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core import workflow
from core.admin import ReadOnlyAdminMixin

from ..models import TrashedArticle


@admin.register(TrashedArticle)
class TrashAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Deleted articles: restore them, or purge them for good after a confirmation."""

    list_display = ("title", "status", "deleted_at", "deleted_by")
    list_select_related = ("deleted_by",)
    search_fields = ("title",)
    actions = ("restore_selected", "purge_selected")
    ordering = ("-deleted_at",)

    def get_queryset(self, request):
        return super().get_queryset(request).trashed()

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("newsroom.restore_article")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_restore_permission(self, request):
        return request.user.has_perm("newsroom.restore_article")

    def has_purge_permission(self, request):
        return request.user.has_perm("newsroom.purge_article")

    @admin.action(description=_("Restore the selected articles"), permissions=("restore",))
    def restore_selected(self, request, queryset):
        for article in queryset:
            workflow.restore(article, request.user)
        count = len(queryset)
        message = ngettext(
            "%d article restored, with the status it had.", "%d articles restored, with the status they had.", count
        )
        self.message_user(request, message % count)

    @admin.action(description=_("Purge the selected articles for good…"), permissions=("purge",))
    def purge_selected(self, request, queryset):
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Purge articles for good?"),
                "articles": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/newsroom/trashedarticle/purge_confirmation.html", context)
        titles = [article.title for article in queryset]
        for article in queryset:
            workflow.purge(article, request.user)
        self.message_user(request, gettext("Purged for good: %s.") % ", ".join(titles), messages.WARNING)
