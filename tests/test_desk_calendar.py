"""The editorial calendar in the admin: month and week views, filters, rescheduling."""

from datetime import datetime, timedelta

import lxml.html
import pytest
from django.utils import timezone
from factories import make_article, make_event, make_person, make_team, make_user

from newsroom.models import Article, EditorialEvent, Event
from newsroom.roles import AUTHOR, EDITOR, RESEARCHER
from research.models import Membership

pytestmark = pytest.mark.django_db

CALENDAR = "/admin/desk/calendar/"


def local(year, month, day, hour=12, minute=0):
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def days(client, query=""):
    """``{"2026-12-03": [titles of that day's items]}`` as the calendar page shows them."""
    response = client.get(CALENDAR + query)
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content.decode())
    return {
        cell.get("data-day"): [link.text_content() for link in cell.xpath(".//li/a")]
        for cell in tree.xpath("//table[contains(@class, 'desk-calendar-grid')]//td")
    }


@pytest.fixture
def editor(client):
    user = make_user(EDITOR)
    client.force_login(user)
    return user


def test_the_month_view_puts_each_item_on_its_day_in_the_institutes_time_zone(client, editor):
    # 00:30 in Paris on 3 December is still 2 December in UTC.
    make_article(title="Just after midnight", publish_at=local(2026, 12, 3, 0, 30))
    make_article(title="Late on the last day", publish_at=local(2026, 12, 31, 23, 30))
    make_article(title="Planned draft", status=Article.Status.DRAFT, publish_at=local(2026, 12, 10))
    make_article(title="November", publish_at=local(2026, 11, 30, 23, 59))
    make_article(title="Trashed", publish_at=local(2026, 12, 5), deleted_at=timezone.now())

    shown = days(client, "?month=2026-12")

    assert shown["2026-12-03"] == ["Just after midnight"]
    assert shown["2026-12-02"] == []
    assert shown["2026-12-31"] == ["Late on the last day"]
    assert shown["2026-12-10"] == ["Planned draft"]
    assert shown["2026-11-30"] == []  # shown as the first week's Monday, but of another month
    assert not any("Trashed" in titles for titles in shown.values())
    assert list(shown)[0] == "2026-11-30" and list(shown)[-1] == "2027-01-03"


def test_the_week_view_shows_seven_days_from_monday(client, editor):
    make_article(title="Monday", publish_at=local(2026, 11, 30, 9))
    make_article(title="Sunday", publish_at=local(2026, 12, 6, 18))
    make_article(title="Next week", publish_at=local(2026, 12, 7, 0, 0))

    shown = days(client, "?week=2026-W49")

    assert list(shown) == [f"2026-{day}" for day in ("11-30", "12-01", "12-02", "12-03", "12-04", "12-05", "12-06")]
    assert shown["2026-11-30"] == ["Monday"]
    assert shown["2026-12-06"] == ["Sunday"]


@pytest.mark.parametrize(
    "query",
    [
        "?month=2026-13",
        "?month=0000-01",
        "?week=2026-W60",
        "?week=9999-W52",
        "?month=%00",
        "?team=x&kind=y",
        "?team=%C2%B2",
        "?team=99999999999999999999",
    ],
)
def test_a_bad_period_shows_this_month(client, editor, query):
    shown = days(client, query)

    assert timezone.localdate().isoformat() in shown
    assert len(shown) >= 28


def test_filters_by_team_and_kind(client, editor):
    micro, onco = make_team(acronym="MICRO"), make_team(acronym="ONCO")
    make_article(title="Micro news", teams=[micro], publish_at=local(2026, 12, 8))
    make_article(title="Micro award", teams=[micro], kind=Article.Kind.AWARD, publish_at=local(2026, 12, 8))
    make_article(title="Onco news", teams=[onco], publish_at=local(2026, 12, 8))

    assert sorted(days(client, f"?month=2026-12&team={micro.pk}")["2026-12-08"]) == ["Micro award", "Micro news"]
    assert days(client, f"?month=2026-12&team={micro.pk}&kind=award")["2026-12-08"] == ["Micro award"]
    assert len(days(client, "?month=2026-12&team=999999&kind=nonsense")["2026-12-08"]) == 3


def test_each_item_links_to_its_admin_page(client, editor):
    article = make_article(publish_at=local(2026, 12, 8))

    response = client.get(CALENDAR + "?month=2026-12")

    assert f'href="/admin/newsroom/article/{article.pk}/change/"' in response.content.decode()


def test_a_researcher_sees_no_other_teams_items(client):
    person = make_person()
    own = make_team(members=[(person, Membership.Role.LEADER)])
    make_article(title="Ours", teams=[own], status=Article.Status.DRAFT, publish_at=local(2026, 12, 8))
    make_article(title="Theirs", teams=[make_team()], status=Article.Status.DRAFT, publish_at=local(2026, 12, 8))
    client.force_login(make_user(RESEARCHER, person=person))

    assert days(client, "?month=2026-12")["2026-12-08"] == ["Ours"]


def reschedule(client, article, when):
    return client.post(
        f"{CALENDAR}reschedule/{article.pk}/",
        {"publish_at": when.strftime("%Y-%m-%dT%H:%M"), "next": f"{CALENDAR}?month=2026-12"},
    )


