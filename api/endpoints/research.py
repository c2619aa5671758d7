"""Teams (active ones), people, grants, partner organisations and keywords."""

from enum import StrEnum

from django.shortcuts import get_object_or_404
from ninja import Query, Router

from research.models import Organisation as OrganisationModel

from .. import queries, schemas, serializers
from ..responses import CURSOR, ERRORS, FIELDS, LIMIT, item, items

router = Router()
BY_ID = ("id",)
OrganisationKind = StrEnum("OrganisationKind", {kind.value: kind.value for kind in OrganisationModel.Kind})
TEAM = Query(None, max_length=80, description="A team's slug.")


@router.get("/teams", response={200: schemas.page_of(schemas.Team), **ERRORS}, url_name="team-list", tags=["teams"])
def team_list(
    request,
    keyword: str | None = Query(None, max_length=100, description="A keyword's slug."),
    cursor: str | None = CURSOR,
    limit: int = LIMIT,
    fields: str | None = FIELDS,
):
    """Active teams."""
    queryset = queries.teams()
    if keyword:
        queryset = queryset.filter(keywords__slug=keyword)
    return items(request, schemas.Team, serializers.team, queryset, BY_ID, cursor, limit, fields)


@router.get("/teams/{slug}", response={200: schemas.Team, **ERRORS}, url_name="team-detail", tags=["teams"])
def team_detail(request, slug: str, fields: str | None = FIELDS):
    return item(schemas.Team, serializers.team(request, get_object_or_404(queries.teams(), slug=slug)), fields)


@router.get(
    "/people", response={200: schemas.page_of(schemas.Person), **ERRORS}, url_name="person-list", tags=["people"]
)
def person_list(
    request, team: str | None = TEAM, cursor: str | None = CURSOR, limit: int = LIMIT, fields: str | None = FIELDS
):
    """Researchers and staff; `team` keeps the current members of one team."""
    queryset = queries.people()
    if team:
        queryset = queryset.filter(
            pk__in=queries.active_teams().filter(slug=team, memberships__ended_on__isnull=True).values("members")
        )
    return items(request, schemas.Person, serializers.person, queryset, BY_ID, cursor, limit, fields)


@router.get("/people/{slug}", response={200: schemas.Person, **ERRORS}, url_name="person-detail", tags=["people"])
def person_detail(request, slug: str, fields: str | None = FIELDS):
    return item(schemas.Person, serializers.person(request, get_object_or_404(queries.people(), slug=slug)), fields)


@router.get("/grants", response={200: schemas.page_of(schemas.Grant), **ERRORS}, url_name="grant-list", tags=["grants"])
def grant_list(
    request, team: str | None = TEAM, cursor: str | None = CURSOR, limit: int = LIMIT, fields: str | None = FIELDS
):
    queryset = queries.grants()
    if team:
        queryset = queryset.filter(teams__slug=team, teams__is_active=True)
    return items(request, schemas.Grant, serializers.grant, queryset, BY_ID, cursor, limit, fields)


@router.get("/grants/{grant_id}", response={200: schemas.Grant, **ERRORS}, url_name="grant-detail", tags=["grants"])
def grant_detail(request, grant_id: int, fields: str | None = FIELDS):
    return item(schemas.Grant, serializers.grant(request, get_object_or_404(queries.grants(), pk=grant_id)), fields)


@router.get(
    "/organisations",
    response={200: schemas.page_of(schemas.Organisation), **ERRORS},
    url_name="organisation-list",
    tags=["organisations"],
)
def organisation_list(
    request,
    kind: OrganisationKind | None = None,
    cursor: str | None = CURSOR,
    limit: int = LIMIT,
    fields: str | None = FIELDS,
):
    """Partners, funders and institutions."""
    queryset = queries.organisations()
    if kind:
        queryset = queryset.filter(kind=kind)
    return items(request, schemas.Organisation, serializers.organisation, queryset, BY_ID, cursor, limit, fields)


@router.get(
    "/organisations/{slug}",
    response={200: schemas.Organisation, **ERRORS},
    url_name="organisation-detail",
    tags=["organisations"],
)
def organisation_detail(request, slug: str, fields: str | None = FIELDS):
    organisation = get_object_or_404(queries.organisations(), slug=slug)
    return item(schemas.Organisation, serializers.organisation(request, organisation), fields)


@router.get(
    "/keywords", response={200: schemas.page_of(schemas.Keyword), **ERRORS}, url_name="keyword-list", tags=["keywords"]
)
def keyword_list(request, cursor: str | None = CURSOR, limit: int = LIMIT, fields: str | None = FIELDS):
    """Keywords of live articles and active teams."""
    return items(request, schemas.Keyword, serializers.keyword, queries.keywords(), BY_ID, cursor, limit, fields)


@router.get("/keywords/{slug}", response={200: schemas.Keyword, **ERRORS}, url_name="keyword-detail", tags=["keywords"])
def keyword_detail(request, slug: str, fields: str | None = FIELDS):
    return item(schemas.Keyword, serializers.keyword(request, get_object_or_404(queries.keywords(), slug=slug)), fields)
