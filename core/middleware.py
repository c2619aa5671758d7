"""Middleware shared by the apps."""

from django.core.exceptions import TooManyFieldsSent
from django.http import QueryDict


def query_string_middleware(get_response):
    """Refuse a query string that cannot be parsed (too many fields) with a 400 before any view runs.

    Django raises the error only where ``request.GET`` is first read: a view that never reads it
    would answer normally, or its 404 page, whose metadata reads it, would fail with a 500. Reading
    it here, and leaving an empty one for the error page, makes every page answer 400.
    """

    def middleware(request):
        try:
            request.GET  # noqa: B018 -- parsed now, so the error is raised here
        except TooManyFieldsSent:
            request.GET = QueryDict()
            raise
        return get_response(request)

    return middleware
