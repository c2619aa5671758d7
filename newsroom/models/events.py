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
        raise ValidationError(_("“%s” is not a time zone name, such as Europe/Paris.") % name)


class EventQuerySet(PublishableQuerySet):
    def upcoming(self):
        """Live events that have not ended yet, soonest first."""
        return self.live().filter(end__gte=timezone.now()).order_by("start", "pk")

    def past(self):
        return self.live().filter(end__lt=timezone.now()).order_by("-start", "-pk")

    def for_list(self):
        return self.select_related("lead_image")

    def for_detail(self):
        return self.select_related("lead_image").prefetch_related(
            Prefetch("teams", queryset=Team.objects.select_related("institution")),
            Prefetch("event_speakers", queryset=EventSpeaker.objects.select_related("person__affiliation")),
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

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("The end of the address. Leave empty to make it from the title."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.SEMINAR)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences, shown in lists and calendars.")
    )
    body = models.TextField(
        _("body"), blank=True, help_text=_("Formatting is kept; scripts and styles are removed on save.")
    )
    start = models.DateTimeField(_("start"), help_text=_("In the event's time zone."))
    end = models.DateTimeField(_("end"), help_text=_("In the event's time zone."))
    # The names come from the time zone database, not from choices, so that an update of it needs no migration.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("e.g. Europe/Paris."),
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True, help_text=_("Room, building and address."))
    online_url = models.URLField(_("online link"), blank=True, help_text=_("Where to follow the event online."))
    registration_url = models.URLField(_("registration link"), blank=True)
    speakers = models.ManyToManyField(
        Person, through="EventSpeaker", related_name="events", blank=True, verbose_name=_("speakers")
    )
    teams = models.ManyToManyField(
        Team, related_name="events", blank=True, help_text=_("The organising teams."), verbose_name=_("teams")
    )
    lead_image = models.ForeignKey(
        Image, on_delete=models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("lead image")
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    objects = EventQuerySet.as_manager()

    search_parts = (("title", "A", ROW_LANGUAGE), ("summary", "B", ROW_LANGUAGE), ("body", "C", ROW_LANGUAGE))

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
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
            errors["slug"] = _("“%s” is used by another page of the site; please choose another.") % self.slug
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("An event cannot end before it starts.")
        if not (self.venue or self.online_url):
            errors["venue"] = _("Say where the event takes place: a venue, an online link or both.")
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
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="event_speakers", verbose_name=_("event"))
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="speaker_links", verbose_name=_("person"))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name_plural = _("speakers")
        ordering = ["order", "pk"]
        verbose_name = _("speaker")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="unique_event_speaker")]

    def __str__(self):
        return str(self.person)
