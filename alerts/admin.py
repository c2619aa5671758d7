"""The alerts in the admin: who subscribed to what, and every e-mail sent, with its status and
last error; failed ones can be tried again."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Delivery, Subscription
from .tasks import send_delivery


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return (("active", _("Active")), ("pending", _("Awaiting confirmation")), ("ended", _("Unsubscribed")))

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.active()
        if self.value() == "pending":
            return queryset.filter(confirmed_at__isnull=True, unsubscribed_at__isnull=True)
        if self.value() == "ended":
            return queryset.filter(unsubscribed_at__isnull=False)
        return queryset


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("email", "frequency", "language", "followed", "created_at", "confirmed_at", "unsubscribed_at")
    list_filter = (StateFilter, "frequency", "language")
    search_fields = ("email",)
    date_hierarchy = "created_at"
    readonly_fields = ("email", "language", "created_at", "confirmed_at", "unsubscribed_at", "last_digest_at")
    fields = (*readonly_fields[:2], "frequency", "teams", "keywords", "kinds", *readonly_fields[2:])
    filter_horizontal = ("teams", "keywords")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("teams", "keywords")

    @admin.display(description=_("follows"))
    def followed(self, subscription):
        return ", ".join(subscription.topics()) or _("All news")

    def has_add_permission(self, request):
        return False  # readers subscribe themselves and confirm by e-mail


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("subscription", "article_titles", "status", "attempts", "created_at", "sent_at", "error")
    list_filter = ("status",)
    search_fields = ("subscription__email", "items__article__title")
    list_select_related = ("subscription",)
    date_hierarchy = "created_at"
    actions = ("send_again",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("items__article")

    @admin.display(description=_("articles"))
    def article_titles(self, delivery):
        return "; ".join(item.article.title for item in delivery.items.all())

    @admin.action(description=_("Try the failed e-mails again"), permissions=["change"])
    def send_again(self, request, queryset):
        failed = list(queryset.filter(status=Delivery.Status.FAILED).values_list("pk", flat=True))
        Delivery.objects.filter(pk__in=failed).update(status=Delivery.Status.RETRYING)
        for pk in failed:
            send_delivery.enqueue(pk)
        message = ngettext(
            "%(count)d e-mail will be tried again.", "%(count)d e-mails will be tried again.", len(failed)
        )
        self.message_user(request, message % {"count": len(failed)}, messages.SUCCESS)

    # The record of what was sent is kept as it was: it is read, not written.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
