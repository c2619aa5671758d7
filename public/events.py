"""The public pages of events: upcoming and past, one page each, and iCalendar files."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from newsroom.models import Event, SiteSettings
from research.models import Team

from .calendar import calendar_response


class UpcomingEventListView(ListView):
    template_name = "newsroom/event_list.html"
    paginate_by = 12
    past = False

    def get_queryset(self):
        events = Event.objects.past() if self.past else Event.objects.upcoming()
        return events.for_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(past=self.past, **kwargs)


class EventDetailView(DetailView):
    def get_queryset(self):
        return Event.objects.live().for_detail()


def event_calendar(request, slug):
    event = get_object_or_404(Event.objects.live().for_calendar(), slug=slug)
    return calendar_response([event], request, SiteSettings.load(), event.title, event.slug)


def events_calendar(request):
    site = SiteSettings.load()
    name = _("Events of %(institute)s") % {"institute": site.institute_name}
    return calendar_response(Event.objects.live().for_calendar(), request, site, name, "events")


def team_events_calendar(request, slug):
    team = get_object_or_404(
        Team.objects.active().prefetch_related(
            Prefetch("events", queryset=Event.objects.live().for_calendar(), to_attr="live_events")
        ),
        slug=slug,
    )
    name = _("Events of %(team)s") % {"team": team.display_name}
    return calendar_response(team.live_events, request, SiteSettings.load(), name, f"events-{team.slug}")
