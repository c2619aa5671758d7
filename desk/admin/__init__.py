"""The desk's admin pages, one module per concern. The dashboard is drawn on the admin's first page
by ``{% desk_dashboard %}`` (desk/templatetags/desk_dashboard.py)."""

from . import calendar, inbox, media_requests  # noqa: F401  (inbox registers the inbox, with the comment pages)
