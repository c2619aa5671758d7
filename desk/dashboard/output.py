"""What the institute published: live articles per month by team and by kind over the last twelve
months, and acknowledgements per funder per year. Live articles are public, so every user sees
the same figures. Each chart is a few grouped queries, whatever the number of articles."""

from collections import Counter
from datetime import date

from django.db.models import Count
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from newsroom.models import Article, ArticlePartner

from ..calendar.periods import local_midnight
from ..charts import stacked_bars

MONTHS = 12
YEARS = 5


def last_months(today):
    """The first days of the last twelve months, oldest first, this month included."""
    months, year, month = [], today.year, today.month
    for _step in range(MONTHS):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def monthly(group_field, months):
    """``{(first day of month, group value): number of live articles}``."""
    rows = (
        Article.objects.live()
        .filter(publish_at__gte=local_midnight(months[0]))
        .annotate(month=TruncMonth("publish_at"))
        .values("month", group_field)
        .annotate(number=Count("pk", distinct=True))
        .order_by()
    )
    return {(row["month"].date(), row[group_field]): row["number"] for row in rows}


def series_over(figures, months, labels):
    return [(label, [figures.get((month, key), 0) for month in months]) for key, label in labels]


def by_team_chart(months, names):
    figures = monthly("teams__acronym", months)
    teams = sorted({team for _month, team in figures if team})
    labels = [(team, team) for team in teams]
    if any(team is None for _month, team in figures):
        labels.append((None, _("No team")))
    return stacked_bars(
        "by-team",
        _("Articles published per month, by team"),
        _(
            "Live articles published in each of the last twelve months, stacked by team; "
            "an article of two teams counts for each."
        ),
        names,
        series_over(figures, months, labels),
        _("Month"),
    )


def by_kind_chart(months, names):
    figures = monthly("kind", months)
    labels = [(kind, label) for kind, label in Article.Kind.choices if any(key == kind for _m, key in figures)]
    return stacked_bars(
        "by-kind",
        _("Articles published per month, by kind"),
        _("Live articles published in each of the last twelve months, stacked by kind."),
        names,
        series_over(figures, months, labels),
        _("Month"),
    )


def acknowledgements():
    """``Counter((year, funder name))`` of live articles that thank a funder, for one of its grants or
    as a supporting partner (the rule of ``ArticleQuerySet.acknowledging``), each article once per funder."""
    live = Article.objects.live().annotate(year=ExtractYear("publish_at"))
    by_grant = live.filter(grants__isnull=False).values_list("pk", "year", "grants__funder__name")
    support = live.filter(partnerships__role=ArticlePartner.Role.SUPPORT).values_list(
        "pk", "year", "partnerships__organisation__name"
    )
    pairs = set(by_grant) | set(support)
    return Counter((year, funder) for _pk, year, funder in pairs)


def acknowledgements_chart(today):
    figures = acknowledgements()
    years = list(range(today.year - YEARS + 1, today.year + 1))
    funders = sorted({funder for _year, funder in figures})
    return stacked_bars(
        "acknowledgements",
        _("Acknowledgements per funder per year"),
        _(
            "Live articles that acknowledge a grant of a funder, or the funder as a supporting partner, "
            "in each of the last five years."
        ),
        [str(year) for year in years],
        [(funder, [figures.get((year, funder), 0) for year in years]) for funder in funders],
        _("Year"),
    )


def output_charts():
    today = timezone.localdate()
    months = last_months(today)
    names = [date_format(month, "M Y") for month in months]
    return [by_team_chart(months, names), by_kind_chart(months, names), acknowledgements_chart(today)]
