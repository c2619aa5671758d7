"""Events in the admin: the form takes their times in the event's own time zone."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.locking import OptimisticLockForm
from core.ordering import OrderedInlineMixin

from ..models import Event, EventSpeaker
from ..models.events import time_zone_choices
from .publishing import PublishedKindAdmin


class EventForm(OptimisticLockForm):
    """Start and end are typed and shown as wall-clock times of the event's time zone, whatever the
    editor's own."""

    TIMES = ("start", "end")
    time_zone = forms.ChoiceField(label=_("time zone"), choices=time_zone_choices)

    class Meta:
        model = Event
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in self.TIMES:
                self.initial[name] = getattr(self.instance, name).astimezone(self.instance.zone).replace(tzinfo=None)
        for name in self.TIMES:
            if name in self.fields:
                self.fields[name].help_text = _("In the event's time zone (below).")

    def clean(self):
        cleaned_data = super().clean()
        zone_name = cleaned_data.get("time_zone")
        if zone_name:
            zone = Event(time_zone=zone_name).zone
            for name in self.TIMES:
                if cleaned_data.get(name):
                    cleaned_data[name] = timezone.make_aware(timezone.make_naive(cleaned_data[name]), zone)
        return cleaned_data


class EventSpeakerInline(OrderedInlineMixin, admin.TabularInline):
    model = EventSpeaker
    fields = ("person", "order")
    autocomplete_fields = ("person",)
    extra = 0


@admin.register(Event)
class EventAdmin(PublishedKindAdmin):
    form = EventForm
    revision_inlines = ("event_speakers",)
    list_display = ("title", "kind", "start", "workflow_status", "live")
    list_filter = ("status", "kind", "teams", "language", "start")
    search_fields = ("title", "summary", "venue")
    date_hierarchy = "start"
    autocomplete_fields = ("teams",)
    inlines = (EventSpeakerInline,)
    fieldsets = (
        (_("Content"), {"fields": ("title", "slug", "kind", "summary", "body", "lead_image", "language")}),
        (_("When and where"), {"fields": ("start", "end", "time_zone", "venue", "online_url", "registration_url")}),
        (_("Research links"), {"fields": ("teams",)}),
        (_("Publishing"), {"fields": ("status", ("publish_at", "expire_at"))}),
    )
