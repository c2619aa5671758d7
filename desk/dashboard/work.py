"""What waits for one user: their counts, the next scheduled items and the recent activity,
among the articles they may see (a researcher, their teams' only)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.models import Article, EditorialEvent

from ..calendar.periods import month_of, week_of
from ..calendar.sources import visible_articles

NEXT_SCHEDULED = 10
ACTIVITY = 10


@dataclass
class Count:
    slug: str
    label: str
    number: int
    url: str


def article_list(query):
    return f"{reverse('admin:newsroom_article_changelist')}?{query}"


def counts(user):
    articles = visible_articles(user)
    today = timezone.localdate()
    week, month = week_of(today), month_of(today)
    now = timezone.now()
    figures = [
        Count("mine", _("My drafts"), articles.filter(status=Article.Status.DRAFT, authors=user).count(), "view=mine"),
    ]
    if user.has_perm("newsroom.publish_article"):
        waiting = articles.filter(Q(status=Article.Status.IN_REVIEW) | Q(pending_submitted_at__isnull=False))
        figures.append(Count("review", _("Awaiting my review"), waiting.count(), "view=review"))
    scheduled = articles.scheduled().filter(publish_at__lt=week.end)
    figures.append(Count("week", _("Scheduled this week"), scheduled.count(), "view=scheduled"))
    published = articles.live().filter(publish_at__gte=month.start, publish_at__lte=now)
    this_month = f"status=published&publish_at__year={today.year}&publish_at__month={today.month}"
    figures.append(Count("month", _("Published this month"), published.count(), this_month))
    for figure in figures:
        figure.url = article_list(figure.url)
    return figures


def next_scheduled(user):
    upcoming = visible_articles(user).scheduled().order_by("publish_at", "pk")
    return list(upcoming.only("pk", "title", "kind", "status", "publish_at")[:NEXT_SCHEDULED])


def recent_activity(user):
    """The latest audit entries of articles the user may see (purged ones only for staff of all teams)."""
    events = EditorialEvent.objects.select_related("user").order_by("-created_at", "-pk")
    if not user.has_perm("research.work_on_all_teams"):
        events = events.filter(article__in=visible_articles(user))
    since = timezone.now() - timedelta(days=30)
    return list(events.filter(created_at__gte=since)[:ACTIVITY])
