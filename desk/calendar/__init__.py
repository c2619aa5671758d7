"""The editorial calendar: items from a few sources (``sources.SOURCES``), shown by month or week
in the admin and as each staff member's private iCalendar feed."""
