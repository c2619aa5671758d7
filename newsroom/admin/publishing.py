"""What the admins of events and basic pages share: the workflow panel with their audit entries,
a preview, and the admin of that audit log."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.admin import CheckedPrefillMixin, PublishableAdminMixin, ReadOnlyAdminMixin
from core.locking import OptimisticLockAdminMixin
from core.revisions import RevisionAdminMixin
from core.richtext import editor_formfield
from core.slugs import FreeSlugAdminMixin

from .. import preview
from ..models import AuditEntry
from .image_chooser import chooser_url, lead_image_formfield


class PublishedKindAdmin(
    FreeSlugAdminMixin,
    PublishableAdminMixin,
    CheckedPrefillMixin,
    OptimisticLockAdminMixin,
    RevisionAdminMixin,
    admin.ModelAdmin,
):
    """A publishable kind with the workflow panel (templates/admin/publishing/) and a rich-text body."""

    change_form_template = "admin/publishing/change_form.html"
    restore_keeps = ("status", "publish_at", "expire_at")

    @admin.display(description=_("live"), boolean=True)
    def live(self, obj):
        return obj.is_live

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_live else None

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            return editor_formfield(db_field, image_chooser_url=chooser_url)
        if db_field.name == "lead_image":
            return lead_image_formfield(db_field)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_preview"
        preview_view = self.admin_site.admin_view(self.preview_view)
        return [path("<path:object_id>/preview/", preview_view, name=name), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        context = {}
        if obj is not None:
            context = {
                **self.workflow_context(request, obj),
                "recent_events": obj.audit_entries.select_related("user")[:5],
                "preview_url": self.revision_url("preview", obj),
            }
        return super().change_view(request, object_id, form_url, {**context, **(extra_context or {})})

    def preview_view(self, request, object_id):
        """The item exactly as readers will see it (its pending changes, if any), marked as a preview."""
        return preview.render_item_preview(request, self.editable_object(request, object_id), self.revision_inlines)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "user", "action", "content_type", "object_title", "comment")
    list_filter = ("action", "content_type", ("user", admin.RelatedOnlyFieldListFilter), "created_at")
    list_select_related = ("user", "content_type")
    search_fields = ("object_title", "comment", "user__username")
    date_hierarchy = "created_at"
