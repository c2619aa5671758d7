"""The press office's media requests from the expert finder: read, answered, marked handled."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import MediaRequest


class HandledFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "handled"

    def lookups(self, request, model_admin):
        return (("no", _("To handle")), ("yes", _("Handled")))

    def queryset(self, request, queryset):
        if self.value() in ("no", "yes"):
            return queryset.filter(handled_at__isnull=self.value() == "no")
        return queryset


@admin.register(MediaRequest)
class MediaRequestAdmin(admin.ModelAdmin):
    list_display = ("created_at", "expert_name", "name", "outlet", "email", "deadline", "handled_at", "forwarding")
    list_filter = (HandledFilter, "forwarding", "language")
    search_fields = ("name", "outlet", "email", "expert_name", "message")
    date_hierarchy = "created_at"
    actions = ("mark_handled",)
    fields = (
        "expert",
        "expert_name",
        ("name", "outlet"),
        ("email", "phone"),
        "deadline",
        "message",
        "language",
        "created_at",
        ("handled_at", "handled_by"),
        ("forwarding", "attempts", "forwarding_error"),
    )
    readonly_fields = tuple(name for row in fields for name in (row if isinstance(row, tuple) else (row,)))

    @admin.action(description=_("Mark as handled"), permissions=["change"])
    def mark_handled(self, request, queryset):
        count = queryset.filter(handled_at__isnull=True).update(handled_at=timezone.now(), handled_by=request.user)
        message = ngettext("%(count)d request marked handled.", "%(count)d requests marked handled.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    def has_add_permission(self, request):
        return False  # journalists write them on the public site
