"""The trash of each publishable kind: deleted articles, events and basic pages, restored or purged
for good after a confirmation. One admin, ``TrashAdmin``, serves every kind through its proxy model."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core import workflow
from core.admin import ReadOnlyAdminMixin
from core.publishing import permission

from ..models import TrashedArticle, TrashedEvent, TrashedPage


class TrashAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Deleted items of one kind: restore them, or purge them for good after a confirmation. The
    rights are the kind's own (``restore_article``, ``purge_event``…)."""

    list_display = ("title", "status", "deleted_at", "deleted_by")
    list_select_related = ("deleted_by",)
    search_fields = ("title",)
    actions = ("restore_selected", "purge_selected")
    ordering = ("-deleted_at",)

    def get_queryset(self, request):
        return super().get_queryset(request).trashed()

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(permission(self.model, "restore"))

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_restore_permission(self, request):
        return request.user.has_perm(permission(self.model, "restore"))

    def has_purge_permission(self, request):
        return request.user.has_perm(permission(self.model, "purge"))

    @admin.action(description=_("Restore the selected items"), permissions=("restore",))
    def restore_selected(self, request, queryset):
        for item in queryset:
            workflow.restore(item, request.user)
        count = len(queryset)
        message = ngettext(
            "%d item restored, with the status it had.", "%d items restored, with the status they had.", count
        )
        self.message_user(request, message % count)

    @admin.action(description=_("Purge the selected items for good…"), permissions=("purge",))
    def purge_selected(self, request, queryset):
        if request.POST.get("confirm") != "yes":
            opts = self.opts
            context = {
                **self.admin_site.each_context(request),
                "opts": opts,
                "title": _("Purge for good?"),
                "items": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "changelist_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            }
            return TemplateResponse(request, "admin/publishing/purge_confirmation.html", context)
        titles = [item.title for item in queryset]
        for item in queryset:
            workflow.purge(item, request.user)
        self.message_user(request, gettext("Purged for good: %s.") % ", ".join(titles), messages.WARNING)


admin.site.register(TrashedArticle, TrashAdmin)
admin.site.register(TrashedEvent, TrashAdmin)
admin.site.register(TrashedPage, TrashAdmin)
