"""The desk's admin pages, one module per concern."""

from . import calendar, dashboard  # noqa: F401
