"""The dashboard on the admin's first page: what waits for the user (``work``) and what the
institute published (``output``)."""

from .output import output_charts
from .work import counts, next_scheduled, recent_activity


def dashboard(user):
    return {
        "counts": counts(user),
        "next_scheduled": next_scheduled(user),
        "activity": recent_activity(user),
        "charts": output_charts(),
    }
