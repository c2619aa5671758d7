"""The dashboard on the admin's first page: counts, what goes out next, activity and output charts."""

from datetime import datetime, time, timedelta

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format
from factories import make_article, make_grant, make_organisation, make_person, make_team, make_user

from core import workflow
from newsroom.models import Article, ArticlePartner
from newsroom.roles import AUTHOR, EDITOR, RESEARCHER
from research.models import Membership

pytestmark = pytest.mark.django_db


def months_ago(number, day=15):
    """Noon on ``day`` of the month ``number`` months before this one, in the institute's time zone."""
    today = timezone.localdate()
    year, month = today.year, today.month - number
    while month < 1:
        year, month = year - 1, month + 12
    return timezone.make_aware(datetime.combine(today.replace(year=year, month=month, day=day), time(12)))


def page(client, language="en"):
    response = client.get("/admin/", headers={"accept-language": language})
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def count(tree, slug):
    return int(tree.get_element_by_id(f"count-{slug}").find_class("desk-count")[0].text_content())


def chart_table(tree, slug):
    """``{row heading: {column heading: figure}}`` from the chart's table."""
    table = tree.get_element_by_id(f"chart-{slug}").find(".//table")
    headings = [cell.text_content().strip() for cell in table.findall(".//thead//th")][1:]
    rows = {}
    for row in table.findall(".//tbody/tr"):
        cells = [cell.text_content().strip() for cell in row]
        rows[cells[0]] = {heading: int(value) for heading, value in zip(headings, cells[1:], strict=True)}
    return rows


def chart_bars(tree, slug):
    """The titles of the SVG's bars, e.g. "Oct 2026, MICROPANC: 2"."""
    svg = tree.get_element_by_id(f"chart-{slug}").find(".//svg")
    return sorted(rect.findtext("title") for rect in svg.iter("rect") if rect.findtext("title"))


def test_an_editor_sees_their_counts_for_today(client):
    editor = make_user(EDITOR)
    now = timezone.now()
    make_article(status=Article.Status.DRAFT, publish_at=None).authors.add(editor)
    make_article(status=Article.Status.DRAFT, publish_at=None)  # someone else's draft
    make_article(status=Article.Status.IN_REVIEW, publish_at=None)
    make_article(status=Article.Status.IN_REVIEW, publish_at=None)
    make_article(publish_at=now + timedelta(minutes=5))  # goes out in a few minutes: this week
    make_article(publish_at=now + timedelta(days=60))  # scheduled, not this week
    make_article(publish_at=now - timedelta(minutes=5))  # published this month
    make_article(publish_at=now - timedelta(days=70))
    client.force_login(editor)

    tree = page(client)

    assert (count(tree, "mine"), count(tree, "review"), count(tree, "week"), count(tree, "month")) == (1, 2, 1, 1)


def test_an_author_is_not_asked_to_review(client):
    client.force_login(make_user(AUTHOR))

    tree = page(client)

    assert tree.get_element_by_id("count-mine") is not None
    assert not tree.xpath("//*[@id='count-review']")


def test_the_next_ten_scheduled_items_are_listed_soonest_first_with_their_times(client):
    now = timezone.now()
    for hours in range(12, 0, -1):
        make_article(title=f"Goes out in {hours} hours", publish_at=now + timedelta(hours=hours))
    client.force_login(make_user(EDITOR))

    rows = page(client).get_element_by_id("desk-next-scheduled").findall(".//tbody/tr")

    assert [row[1].text_content() for row in rows] == [f"Goes out in {hours} hours" for hours in range(1, 11)]
    first_time = datetime.fromisoformat(rows[0].find(".//time").get("datetime"))
    assert abs(first_time - (now + timedelta(hours=1))) < timedelta(seconds=1)


def test_a_researcher_sees_only_their_teams_activity(client):
    person = make_person()
    own = make_team(acronym="OWN", members=[(person, Membership.Role.LEADER)])
    other = make_team(acronym="OTHER")
    editor = make_user(EDITOR)
    ours = make_article(title="Our draft", status=Article.Status.DRAFT, teams=[own])
    theirs = make_article(title="Their secret draft", status=Article.Status.DRAFT, teams=[other])
    workflow.submit(ours, editor)
    workflow.submit(theirs, editor)
    client.force_login(make_user(RESEARCHER, person=person))

    activity = page(client).get_element_by_id("desk-activity").text_content()

    assert "Our draft" in activity
    assert "Their secret draft" not in activity


