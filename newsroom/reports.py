"""Outreach reports for funders: the public articles that acknowledge a grant or a funder, as CSV."""

import csv

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .models import Article

COLUMNS = (_("Title"), _("Date"), _("URL"), _("Teams"), _("Grants acknowledged"))
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def articles_acknowledging_grant(grant):
    return grant.articles.live().for_report()


def articles_acknowledging_funder(funder):
    return Article.objects.live().acknowledging(funder).for_report()


def spreadsheet_safe(value):
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def report_row(article, request, funder):
    grants = [grant.award_number for grant in article.grants.all() if grant.funder_id == funder.pk]
    return (
        article.title,
        article.publish_at.date().isoformat(),
        request.build_absolute_uri(article.get_absolute_url()),
        "; ".join(team.display_name for team in article.teams.all()),
        "; ".join(grants),
    )


def outreach_csv(articles, request, funder, name):
    """A CSV download of ``articles`` for the outreach report of ``funder`` (or one of its grants)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="outreach-{slugify(name) or "report"}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8 (Cyrillic, accents)
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for article in articles:
        writer.writerow([spreadsheet_safe(cell) for cell in report_row(article, request, funder)])
    return response
