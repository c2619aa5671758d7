"""Each staff member's private iCalendar feed: a secret, revocable address showing what they may see."""

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone
from factories import make_article, make_event, make_person, make_team, make_user

from desk.models import CalendarFeed
from newsroom.models import Article
from newsroom.roles import EDITOR, RESEARCHER
from research.models import Membership

pytestmark = pytest.mark.django_db


def feed(client, user):
    token = CalendarFeed.regenerate(user).token
    response = client.get(f"/desk/calendar/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def summaries(calendar):
    return sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


def test_the_feed_lists_scheduled_and_published_articles_with_their_times_and_links(client):
    soon = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    article = make_article(title="Fibroblasts", publish_at=soon)
    make_article(title="Out last week", publish_at=timezone.now() - timedelta(days=7))
    make_article(title="Long ago", publish_at=timezone.now() - timedelta(days=400))

    calendar = feed(client, make_user(EDITOR))

    assert summaries(calendar) == ["Fibroblasts (Scheduled)", "Out last week (Published)"]
    event = next(event for event in calendar.walk("VEVENT") if "Fibroblasts" in str(event["SUMMARY"]))
    assert event.decoded("DTSTART") == soon
    assert str(event["URL"]).endswith(f"/admin/newsroom/article/{article.pk}/change/")
    assert str(event["UID"]).startswith(f"article-{article.pk}@")


def test_a_researchers_feed_has_their_teams_drafts_and_not_another_teams(client):
    person = make_person()
    own = make_team(members=[(person, Membership.Role.LEADER)])
    later = timezone.now() + timedelta(days=5)
    make_article(title="Our draft", teams=[own], status=Article.Status.DRAFT, publish_at=later)
    make_article(title="Their draft", teams=[make_team()], status=Article.Status.DRAFT, publish_at=later)

    calendar = feed(client, make_user(RESEARCHER, person=person))

    assert summaries(calendar) == ["Our draft (Planned (Draft))"]


def test_a_revoked_or_replaced_address_is_not_found(client):
    user = make_user(EDITOR)
    old = CalendarFeed.regenerate(user).token
    new = CalendarFeed.regenerate(user).token

    assert client.get(f"/desk/calendar/{old}.ics").status_code == 404
    assert client.get(f"/desk/calendar/{new}.ics").status_code == 200
    CalendarFeed.revoke(user)
    assert client.get(f"/desk/calendar/{new}.ics").status_code == 404
    assert client.get("/desk/calendar/guessed.ics").status_code == 404
    assert client.get("/desk/calendar/%00%27.ics").status_code == 404


def test_the_address_of_someone_who_may_no_longer_log_in_is_not_found(client):
    user = make_user(EDITOR)
    token = CalendarFeed.regenerate(user).token
    user.is_active = False
    user.save()

    assert client.get(f"/desk/calendar/{token}.ics").status_code == 404


def test_the_calendar_page_makes_and_revokes_the_address(client):
    user = make_user(EDITOR)
    client.force_login(user)

    made = client.post("/admin/desk/calendar/feed/", {"action": "regenerate"}, follow=True).content.decode()
    token = CalendarFeed.objects.get(user=user).token
    assert f"/desk/calendar/{token}.ics" in made

    client.post("/admin/desk/calendar/feed/", {"action": "revoke"})
    assert not CalendarFeed.objects.filter(user=user).exists()
    assert client.get(f"/desk/calendar/{token}.ics").status_code == 404


def test_the_feed_address_page_refuses_a_get(client):
    client.force_login(make_user(EDITOR))

    assert client.get("/admin/desk/calendar/feed/").status_code == 405


def test_the_feed_lists_events_for_their_whole_length(client):
    start = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    make_event(title="Winter seminar", start=start, end=start + timedelta(hours=3), publish_at=timezone.now())

    calendar = feed(client, make_user(EDITOR))

    held = next(event for event in calendar.walk("VEVENT") if "Takes place" in str(event["SUMMARY"]))
    assert str(held["SUMMARY"]) == "Winter seminar (Takes place)"
    assert (held.decoded("DTSTART"), held.decoded("DTEND")) == (start, start + timedelta(hours=3))
    assert "/admin/newsroom/event/" in str(held["URL"])
