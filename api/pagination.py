"""Cursor pagination: each page ends with an opaque cursor naming its last item, and the next page
starts after it, so a page never repeats or skips an item when new ones are published meanwhile.

A cursor is the last item's sort key (e.g. publish time and id) in URL-safe base64; it is not a
secret, only opaque: clients pass back what ``next`` gave them. No count is ever given.
"""

import base64
import binascii
import json
from datetime import datetime

from django.db.models import Q
from ninja.errors import HttpError

BAD_CURSOR = "This cursor is not one the API gave out: use the `next` link of the previous page."


def encode(values):
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor, size):
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise HttpError(400, BAD_CURSOR) from None
    if not isinstance(values, list) or len(values) != size:
        raise HttpError(400, BAD_CURSOR)
    return values


def after(order, values):
    """The rows strictly after ``values`` in the order ``order`` (field names, "-" for descending)."""
    condition = Q()
    for position in reversed(range(len(order))):
        field = order[position].lstrip("-")
        lookup = "lt" if order[position].startswith("-") else "gt"
        step = Q(**{f"{field}__{lookup}": values[position]})
        condition = step if position == len(order) - 1 else step | (Q(**{field: values[position]}) & condition)
    return condition


def sort_key(item, order):
    values = []
    for field in order:
        value = getattr(item, field.lstrip("-"))
        values.append(value.isoformat() if isinstance(value, datetime) else value)
    return values


def check_types(values, order, model):
    """A decoded cursor of the right shape: a datetime field gets an ISO time, any other an integer."""
    checked = []
    for value, field in zip(values, order, strict=True):
        if model._meta.get_field(field.lstrip("-")).get_internal_type() == "DateTimeField":
            try:
                checked.append(datetime.fromisoformat(value))
            except (TypeError, ValueError):
                raise HttpError(400, BAD_CURSOR) from None
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**63:
            checked.append(value)
        else:
            raise HttpError(400, BAD_CURSOR)
    return checked


def page(request, queryset, order, cursor, limit):
    """(items of this page, URL of the next page or None), in one query for the rows."""
    queryset = queryset.order_by(*order)
    if cursor:
        values = check_types(decode(cursor, len(order)), order, queryset.model)
        queryset = queryset.filter(after(order, values))
    items = list(queryset[: limit + 1])
    if len(items) <= limit:
        return items, None
    items = items[:limit]
    query = request.GET.copy()
    query["cursor"] = encode(sort_key(items[-1], order))
    return items, request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
