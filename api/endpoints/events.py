"""Events and basic pages: only live ones, like articles; events filter by team, kind, language and dates."""

from datetime import datetime
from enum import StrEnum

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router

from newsroom.models import Event as EventModel

from .. import queries, schemas, serializers
from ..responses import CURSOR, ERRORS, FIELDS, LIMIT, aware, item, items
from .articles import UPDATED_SINCE, Language

router = Router()
EventKind = StrEnum("EventKind", {kind.value: kind.value for kind in EventModel.Kind})
BY_START = ("start", "id")
BY_ID = ("id",)
STARTS_AFTER = Query(None, description="Starting at or after this time (or date).")
STARTS_BEFORE = Query(None, description="Starting before this time (or date).")


@router.get("/events", response={200: schemas.page_of(schemas.Event), **ERRORS}, url_name="event-list", tags=["events"])
def event_list(
    request,
    team: str | None = Query(None, max_length=80, description="An organising team's slug."),
    kind: EventKind | None = None,
    language: Language | None = None,
    upcoming: bool | None = Query(None, description="true: not yet over; false: over."),
    starts_after: datetime | None = STARTS_AFTER,
    starts_before: datetime | None = STARTS_BEFORE,
    updated_since: datetime | None = UPDATED_SINCE,
    cursor: str | None = CURSOR,
    limit: int = LIMIT,
    fields: str | None = FIELDS,
):
    """Live events, soonest first."""
    filters = {
        "teams__slug": team,
        "kind": kind,
        "language": language,
        "start__gte": aware(starts_after),
        "start__lt": aware(starts_before),
        "updated_at__gte": aware(updated_since),
    }
    if upcoming is not None:
        filters["end__gte" if upcoming else "end__lt"] = timezone.now()
    queryset = queries.events().filter(**{key: value for key, value in filters.items() if value is not None})
    return items(request, schemas.Event, serializers.event, queryset, BY_START, cursor, limit, fields)


@router.get("/events/{slug}", response={200: schemas.Event, **ERRORS}, url_name="event-detail", tags=["events"])
def event_detail(request, slug: str, fields: str | None = FIELDS):
    return item(schemas.Event, serializers.event(request, get_object_or_404(queries.events(), slug=slug)), fields)


@router.get("/pages", response={200: schemas.page_of(schemas.Page), **ERRORS}, url_name="page-list", tags=["pages"])
def page_list(
    request,
    language: Language | None = None,
    updated_since: datetime | None = UPDATED_SINCE,
    cursor: str | None = CURSOR,
    limit: int = LIMIT,
    fields: str | None = FIELDS,
):
    """Live basic pages (About, Contact, Legal notice…)."""
    filters = {"language": language, "updated_at__gte": aware(updated_since)}
    queryset = queries.pages().filter(**{key: value for key, value in filters.items() if value is not None})
    return items(request, schemas.Page, serializers.page, queryset, BY_ID, cursor, limit, fields)


@router.get("/pages/{slug}", response={200: schemas.Page, **ERRORS}, url_name="page-detail", tags=["pages"])
def page_detail(request, slug: str, fields: str | None = FIELDS):
    return item(schemas.Page, serializers.page(request, get_object_or_404(queries.pages(), slug=slug)), fields)
