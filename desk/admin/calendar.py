"""The calendar in the admin: ``/admin/desk/calendar/`` by month or week, with filters, rescheduling
for those who may schedule (through ``core.workflow.schedule``) and the private feed's address."""

import re

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.dates import when_text
from core.workflow import ScheduleForm, WorkflowError
from newsroom.models import Article
from research.models import Team

from ..calendar.periods import period_from_query
from ..calendar.sources import Filters, calendar_items, visible_articles
from ..models import CalendarFeed


def filters_from_query(request):
    """The team and kind filters; an unknown value is no filter, never an error."""
    team_id = request.GET.get("team", "")
    team = Team.objects.filter(pk=team_id).first() if re.fullmatch(r"[0-9]{1,18}", team_id) else None
    kind = request.GET.get("kind", "")
    return Filters(team=team, kind=kind if kind in Article.Kind.values else "")


def filter_query(filters):
    parts = [f"team={filters.team.pk}"] if filters.team else []
    return "&".join(parts + ([f"kind={filters.kind}"] if filters.kind else []))


def days_of(period, items):
    """The period's weeks as lists of (day, items that day, in the institute's time zone)."""
    by_day = {}
    for item in items:
        by_day.setdefault(timezone.localtime(item.when).date(), []).append(item)
    return [[(day, by_day.get(day, []), day.month == period.first.month) for day in week] for week in period.weeks()]


def calendar_view(request):
    if not request.user.has_perm("newsroom.view_article"):
        raise PermissionDenied
    period = period_from_query(request.GET)
    filters = filters_from_query(request)
    items = calendar_items(request.user, period.start, period.end, filters)
    for item in items:
        if item.may_reschedule:
            item.form = ScheduleForm(item=item.article, auto_id=f"id_reschedule_{item.article.pk}_%s")
    feed = CalendarFeed.objects.filter(user=request.user).first()
    context = {
        **admin.site.each_context(request),
        "title": _("Editorial calendar"),
        "period": period,
        "weeks": days_of(period, items),
        "items": items,
        "filters": filters,
        "filter_query": filter_query(filters),
        "teams": Team.objects.order_by("acronym").only("pk", "acronym"),
        "kinds": Article.Kind.choices,
        "feed_url": request.build_absolute_uri(feed.get_absolute_url()) if feed else "",
        "here": request.get_full_path(),
    }
    return TemplateResponse(request, "desk/calendar/calendar.html", context)


def back_to_calendar(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("desk-calendar")


@require_POST
def reschedule_view(request, article_id):
    article = get_object_or_404(visible_articles(request.user), pk=article_id)
    form = ScheduleForm(request.POST, item=article)
    try:
        form.apply(article, request.user)
    except WorkflowError as error:
        messages.error(request, _("“%(title)s” was not rescheduled: %(reason)s") % {"title": article, "reason": error})
    else:
        messages.success(
            request,
            _("“%(title)s” now goes live %(when)s.") % {"title": article, "when": when_text(article.publish_at)},
        )
    return back_to_calendar(request)


@require_POST
def feed_view(request):
    if request.POST.get("action") == "revoke":
        CalendarFeed.revoke(request.user)
        messages.success(request, _("Your calendar feed address was revoked: it no longer works."))
    else:
        CalendarFeed.regenerate(request.user)
        messages.success(request, _("Your calendar feed has a new private address; any earlier one no longer works."))
    return back_to_calendar(request)


def admin_urls():
    """The calendar's addresses under /admin/, before the admin site's own (config/urls.py)."""
    wrap = admin.site.admin_view
    return [
        path("desk/calendar/", wrap(calendar_view), name="desk-calendar"),
        path("desk/calendar/reschedule/<int:article_id>/", wrap(reschedule_view), name="desk-reschedule"),
        path("desk/calendar/feed/", wrap(feed_view), name="desk-calendar-feed-address"),
    ]
