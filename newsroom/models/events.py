"""Events: seminars, thesis defences and conferences, published by the same rule as articles."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.locking import LockVersioned
from core.publishing import Publishable, PublishableQuerySet
from core.richtext import sanitize_html
from core.search_index import ROW_LANGUAGE, SearchIndexed
from core.slugs import unique_slug
from research.models import Person, Team

from .audit import Audited
from .images import Image


def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


def default_time_zone():
    return settings.TIME_ZONE


def validate_time_zone(name):
    if name not in zoneinfo.available_timezones():
        raise ValidationError(f"“{name}” is not a time zone name, such as Europe/Paris.")


class EventQuerySet(PublishableQuerySet):
    def upcoming(self):
        """Live events that have not ended yet, soonest first."""
        return self.live().filter(end__gte=timezone.now()).order_by("start", "pk")

    def past(self):
        return self.live().filter(end__lt=timezone.now()).order_by("-start", "-pk")

    def for_list(self):
        return self.defer("body", "search_vector").select_related("lead_image")

    def for_detail(self):
        return (
            self.defer("search_vector")
            .select_related("lead_image")
            .prefetch_related(
                Prefetch("teams", queryset=Team.objects.select_related("institution")),
                Prefetch("event_speakers", queryset=EventSpeaker.objects.select_related("person__affiliation")),
            )
        )

    def for_calendar(self):
        return self.prefetch_related(
            Prefetch("event_speakers", queryset=EventSpeaker.objects.select_related("person"))
        ).order_by("start", "pk")


class Event(Audited, Publishable, LockVersioned, SearchIndexed, models.Model):
    # Addresses under /events/ that are not events.
    RESERVED_SLUGS = {"past", "feed"}

    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("Seminar")
        THESIS_DEFENCE = "thesis-defence", _("Thesis defence")
        CONFERENCE = "conference", _("Conference")
        OTHER = "other", _("Event")

    title = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="The end of the address. Leave empty to make it from the title.",
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.SEMINAR)
    summary = models.TextField(blank=True, help_text="One or two sentences, shown in lists and calendars.")
    body = models.TextField(blank=True, help_text="Formatting is kept; scripts and styles are removed on save.")
    start = models.DateTimeField(help_text="In the event's time zone.")
    end = models.DateTimeField(help_text="In the event's time zone.")
    # The names come from the time zone database, not from choices, so that an update of it needs no migration.
    time_zone = models.CharField(
        max_length=64, default=default_time_zone, validators=[validate_time_zone], help_text="e.g. Europe/Paris."
    )
    venue = models.CharField(max_length=255, blank=True, help_text="Room, building and address.")
    online_url = models.URLField("online link", blank=True, help_text="Where to follow the event online.")
    registration_url = models.URLField("registration link", blank=True)
    speakers = models.ManyToManyField(Person, through="EventSpeaker", related_name="events", blank=True)
    teams = models.ManyToManyField(Team, related_name="events", blank=True, help_text="The organising teams.")
    lead_image = models.ForeignKey(Image, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    objects = EventQuerySet.as_manager()

    search_parts = (("title", "A", ROW_LANGUAGE), ("summary", "B", ROW_LANGUAGE), ("body", "C", ROW_LANGUAGE))

    class Meta:
        ordering = ["-start", "-pk"]
        indexes = [models.Index(fields=["status", "publish_at"]), models.Index(fields=["end"])]
        permissions = [
            ("publish_event", "Can publish, schedule, send back and unpublish events"),
            ("restore_event", "Can restore events from the trash"),
            ("purge_event", "Can purge events from the trash for good"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("newsroom:event-detail", args=[self.slug])

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in self.RESERVED_SLUGS:
            errors["slug"] = f"“{self.slug}” is used by another page of the site; please choose another."
        if self.start and self.end and self.end < self.start:
            errors["end"] = "An event cannot end before it starts."
        if not (self.venue or self.online_url):
            errors["venue"] = "Say where the event takes place: a venue, an online link or both."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, reserved=self.RESERVED_SLUGS)
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)
        self.refresh_search_vector()

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.start.astimezone(self.zone)

    @property
    def local_end(self):
        return self.end.astimezone(self.zone)

    @property
    def attendance_mode(self):
        """schema.org's eventAttendanceMode, from where the event takes place."""
        if self.venue and self.online_url:
            return "MixedEventAttendanceMode"
        return "OnlineEventAttendanceMode" if self.online_url else "OfflineEventAttendanceMode"

    @property
    def speaker_list(self):
        return [link.person for link in self.event_speakers.all()]


class EventSpeaker(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="event_speakers")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="speaker_links")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "speaker"
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="unique_event_speaker")]

    def __str__(self):
        return str(self.person)
