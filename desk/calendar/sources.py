"""Where the calendar's items come from: one function per source, each giving what a user may see.

A new dated kind (events, embargo lifts) is one more function in ``SOURCES``.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.workflow import may_publish
from newsroom.models import Article
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


@dataclass
class CalendarItem:
    when: datetime
    title: str
    state: str
    category: str
    admin_url: str
    uid: str
    article: Article | None = None
    may_reschedule: bool = False


def article_state(article):
    if article.status != Article.Status.PUBLISHED:
        return _("Planned (%(status)s)") % {"status": article.get_status_display()}
    return _("Scheduled") if article.is_scheduled else _("Published")


def filtered(queryset, filters):
    if filters.team:
        queryset = queryset.filter(teams=filters.team)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    return queryset


def articles(user, start, end, filters):
    """Published and scheduled articles by their publish time, and drafts with a planned time."""
    queryset = filtered(visible_articles(user).filter(publish_at__gte=start, publish_at__lt=end), filters)
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
            article=article,
            may_reschedule=publisher and article.is_scheduled and may_publish(user, article),
        )
        for article in queryset
    ]


def embargo_lifts(user, start, end, filters):
    """The moments embargoed releases (published or planned) become public."""
    queryset = visible_articles(user).filter(embargo_until__gte=start, embargo_until__lt=end)
    queryset = filtered(queryset, filters).exclude(status=Article.Status.UNPUBLISHED).order_by("embargo_until", "pk")
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


SOURCES = [articles, embargo_lifts]


def calendar_items(user, start, end, filters=None):
    """Every source's items between ``start`` (included) and ``end``, in time order."""
    filters = filters or Filters()
    items = [item for source in SOURCES for item in source(user, start, end, filters)]
    return sorted(items, key=lambda item: (item.when, item.uid))
