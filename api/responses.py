"""Answers of the API: items checked against their schema, narrowed by ``?fields=``, in pages."""

from datetime import UTC, datetime

from django.http import JsonResponse
from django.utils import timezone
from ninja import Query
from ninja.errors import HttpError

from . import pagination
from .schemas import Error

ERRORS = {400: Error, 404: Error, 429: Error}
LIMIT = Query(20, ge=1, le=100, description="Items per page, 1 to 100.")
CURSOR = Query(None, max_length=500, description="The `next` link's cursor, to read the following page.")
FIELDS = Query(
    None,
    max_length=500,
    description="Comma-separated field names to keep, e.g. `title,url` (`id` is always kept).",
)


def chosen_fields(fields, schema):
    if not fields:
        return None
    names = {name.strip() for name in fields.split(",") if name.strip()}
    unknown = names - set(schema.model_fields)
    if unknown:
        known = ", ".join(schema.model_fields)
        raise HttpError(400, f"Unknown field(s): {', '.join(sorted(unknown))}. The fields are: {known}.")
    return names | {"id"}


def dump(schema, data, fields):
    return schema.model_validate(data).model_dump(mode="json", include=fields)


def item(schema, data, fields=None):
    return JsonResponse(dump(schema, data, chosen_fields(fields, schema)))


def items(request, schema, serializer, queryset, order, cursor, limit, fields):
    names = chosen_fields(fields, schema)
    rows, next_url = pagination.page(request, queryset, order, cursor, limit)
    return JsonResponse({"items": [dump(schema, serializer(request, row), names) for row in rows], "next": next_url})


def aware(moment: datetime | None):
    """A time given without a zone is read in the institute's time zone; every time is then given
    to the database in UTC, since PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows."""
    if moment is None:
        return None
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise HttpError(400, f"{moment.isoformat()} is outside the times this site can search.") from None
