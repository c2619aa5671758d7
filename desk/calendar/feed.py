"""The private iCalendar feed of one staff member: ``/desk/calendar/<token>.ics``.

Whoever holds the address sees what its owner may see in the admin, so an unknown or revoked token,
or a user who may no longer log in, is a 404.
"""

import re
from datetime import timedelta

import icalendar
from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import CalendarFeed, DeskProfile
from .sources import calendar_items

# The window a calendar application keeps in sync: the past quarter and the coming year.
DAYS_BEFORE = 92
DAYS_AFTER = 366
ITEM_MINUTES = 30
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def feed_owner(token):
    if not TOKEN.fullmatch(token):  # nothing a database could choke on (a NUL byte) reaches it
        raise Http404("No such calendar.")
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not (feed.user.is_active and feed.user.is_staff):
        raise Http404("No such calendar.")
    return feed.user


def calendar_for(user, request):
    now = timezone.now()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Newsroom//Editorial calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Editorial calendar"))
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for item in calendar_items(user, now - timedelta(days=DAYS_BEFORE), now + timedelta(days=DAYS_AFTER)):
        event = icalendar.Event()
        event.add("uid", f"{item.uid}@{request.get_host()}")
        event.add("dtstamp", now)
        event.add("dtstart", item.when)
        event.add("dtend", item.when + timedelta(minutes=ITEM_MINUTES))
        event.add("summary", f"{item.title} ({item.state})")
        event.add("categories", [str(item.category)])
        event.add("url", request.build_absolute_uri(item.admin_url))
        cal.add_component(event)
    return cal


def calendar_feed(request, token):
    user = feed_owner(token)
    # The owner's calendar application asks without them: the feed is in the language they chose.
    language = DeskProfile.objects.filter(user=user).values_list("language", flat=True).first()
    with translation.override(language or settings.LANGUAGE_CODE):
        content = calendar_for(user, request).to_ical()
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