def test_the_monthly_charts_give_the_known_figures_in_the_svg_and_the_table(client):
    micro, onco = make_team(acronym="MICRO"), make_team(acronym="ONCO")
    make_article(teams=[micro], publish_at=months_ago(2))
    make_article(teams=[micro], kind=Article.Kind.AWARD, publish_at=months_ago(2, day=20))
    make_article(teams=[micro, onco], publish_at=months_ago(0, day=1) + timedelta(minutes=1))
    make_article(teams=[onco], publish_at=months_ago(13))  # older than twelve months
    make_article(teams=[onco], status=Article.Status.DRAFT, publish_at=months_ago(2))  # not published
    client.force_login(make_user(EDITOR))

    tree = page(client)

    two_months_ago = date_format(months_ago(2).date(), "M Y")
    this_month = date_format(timezone.localdate(), "M Y")
    by_team = chart_table(tree, "by-team")
    assert len(by_team) == 12
    assert by_team[two_months_ago] == {"MICRO": 2, "ONCO": 0, "Total": 2}
    assert by_team[this_month] == {"MICRO": 1, "ONCO": 1, "Total": 2}
    assert sum(row["Total"] for row in by_team.values()) == 4
    assert chart_bars(tree, "by-team") == sorted(
        [f"{two_months_ago}, MICRO: 2", f"{this_month}, MICRO: 1", f"{this_month}, ONCO: 1"]
    )
    by_kind = chart_table(tree, "by-kind")
    assert by_kind[two_months_ago] == {"News": 1, "Award": 1, "Total": 2}
    assert by_kind[this_month] == {"News": 1, "Award": 0, "Total": 1}


def test_acknowledgements_count_each_live_article_once_per_funder_and_year(client):
    anr = make_organisation(name="ANR")
    inca = make_organisation(name="INCa")
    grant, second_grant = make_grant(funder=anr), make_grant(funder=anr)
    last_year = timezone.now() - timedelta(days=400)
    make_article(grants=[grant, second_grant], partners=[(anr, ArticlePartner.Role.SUPPORT)])  # once for ANR
    make_article(partners=[(inca, ArticlePartner.Role.SUPPORT)], publish_at=last_year)
    make_article(partners=[(inca, ArticlePartner.Role.COLLABORATION)])  # a collaboration thanks nobody
    make_article(grants=[grant], status=Article.Status.DRAFT)  # not live
    client.force_login(make_user(EDITOR))

    figures = chart_table(page(client), "acknowledgements")

    this_year, previous = str(timezone.now().year), str(last_year.year)
    assert figures[this_year]["ANR"] == 1
    assert figures[this_year]["INCa"] == 0
    assert figures[previous]["INCa"] == 1
    assert sum(row["Total"] for row in figures.values()) == 2


def test_the_charts_are_accessible_pictures(client):
    make_article(teams=[make_team()])
    client.force_login(make_user(EDITOR))

    for svg in page(client).get_element_by_id("desk-output").iter("svg"):
        title, desc = svg.find("title"), svg.find("desc")
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert title.text and desc.text
        assert not svg.xpath(".//*[@style]")


def test_the_dashboard_speaks_the_admins_language(client):
    make_article(publish_at=months_ago(1))
    client.force_login(make_user(EDITOR))

    tree = page(client, language="ru")

    with translation.override("ru"):
        russian_month = date_format(months_ago(1).date(), "M Y")
    assert russian_month in chart_table(tree, "by-kind")
    with translation.override("en"):
        assert russian_month != date_format(months_ago(1).date(), "M Y")
    assert "Мои черновики" in tree.get_element_by_id("count-mine").text_content()
    assert "Статьи, опубликованные за месяц, по видам" in tree.get_element_by_id("chart-by-kind").text_content()


def test_the_dashboards_queries_do_not_grow_with_the_number_of_articles(client):
    editor = make_user(EDITOR)
    client.force_login(editor)
    page(client)  # the content types and the session, once

    def queries_with(number):
        Article.objects.all().delete()
        team, funder = make_team(), make_organisation()
        for step in range(number):
            article = make_article(teams=[team], grants=[make_grant(funder=funder)], publish_at=months_ago(step % 3))
            make_article(publish_at=timezone.now() + timedelta(days=step + 1), teams=[team])
            workflow.submit(make_article(status=Article.Status.DRAFT, teams=[team]), editor)
            article.authors.add(editor)
        with CaptureQueriesContext(connection) as queries:
            page(client)
        return len(queries)

    assert queries_with(1) == queries_with(8)