def test_an_editor_reschedules_from_the_calendar_and_the_audit_log_says_so(client, editor):
    article = make_article(publish_at=timezone.now() + timedelta(days=3))
    later = timezone.localtime(timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0)

    response = reschedule(client, article, later)

    assert response.status_code == 302 and response["Location"] == f"{CALENDAR}?month=2026-12"
    article.refresh_from_db()
    assert article.publish_at == later
    event = EditorialEvent.objects.get(article=article)
    assert (event.action, event.user) == (EditorialEvent.Action.SCHEDULED, editor)


def test_an_author_may_not_reschedule(client):
    author = make_user(AUTHOR)
    client.force_login(author)
    soon = timezone.now() + timedelta(days=3)
    article = make_article(publish_at=soon)
    page = client.get(CALENDAR).content.decode()

    response = reschedule(client, article, soon + timedelta(days=7))

    assert 'class="desk-reschedule"' not in page
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.publish_at == soon
    assert not EditorialEvent.objects.exists()


def test_a_time_in_the_past_is_refused_with_a_message(client, editor):
    soon = timezone.now() + timedelta(days=3)
    article = make_article(publish_at=soon)

    response = client.post(
        f"{CALENDAR}reschedule/{article.pk}/", {"publish_at": "2020-01-01T10:00", "next": CALENDAR}, follow=True
    )

    assert "was not rescheduled" in response.content.decode()
    article.refresh_from_db()
    assert article.publish_at == soon


def test_the_calendar_offers_a_form_only_for_scheduled_items(client, editor):
    scheduled = make_article(publish_at=timezone.now() + timedelta(hours=2))
    published = make_article(publish_at=timezone.now() - timedelta(hours=2))
    month = f"?month={timezone.localtime(published.publish_at):%Y-%m}"
    next_month = f"?month={timezone.localtime(scheduled.publish_at):%Y-%m}"

    html = client.get(CALENDAR + month).content.decode() + client.get(CALENDAR + next_month).content.decode()

    assert f"reschedule/{scheduled.pk}/" in html
    assert f"reschedule/{published.pk}/" not in html


def test_events_show_on_the_days_they_take_place_and_when_their_pages_are_published(client, editor):
    team = make_team()
    event = make_event(
        title="Thesis defence of M. Dupont",
        kind=Event.Kind.THESIS_DEFENCE,
        start=local(2026, 12, 14, 14),
        publish_at=local(2026, 12, 1, 9),
        teams=[team],
    )
    make_event(title="Winter seminar", start=local(2026, 12, 16, 11), publish_at=local(2026, 11, 20))
    make_event(title="Trashed seminar", start=local(2026, 12, 17), deleted_at=timezone.now())
    make_article(title="An article", publish_at=local(2026, 12, 15), teams=[team])

    shown = days(client, "?month=2026-12")

    assert shown["2026-12-14"] == ["Thesis defence of M. Dupont"]
    assert shown["2026-12-01"] == ["Thesis defence of M. Dupont"]  # its page goes out that day
    assert shown["2026-12-16"] == ["Winter seminar"] and not any("Trashed" in t for t in shown.values())
    page = client.get(CALENDAR + "?month=2026-12").text
    assert f'href="/admin/newsroom/event/{event.pk}/change/"' in page and "Event: Thesis defence" in page

    assert days(client, "?month=2026-12&kind=event:thesis-defence")["2026-12-14"] == ["Thesis defence of M. Dupont"]
    assert days(client, "?month=2026-12&kind=event:thesis-defence")["2026-12-16"] == []
    only_events = days(client, "?month=2026-12&kind=events")
    assert only_events["2026-12-16"] == ["Winter seminar"] and only_events["2026-12-15"] == []
    only_news = days(client, "?month=2026-12&kind=news")
    assert only_news["2026-12-14"] == [] and only_news["2026-12-15"] == ["An article"]
    of_team = days(client, f"?month=2026-12&team={team.pk}")
    assert of_team["2026-12-14"] == ["Thesis defence of M. Dupont"] and of_team["2026-12-16"] == []
    assert days(client, "?month=2026-12&kind=event:nonsense")["2026-12-16"] == ["Winter seminar"]


def test_an_editor_reschedules_an_events_page_from_the_calendar_and_an_author_may_not(client, editor):
    soon = timezone.now() + timedelta(days=3)
    event = make_event(title="Winter seminar", publish_at=soon, start=soon + timedelta(days=10))
    month = timezone.localtime(soon).strftime("%Y-%m")
    page = client.get(f"{CALENDAR}?month={month}").text
    assert f'action="{CALENDAR}reschedule/event/{event.pk}/"' in page
    later = timezone.localtime(soon + timedelta(days=2)).replace(second=0, microsecond=0)

    response = client.post(
        f"{CALENDAR}reschedule/event/{event.pk}/", {"publish_at": later.strftime("%Y-%m-%dT%H:%M"), "next": CALENDAR}
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.publish_at == later and event.audit_entries.first().action == "scheduled"

    client.force_login(make_user(AUTHOR))
    assert f"reschedule/event/{event.pk}/" not in client.get(f"{CALENDAR}?month={month}").text
    refused = client.post(f"{CALENDAR}reschedule/event/{event.pk}/", {"publish_at": "2031-01-01T10:00"})
    assert refused.status_code == 403
    event.refresh_from_db()
    assert event.publish_at == later
