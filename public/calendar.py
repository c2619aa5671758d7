"""iCalendar (RFC 5545) files of events: one per event, and feeds of all events or a team's.

icalendar (some eighty modules) is imported when a calendar is asked for, not by every web worker.
"""

from django.http import HttpResponse
from django.utils.html import strip_tags

PRODUCT = "-//Newsroom//Events//EN"


def calendar_event(event, url, site):
    from icalendar import Event as CalendarEvent
    from icalendar import vCalAddress, vText

    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}@{site.short_name or 'newsroom'}".replace(" ", "-"))
    entry.add("summary", event.title)
    entry.add("dtstart", event.local_start)
    entry.add("dtend", event.local_end)
    entry.add("dtstamp", event.updated_at)
    entry.add("url", url(event.get_absolute_url()))
    description = "\n\n".join(filter(None, [event.summary, strip_tags(event.body).strip(), event.online_url]))
    if description:
        entry.add("description", description)
    if event.venue or event.online_url:
        entry.add("location", event.venue or event.online_url)
    entry.add("categories", [event.get_kind_display()])
    for person in event.speaker_list:
        attendee = vCalAddress(f"urn:x-person:{person.slug}")
        attendee.params["cn"] = vText(person.full_name)
        attendee.params["role"] = vText("CHAIR")
        entry.add("attendee", attendee, encode=0)
    return entry


def calendar_response(events, request, site, name, filename):
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(calendar_event(event, request.build_absolute_uri, site))
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response
