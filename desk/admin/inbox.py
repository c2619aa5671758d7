"""The inbox: each staff member's notifications, unread first in mind, with their e-mail's delivery
status; opening one marks it read; a preferences page chooses e-mail or inbox only, and the language."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from ..models import DeskProfile, Kind, Notification
from .comments import CommentPagesMixin


class ReadFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "read"

    def lookups(self, request, model_admin):
        return (("no", _("Unread")), ("yes", _("Read")))

    def queryset(self, request, queryset):
        if self.value() in ("no", "yes"):
            return queryset.filter(read_at__isnull=self.value() == "no")
        return queryset


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_(
            "The language of the admin, the editorial desk and your e-mails. The public site has its own switch."
        ),
    )
    by_email = forms.MultipleChoiceField(
        label=_("Send me an e-mail for"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The others only appear in the inbox."),
    )


@admin.register(Notification)
class InboxAdmin(CommentPagesMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "created_at", "read_state", "delivery_state")
    list_display_links = None
    list_filter = (ReadFilter, "kind")
    actions = ("mark_read", "mark_unread")
    change_list_template = "desk/notifications/inbox.html"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(recipient=request.user)

    # Every staff member has an inbox, whatever their role; nobody writes or deletes entries by hand.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or obj.recipient_id == request.user.pk)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/open/", view(self.open_view), name="desk_notification_open"),
            path("preferences/", view(self.preferences_view), name="desk_notification_preferences"),
            *super().get_urls(),
        ]

    @admin.display(description=_("notification"))
    def title(self, notification):
        url = reverse("admin:desk_notification_open", args=[notification.pk])
        text = (
            notification.subject if notification.is_read else format_html("<strong>{}</strong>", notification.subject)
        )
        return format_html('<a href="{}">{}</a>', url, text)

    @admin.display(description=_("read"), ordering="read_at")
    def read_state(self, notification):
        return _("Read") if notification.is_read else _("Unread")

    @admin.display(description=_("e-mail"))
    def delivery_state(self, notification):
        text = notification.get_delivery_display()
        if notification.delivery_error:
            return format_html("{} ({}: {})", text, notification.attempts, notification.delivery_error)
        return text

    @admin.action(description=_("Mark as read"))
    def mark_read(self, request, queryset):
        queryset.filter(read_at__isnull=True).update(read_at=timezone.now())

    @admin.action(description=_("Mark as unread"))
    def mark_unread(self, request, queryset):
        queryset.update(read_at=None)

    def open_view(self, request, pk):
        if request.method != "POST" and request.method != "GET":
            return HttpResponseNotAllowed(["GET", "POST"])
        notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
        if not notification.is_read:
            Notification.objects.filter(pk=pk).update(read_at=timezone.now())
        if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
            return redirect(notification.url)
        return redirect("admin:desk_notification_changelist")

    def preferences_view(self, request):
        profile = DeskProfile.of(request.user)
        initial = {"language": profile.language, "by_email": [k for k in Kind.values if profile.wants_email(k)]}
        form = PreferencesForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            profile.language = form.cleaned_data["language"]
            profile.inbox_only = [k for k in Kind.values if k not in form.cleaned_data["by_email"]]
            profile.save()
            # The message is in the language just chosen, as the next page is.
            with translation.override(profile.language):
                messages.success(request, str(_("Your preferences are saved.")))
            return redirect("admin:desk_notification_preferences")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Your preferences"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "desk/notifications/preferences.html", context)
