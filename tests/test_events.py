"""Events: upcoming and past lists, the event page and its JSON-LD, iCalendar files, the publishing rule."""

import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from factories import make_event, make_person, make_team, make_user
from sitemap_pages import whole_sitemap
from test_live_rule import EXPIRY_TIMES, PUBLISH_TIMES, expected_live

from core.publishing import Action
from newsroom.models import AuditEntry, Event
from newsroom.roles import EDITOR

pytestmark = pytest.mark.django_db
STATUSES = list(Event.Status)


def json_ld(response, kind):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.DOTALL)
    return next(data for data in map(json.loads, blocks) if data["@type"] == kind)


def parse_calendar(response):
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


@pytest.mark.parametrize("expiry", EXPIRY_TIMES)
@pytest.mark.parametrize("publish_time", PUBLISH_TIMES)
@pytest.mark.parametrize("status", STATUSES, ids=[status.value for status in STATUSES])
def test_event_is_live_only_when_published_due_and_not_expired(client, status, publish_time, expiry):
    now = timezone.now()
    publish_in, expire_in = PUBLISH_TIMES[publish_time], EXPIRY_TIMES[expiry]
    event = make_event(
        status=status, publish_at=now + publish_in, expire_at=None if expire_in is None else now + expire_in
    )
    live = expected_live(status, publish_in, expire_in)

    assert Event.objects.live().filter(pk=event.pk).exists() is live
    assert event.is_live is live
    assert client.get(event.get_absolute_url()).status_code == (200 if live else 404)
    assert client.get(f"/events/{event.slug}.ics").status_code == (200 if live else 404)
    assert (event.title in client.get("/events/").content.decode()) is live
    assert (event.title in client.get("/events/feed.ics").content.decode()) is live


def test_upcoming_and_past_lists_split_events_by_their_end(client):
    soon = make_event(title="Seminar on fibroblasts", start=timezone.now() + timedelta(days=2))
    ongoing = make_event(title="Conference now", start=timezone.now() - timedelta(hours=1), kind=Event.Kind.CONFERENCE)
    over = make_event(title="Thesis defence last month", start=timezone.now() - timedelta(days=30))

    upcoming = client.get("/events/").content.decode()
    past = client.get("/events/past/").content.decode()

    assert ongoing.title in upcoming and soon.title in upcoming and over.title not in upcoming
    assert upcoming.index(ongoing.title) < upcoming.index(soon.title)
    assert over.title in past and soon.title not in past


def test_event_page_shows_time_in_its_time_zone_and_json_ld_event(client):
    speaker = make_person(given_name="Corinne", family_name="Bousquet", honorific="Dr.")
    team = make_team(acronym="MICROPANC")
    start = datetime(2030, 3, 5, 14, 0, tzinfo=ZoneInfo("Europe/Moscow"))
    event = make_event(
        title="Thesis defence: CAF heterogeneity",
        kind=Event.Kind.THESIS_DEFENCE,
        start=start,
        end=start + timedelta(hours=3),
        time_zone="Europe/Moscow",
        venue="Tomsk NRMC, Kooperativny 5",
        online_url="https://example.org/stream",
        registration_url="https://example.org/register",
        speakers=[speaker],
        teams=[team],
    )

    response = client.get(event.get_absolute_url())
    page = response.content.decode()
    data = json_ld(response, "Event")

    assert "14:00" in page or "2 p.m." in page
    assert 'href="https://example.org/register"' in page
    assert data["startDate"] == "2030-03-05T14:00:00+03:00"
    assert data["endDate"] == "2030-03-05T17:00:00+03:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {place["@type"] for place in data["location"]} == {"Place", "VirtualLocation"}
    assert [performer["name"] for performer in data["performer"]] == ["Corinne Bousquet"]
    assert [organizer["alternateName"] for organizer in data["organizer"]] == ["MICROPANC"]
    assert data["offers"]["url"] == "https://example.org/register"


def test_online_event_has_a_virtual_location_only(client):
    event = make_event(venue="", online_url="https://example.org/webinar")

    data = json_ld(client.get(event.get_absolute_url()), "Event")

    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.org/webinar"}


