"""The annual report's export: the articles published in a period, optionally of one team, with
their research links, as CSV (for a spreadsheet) or JSON (for a script)."""

import csv

from django import forms
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from research.models import Grant, Team

from .models import Article, ArticlePartner, ArticlePerson
from .reports import spreadsheet_safe

COLUMNS = (
    "id",
    "title",
    "kind",
    "language",
    "published",
    "url",
    "teams",
    "people",
    "publications",
    "grants",
    "partners",
)


class AnnualReportForm(forms.Form):
    published_from = forms.DateField(label=_("Published from"), widget=forms.DateInput(attrs={"type": "date"}))
    published_until = forms.DateField(
        label=_("Published until"), help_text=_("Included."), widget=forms.DateInput(attrs={"type": "date"})
    )
    team = forms.ModelChoiceField(Team.objects.all(), label=_("Team"), required=False, empty_label=_("All teams"))
    file_format = forms.ChoiceField(label=_("Format"), choices=(("csv", "CSV"), ("json", "JSON")))

    def clean(self):
        data = super().clean()
        start, end = data.get("published_from"), data.get("published_until")
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the period must not come before its start."))
        return data

    def articles(self):
        """Articles that went out in the period: published and due, expired ones too, not in the trash."""
        data = self.cleaned_data
        articles = Article.objects.not_trashed().filter(
            status=Article.Status.PUBLISHED,
            publish_at__lte=timezone.now(),
            publish_at__date__gte=data["published_from"],
            publish_at__date__lte=data["published_until"],
        )
        if data["team"]:
            articles = articles.filter(teams=data["team"])
        return articles.order_by("publish_at", "pk").prefetch_related(
            Prefetch("teams", queryset=Team.objects.only("pk", "acronym", "name", "slug")),
            Prefetch("article_people", queryset=ArticlePerson.objects.select_related("person")),
            "publications",
            Prefetch("grants", queryset=Grant.objects.select_related("funder")),
            Prefetch("partnerships", queryset=ArticlePartner.objects.select_related("organisation")),
        )


def report_item(article, request):
    return {
        "id": article.pk,
        "title": article.title,
        "kind": article.kind,
        "language": article.language,
        "published": article.publish_at.isoformat(),
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "teams": [{"acronym": team.acronym, "name": team.name} for team in article.teams.all()],
        "people": [{"name": person.full_name, "orcid": person.orcid or ""} for person in article.featured_people],
        "publications": [
            {"title": publication.title, "doi": publication.doi or "", "pmid": publication.pmid or ""}
            for publication in article.publications.all()
        ],
        "grants": [{"funder": grant.funder.name, "award_number": grant.award_number} for grant in article.grants.all()],
        "partners": [
            {"name": partnership.organisation.name, "role": partnership.role}
            for partnership in article.partnerships.all()
        ],
    }


def joined(values):
    return "; ".join(" ".join(str(part) for part in value.values() if part) for value in values)


def csv_response(items, name):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8 (Cyrillic, accents)
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for item in items:
        row = [joined(item[column]) if isinstance(item[column], list) else item[column] for column in COLUMNS]
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response


def json_response(items, name):
    response = JsonResponse(items, safe=False, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


def export(form, request):
    data = form.cleaned_data
    name = f"articles-{data['published_from']}-{data['published_until']}"
    if data["team"]:
        name += f"-{data['team'].slug}"
    items = [report_item(article, request) for article in form.articles()]
    return (csv_response if data["file_format"] == "csv" else json_response)(items, name)
