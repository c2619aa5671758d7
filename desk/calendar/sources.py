"""Where the calendar's items come from: one function per source, each giving what a user may see.

A new dated kind (embargo lifts) is one more function in ``SOURCES``. The kind filter names an
article kind (``news``), every event (``events``) or one kind of event (``event:seminar``).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.workflow import may_publish
from newsroom.models import Article, Event
from research.access import works_on_all_teams
from research.models import Team


def visible_articles(user):
    """The articles this user may open in the admin: all of them for communications staff, else
    those of the teams they work on (as the article list shows them)."""
    articles = Article.objects.not_trashed()
    if not user.has_perm("newsroom.view_article"):
        return articles.none()
    if works_on_all_teams(user):
        return articles
    return articles.filter(pk__in=Article.objects.filter(teams__in=Team.objects.editable_by(user)).values("pk"))


@dataclass
class Filters:
    team: Team | None = None
    kind: str = ""

    @property
    def event_kind(self):
        """The kind of event asked for, "" for every event, or None when events are not asked for."""
        if self.kind == EVERY_EVENT:
            return ""
        if self.kind.startswith(EVENT_PREFIX):
            return self.kind.removeprefix(EVENT_PREFIX)
        return None if self.kind else ""


EVERY_EVENT, EVENT_PREFIX = "events", "event:"


def kind_choices():
    """The kind filter's choices: the articles' kinds, then the events'."""
    return [
        *Article.Kind.choices,
        (EVERY_EVENT, _("Events (every kind)")),
        *((f"{EVENT_PREFIX}{value}", _("Event: %(kind)s") % {"kind": label}) for value, label in Event.Kind.choices),
    ]


def known_kind(kind):
    return kind if kind in {value for value, _label in kind_choices()} else ""


@dataclass
class CalendarItem:
    when: datetime
    title: str
    state: str
    category: str
    admin_url: str
    uid: str
    publishable: Article | Event | None = None  # what a reschedule moves: an article, an event's page
    may_reschedule: bool = False
    end: datetime | None = None  # an event's end; other items are a moment


def article_state(article):
    """The publishing state of an article (or of another publishable kind, an event's page)."""
    if article.status != Article.Status.PUBLISHED:
        return _("Planned (%(status)s)") % {"status": article.get_status_display()}
    return _("Scheduled") if article.is_scheduled else _("Published")


def filtered_articles(user, filters, **dated):
    """The articles this user may see with a date in the range, narrowed by the filters: none when
    only events are asked for."""
    if filters.kind and filters.event_kind is not None:
        return Article.objects.none()
    queryset = visible_articles(user).filter(**dated)
    if filters.team:
        queryset = queryset.filter(teams=filters.team)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    return queryset


def articles(user, start, end, filters):
    """Published and scheduled articles by their publish time, and drafts with a planned time."""
    queryset = filtered_articles(user, filters, publish_at__gte=start, publish_at__lt=end)
    queryset = queryset.order_by("publish_at", "pk").prefetch_related(
        Prefetch("teams", queryset=Team.objects.only("pk", "acronym"))
    )
    publisher = user.has_perm("newsroom.publish_article")
    return [
        CalendarItem(
            when=article.publish_at,
            title=article.title,
            state=article_state(article),
            category=article.get_kind_display(),
            admin_url=reverse("admin:newsroom_article_change", args=[article.pk]),
            uid=f"article-{article.pk}",
            publishable=article,
            may_reschedule=publisher and article.is_scheduled and may_publish(user, article),
        )
        for article in queryset
    ]


def visible_events(user, filters):
    if not user.has_perm("newsroom.view_event") or filters.event_kind is None:
        return Event.objects.none()
    queryset = Event.objects.not_trashed()
    if filters.team:
        queryset = queryset.filter(teams=filters.team)
    if filters.event_kind:
        queryset = queryset.filter(kind=filters.event_kind)
    return queryset


def event_item(event, when, state, uid, end=None, may_reschedule=False):
    return CalendarItem(
        when=when,
        title=event.title,
        state=state,
        category=_("Event: %(kind)s") % {"kind": event.get_kind_display()},
        admin_url=reverse("admin:newsroom_event_change", args=[event.pk]),
        uid=uid,
        end=end,
        publishable=event,
        may_reschedule=may_reschedule,
    )


def events(user, start, end, filters):
    """Events on the days they take place, and when their page is (or is planned to be) published."""
    queryset = visible_events(user, filters)
    held = queryset.filter(start__lt=end, end__gte=start).order_by("start", "pk")
    items = [event_item(event, event.start, _("Takes place"), f"event-{event.pk}", event.end) for event in held]
    announced = queryset.filter(publish_at__gte=start, publish_at__lt=end).order_by("publish_at", "pk")
    publisher = user.has_perm("newsroom.publish_event")
    return items + [
        event_item(
            event,
            event.publish_at,
            article_state(event),
            f"event-page-{event.pk}",
            may_reschedule=publisher and event.is_scheduled and may_publish(user, event),
        )
        for event in announced
    ]


def embargo_lifts(user, start, end, filters):
    """The moments embargoed releases (published or planned) become public."""
    queryset = filtered_articles(user, filters, embargo_until__gte=start, embargo_until__lt=end)
    queryset = queryset.exclude(status=Article.Status.UNPUBLISHED).order_by("embargo_until", "pk")
    return [
        CalendarItem(
            when=article.embargo_until,
            title=article.title,
            state=_("Embargo lifts") if article.embargo_pending else _("Embargo lifted"),
            category=article.get_kind_display(),
            admin_url=reverse("admin:newsroom_article_change", args=[article.pk]),
            uid=f"embargo-{article.pk}",
        )
        for article in queryset
    ]


SOURCES = [articles, embargo_lifts, events]


def calendar_items(user, start, end, filters=None):
    """Every source's items between ``start`` (included) and ``end``, in time order."""
    filters = filters or Filters()
    items = [item for source in SOURCES for item in source(user, start, end, filters)]
    return sorted(items, key=lambda item: (item.when, item.uid))