def test_event_calendar_file_parses_with_its_time_zone_and_speakers(client):
    speaker = make_person(given_name="Yvan", family_name="Martineau")
    start = datetime(2030, 6, 1, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    event = make_event(title="Translation control seminar", start=start, speakers=[speaker], summary="Ribosomes.")

    calendar = parse_calendar(client.get(f"/events/{event.slug}.ics"))
    [entry] = calendar.walk("VEVENT")

    assert str(entry["SUMMARY"]) == "Translation control seminar"
    assert entry.decoded("DTSTART") == start
    assert entry["DTSTART"].params["TZID"] == "Europe/Paris"
    assert entry.decoded("DTEND") == start + timedelta(hours=2)
    assert str(entry["LOCATION"]) == "Oncopole, room 101"
    assert str(entry["URL"]).endswith(event.get_absolute_url())
    assert "Ribosomes." in str(entry["DESCRIPTION"])
    assert entry["ATTENDEE"].params["CN"] == "Yvan Martineau"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_team_calendar_holds_only_that_teams_live_events(client):
    team, other = make_team(), make_team()
    mine = make_event(title="Our seminar", teams=[team])
    make_event(title="Their seminar", teams=[other])
    make_event(title="Our draft", teams=[team], status=Event.Status.DRAFT)

    calendar = parse_calendar(client.get(f"/events/feed/team/{team.slug}.ics"))

    assert [str(entry["SUMMARY"]) for entry in calendar.walk("VEVENT")] == [mine.title]
    assert client.get("/events/feed/team/no-such-team.ics").status_code == 404


def test_upcoming_events_show_on_the_home_and_team_pages(client):
    team = make_team()
    event = make_event(title="Seminar of the team", teams=[team])
    make_event(title="Seminar long gone", teams=[team], start=timezone.now() - timedelta(days=10))

    for url in ("/", team.get_absolute_url()):
        page = client.get(url).content.decode()
        assert event.title in page and "Seminar long gone" not in page


def test_events_are_in_the_sitemap_and_search(client):
    event = make_event(title="Metastasis seminar")
    draft = make_event(title="Metastasis draft", status=Event.Status.DRAFT)

    sitemap = whole_sitemap(client)
    results = client.get("/search/?q=metastasis").content.decode()

    assert event.get_absolute_url() in sitemap and draft.get_absolute_url() not in sitemap
    assert f'href="{event.get_absolute_url()}"' in results and draft.get_absolute_url() not in results


def test_an_event_must_end_after_it_starts_and_say_where():
    start = timezone.now()
    event = Event(title="Backwards", start=start, end=start - timedelta(hours=1), venue="")
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert {"end", "venue"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError):
        Event(title="Nowhere", start=start, end=start, venue="Room", time_zone="Mars/Olympus").full_clean()


def test_publishing_an_event_in_the_admin_is_audited(client):
    editor = make_user(EDITOR)
    event = make_event(status=Event.Status.DRAFT)
    client.force_login(editor)

    page = client.get(f"/admin/newsroom/event/{event.pk}/change/").content.decode()
    response = client.post(f"/admin/newsroom/event/{event.pk}/transition/publish/")

    assert "Publish now" in page
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_live
    assert AuditEntry.objects.get(object_id=event.pk).action == Action.PUBLISHED


def test_admin_form_reads_times_in_the_events_time_zone(client):
    editor = make_user(EDITOR)
    client.force_login(editor)
    response = client.post(
        "/admin/newsroom/event/add/",
        {
            "title": "Moscow seminar",
            "slug": "",
            "kind": "seminar",
            "start_0": "2030-03-05",
            "start_1": "14:00",
            "end_0": "2030-03-05",
            "end_1": "16:00",
            "time_zone": "Europe/Moscow",
            "venue": "Moscow",
            "language": "en",
            "status": "draft",
            "event_speakers-TOTAL_FORMS": "0",
            "event_speakers-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title="Moscow seminar")
    assert event.local_start == datetime(2030, 3, 5, 14, 0, tzinfo=ZoneInfo("Europe/Moscow"))
