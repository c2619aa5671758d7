"""Publications, with the same filters as their exports (BibTeX, RIS, CSL-JSON, formatted list)."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Query, Router

from research.exports import FORMATS, export_response
from research.models import Person, Team

from .. import queries, schemas, serializers
from ..responses import CURSOR, ERRORS, FIELDS, LIMIT, item, items

router = Router(tags=["publications"])
TEAM = Query(None, max_length=80, description="A team's slug.")
PERSON = Query(None, max_length=80, description="An author's slug.")
ORDER = ("id",)


def filtered(team, person, published_after=None, published_before=None):
    queryset = queries.publications()
    if team:
        queryset = queryset.filter(teams__in=Team.objects.active().filter(slug=team))
    if person:
        queryset = queryset.filter(authors__person__in=Person.objects.filter(slug=person)).distinct()
    if published_after:
        queryset = queryset.filter(published_on__gte=published_after)
    if published_before:
        queryset = queryset.filter(published_on__lt=published_before)
    return queryset


@router.get(
    "/publications", response={200: schemas.page_of(schemas.Publication), **ERRORS}, url_name="publication-list"
)
def publication_list(
    request,
    team: str | None = TEAM,
    person: str | None = PERSON,
    published_after: date | None = None,
    published_before: date | None = None,
    cursor: str | None = CURSOR,
    limit: int = LIMIT,
    fields: str | None = FIELDS,
):
    queryset = filtered(team, person, published_after, published_before)
    return items(request, schemas.Publication, serializers.publication, queryset, ORDER, cursor, limit, fields)


def export_operation(file_format, summary):
    content_type = FORMATS[file_format][0].split(";")[0]
    schema = {"type": "array", "items": {"type": "object"}} if file_format == "json" else {"type": "string"}
    responses = {200: {"description": summary, "content": {content_type: {"schema": schema}}}}

    @router.get(
        f"/publications/export.{file_format}",
        response={200: None, **ERRORS},
        url_name=f"publication-export-{file_format}",
        summary=summary,
        openapi_extra={"responses": responses},
    )
    def export(request, team: str | None = TEAM, person: str | None = PERSON):
        """Every publication of a team, of a person, or of the whole institute, newest first."""
        queryset = filtered(team, person).order_by("-published_on", "title", "pk")
        return export_response(queryset, file_format, "-".join(filter(None, ("publications", team, person))))

    export.__name__ = f"publication_export_{file_format}"
    return export


for file_format, summary in (
    ("bib", "Publications as BibTeX"),
    ("ris", "Publications as RIS"),
    ("json", "Publications as CSL-JSON"),
    ("txt", "Publications as a formatted list"),
):
    export_operation(file_format, summary)


@router.get(
    "/publications/{publication_id}", response={200: schemas.Publication, **ERRORS}, url_name="publication-detail"
)
def publication_detail(request, publication_id: int, fields: str | None = FIELDS):
    publication = get_object_or_404(queries.publications(), pk=publication_id)
    return item(schemas.Publication, serializers.publication(request, publication), fields)
