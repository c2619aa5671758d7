"""The read-only API at /api/v1/: the live rule everywhere, filters, cursor pages, ?fields=,
ETag and 304, CORS, the rate limit, clean 400s and constant query counts."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from factories import (
    make_article,
    make_event,
    make_grant,
    make_image,
    make_organisation,
    make_page,
    make_person,
    make_publication,
    make_team,
)

from newsroom.models import Article, ArticlePartner
from research.models import Membership

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def hidden_articles():
    """A draft, a scheduled, an expired and a trashed article, each with its own keyword."""
    return [
        make_article(title="Draft", status=Article.Status.DRAFT, keywords=["draft-only"]),
        make_article(title="Scheduled", publish_at=NOW + timedelta(days=2), keywords=["scheduled-only"]),
        make_article(
            title="Expired",
            publish_at=NOW - timedelta(days=9),
            expire_at=NOW - timedelta(days=1),
            keywords=["expired-only"],
        ),
        make_article(title="Trashed", deleted_at=NOW, keywords=["trashed-only"]),
    ]


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_only_live_articles_appear_in_lists_details_and_keywords(client):
    team = make_team()
    live = make_article(title="Live", teams=[team], keywords=["live-keyword"])
    hidden = hidden_articles()
    for article in hidden:
        article.teams.add(team)
    assert titles(client.get("/api/v1/articles")) == ["Live"]
    assert titles(client.get("/api/v1/articles?team=" + team.slug)) == ["Live"]
    assert client.get(f"/api/v1/articles/{live.slug}").status_code == 200
    for article in hidden:
        assert client.get(f"/api/v1/articles/{article.slug}").status_code == 404
    keywords = [item["slug"] for item in client.get("/api/v1/keywords").json()["items"]]
    assert keywords == ["live-keyword"]
    assert client.get("/api/v1/keywords/draft-only").status_code == 404
    assert titles(client.get("/api/v1/articles?keyword=draft-only")) == []


def test_a_hidden_article_leaks_nowhere_not_even_as_a_link_or_a_count(client):
    team, person, publication = make_team(), make_person(), make_publication()
    for article in hidden_articles():
        article.teams.add(team)
        article.publications.add(publication)
    body = b"".join(
        client.get(url).content
        for url in (
            "/api/v1/teams",
            f"/api/v1/teams/{team.slug}",
            f"/api/v1/people/{person.slug}",
            f"/api/v1/publications/{publication.pk}",
            "/api/v1/keywords",
        )
    )
    for word in (b"Draft", b"Scheduled", b"Expired", b"Trashed", b"count", b"total"):
        assert word not in body


def test_inactive_teams_are_left_out_of_lists_details_and_links(client):
    inactive = make_team(acronym="OLD", is_active=False)
    make_article(teams=[inactive])
    assert client.get("/api/v1/teams").json()["items"] == []
    assert client.get(f"/api/v1/teams/{inactive.slug}").status_code == 404
    assert client.get("/api/v1/articles").json()["items"][0]["teams"] == []


def test_an_article_links_to_its_teams_people_publications_grants_and_partners(client):
    team, person, publication, grant = make_team(), make_person(), make_publication(), make_grant()
    partner = make_organisation(name="Institut Curie")
    article = make_article(
        teams=[team],
        people=[person],
        publications=[publication],
        grants=[grant],
        partners=[(partner, ArticlePartner.Role.SUPPORT)],
    )
    data = client.get(f"/api/v1/articles/{article.slug}").json()
    assert data["teams"] == [
        {"id": team.pk, "name": team.acronym, "url": f"http://testserver/api/v1/teams/{team.slug}"}
    ]
    assert data["people"][0]["url"] == f"http://testserver/api/v1/people/{person.slug}"
    assert data["publications"][0]["id"] == publication.pk
    assert data["grants"][0]["url"] == f"http://testserver/api/v1/grants/{grant.pk}"
    assert data["partners"] == [
        {
            "id": partner.pk,
            "name": "Institut Curie",
            "url": f"http://testserver/api/v1/organisations/{partner.slug}",
            "role": "support",
        }
    ]
    assert data["page_url"] == f"http://testserver/news/{article.slug}/"
    for link in (data["teams"][0], data["people"][0], data["publications"][0], data["grants"][0], data["partners"][0]):
        assert client.get(link["url"]).status_code == 200
    # ...and back: each of them links to its live articles
    for url in (
        client.get(data["teams"][0]["url"]).json()["articles_url"],
        client.get(data["people"][0]["url"]).json()["articles_url"],
        client.get(data["publications"][0]["url"]).json()["articles_url"],
        client.get(data["grants"][0]["url"]).json()["articles_url"],
        client.get(data["partners"][0]["url"]).json()["articles_url"],
    ):
        assert titles(client.get(url)) == [article.title]


def test_articles_filter_by_team_keyword_kind_language_and_dates(client):
    team = make_team()
    old = make_article(title="Old", publish_at=NOW - timedelta(days=30), kind=Article.Kind.AWARD, language="fr")
    new = make_article(title="New", teams=[team], keywords=["stroma"])
    Article.objects.filter(pk=old.pk).update(updated_at=NOW - timedelta(days=30))
    assert titles(client.get(f"/api/v1/articles?team={team.slug}")) == ["New"]
    assert titles(client.get("/api/v1/articles?keyword=stroma")) == ["New"]
    assert titles(client.get("/api/v1/articles?kind=award")) == ["Old"]
    assert titles(client.get("/api/v1/articles?language=fr")) == ["Old"]
    week_ago = (NOW - timedelta(days=7)).date().isoformat()
    assert titles(client.get(f"/api/v1/articles?published_after={week_ago}")) == ["New"]
    assert titles(client.get(f"/api/v1/articles?published_before={week_ago}")) == ["Old"]
    assert titles(client.get(f"/api/v1/articles?updated_since={week_ago}T00:00:00Z")) == ["New"]
    assert new.title in titles(client.get("/api/v1/articles"))


def test_other_lists_filter_by_team_and_kind(client):
    member, outsider = make_person(family_name="Member"), make_person(family_name="Outsider")
    team = make_team(members=[(member, Membership.Role.LEADER)])
    grant, other_grant = make_grant(), make_grant()
    grant.teams.add(team)
    publication, _ = make_publication(title="Ours"), make_publication(title="Theirs")
    publication.teams.add(team)
    make_organisation(name="Hospital", kind="hospital")
    assert [p["id"] for p in client.get(f"/api/v1/people?team={team.slug}").json()["items"]] == [member.pk]
    assert [g["id"] for g in client.get(f"/api/v1/grants?team={team.slug}").json()["items"]] == [grant.pk]
    assert titles(client.get(f"/api/v1/publications?team={team.slug}")) == ["Ours"]
    names = [o["name"] for o in client.get("/api/v1/organisations?kind=hospital").json()["items"]]
    assert names == ["Hospital"]
    assert outsider.pk and other_grant.pk


def test_cursor_pages_cover_every_article_once_in_order(client):
    made = [make_article(title=f"A{n}", publish_at=NOW - timedelta(hours=n)) for n in range(7)]
    seen, url = [], "/api/v1/articles?limit=3&fields=title"
    while url:
        page = client.get(url).json()
        seen += [item["title"] for item in page["items"]]
        url = page["next"]
    assert seen == [article.title for article in made]


def test_a_page_ending_before_a_new_article_goes_on_where_it_stopped(client):
    for n in range(4):
        make_article(title=f"A{n}", publish_at=NOW - timedelta(hours=n + 1))
    first = client.get("/api/v1/articles?limit=2").json()
    make_article(title="Newest", publish_at=NOW - timedelta(minutes=1))
    assert titles(client.get(first["next"])) == ["A2", "A3"]


def test_fields_narrows_items_and_keeps_the_id(client):
    article = make_article(title="Narrow")
    assert client.get("/api/v1/articles?fields=title,url").json()["items"] == [
        {"id": article.pk, "title": "Narrow", "url": f"http://testserver/api/v1/articles/{article.slug}"}
    ]
    assert client.get(f"/api/v1/articles/{article.slug}?fields=slug").json() == {"id": article.pk, "slug": article.slug}


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=1000",
        "limit=many",
        "cursor=not-a-cursor",
        "cursor=WzFd",  # a well-formed list of the wrong length
        "cursor=WyJ5ZXN0ZXJkYXkiLDFd",  # ["yesterday",1]
        "fields=title,secret",
        "kind=gossip",
        "language=xx",
        "published_after=last-week",
        "updated_since=2024-13-45",
        "publication=abc",
    ],
)
def test_bad_parameters_get_a_clear_400(client, query):
    make_article()
    response = client.get(f"/api/v1/articles?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_an_unchanged_answer_is_a_304_and_a_change_makes_a_new_etag(client):
    article = make_article(title="Before")
    first = client.get("/api/v1/articles")
    etag = first["ETag"]
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    again = client.get("/api/v1/articles", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    article.title = "After"
    article.save()
    changed = client.get("/api/v1/articles", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_reading_is_open_to_every_origin(client):
    response = client.get("/api/v1/teams", headers={"Origin": "https://portal.example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/v1/teams", headers={"Origin": "https://portal.example.org"})
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_writing_is_refused(client):
    assert client.post("/api/v1/articles", {}).status_code == 405


def test_an_address_over_the_limit_gets_a_429_with_retry_after(client, settings):
    settings.API_RATE_LIMIT = 3
    settings.API_RATE_WINDOW_SECONDS = 60
    assert [client.get("/api/v1/keywords").status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/api/v1/keywords")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Too many requests" in refused.json()["detail"]
    assert client.get("/api/v1/keywords", REMOTE_ADDR="10.0.0.9").status_code == 200  # another address
    assert client.get("/news/").status_code == 200  # the public site is not limited


def test_the_api_is_left_out_of_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    make_article(title="First")
    assert titles(client.get("/api/v1/articles")) == ["First"]
    assert "X-Page-Cache" not in client.get("/api/v1/articles")


def make_rich_articles(count):
    for _ in range(count):
        person, team, partner = make_person(), make_team(), make_organisation()
        make_article(
            teams=[team],
            people=[person],
            publications=[make_publication()],
            grants=[make_grant()],
            partners=[(partner, ArticlePartner.Role.COLLABORATION)],
            keywords=["stroma", f"k{person.pk}"],
        )
        team.keywords.add("stroma")
        make_grant().teams.add(team)
        publication = make_publication()
        publication.teams.add(team)
        Membership.objects.create(team=team, person=person, role=Membership.Role.LEADER)
        make_event(teams=[team], speakers=[person], lead_image=make_image())
        make_page()


LISTS = [
    "/api/v1/articles",
    "/api/v1/teams",
    "/api/v1/people",
    "/api/v1/publications",
    "/api/v1/grants",
    "/api/v1/organisations",
    "/api/v1/keywords",
    "/api/v1/publications/export.bib",
    "/api/v1/events",
    "/api/v1/pages",
]


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", LISTS)
def test_a_list_costs_the_same_queries_for_one_item_and_for_eight(client, url):
    make_rich_articles(1)
    one = queries_of(client, url)
    make_rich_articles(7)
    assert queries_of(client, url) == one


@pytest.mark.parametrize("url", ["/api/v1/articles?team=a%00b", "/api/v1/articles/a%00b", "/api/v1/keywords?a%00=1"])
def test_a_nul_character_is_a_400_not_a_database_error(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "moment", ["0002-08-31T01:40:54-21:57", "0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59"]
)
def test_a_time_with_an_extreme_offset_is_searched_in_utc_or_refused_never_a_500(client, moment):
    response = client.get("/api/v1/articles", {"updated_since": moment})
    assert response.status_code in (200, 400), response.content[:300]


def hidden(make):
    """A draft, a scheduled, an expired and a trashed item of a kind."""
    return [
        make(title="Draft", status=Article.Status.DRAFT, publish_at=None),
        make(title="Scheduled", publish_at=NOW + timedelta(days=2)),
        make(title="Expired", publish_at=NOW - timedelta(days=9), expire_at=NOW - timedelta(days=1)),
        make(title="Trashed", deleted_at=NOW),
    ]


@pytest.mark.parametrize(("make", "path"), [(make_event, "events"), (make_page, "pages")])
def test_only_live_events_and_pages_appear_in_lists_and_details(client, make, path):
    live = make(title="Live")
    for item in hidden(make):
        assert client.get(f"/api/v1/{path}/{item.slug}").status_code == 404

    assert titles(client.get(f"/api/v1/{path}")) == ["Live"]
    detail = client.get(f"/api/v1/{path}/{live.slug}").json()
    assert detail["title"] == "Live" and detail["page_url"] == f"http://testserver{live.get_absolute_url()}"


def test_an_event_links_to_its_speakers_teams_and_calendar_file(client):
    team, speaker = make_team(acronym="MICROPANC"), make_person()
    event = make_event(title="Seminar", teams=[team], speakers=[speaker], kind="seminar")

    data = client.get(f"/api/v1/events/{event.slug}").json()

    assert [link["id"] for link in data["teams"]] == [team.pk]
    assert [link["id"] for link in data["speakers"]] == [speaker.pk]
    assert client.get(data["speakers"][0]["url"]).status_code == 200
    assert client.get(data["calendar_url"]).status_code == 200
    assert datetime.fromisoformat(data["start"]) == event.start


def test_events_filter_by_team_kind_and_dates_soonest_first(client):
    team = make_team()
    soon = make_event(title="Soon", start=NOW + timedelta(days=2), teams=[team], kind="seminar")
    later = make_event(title="Later", start=NOW + timedelta(days=20), kind="conference")
    make_event(title="Over", start=NOW - timedelta(days=20), publish_at=NOW - timedelta(days=30))

    assert titles(client.get("/api/v1/events")) == ["Over", "Soon", "Later"]
    assert titles(client.get("/api/v1/events?upcoming=true")) == ["Soon", "Later"]
    assert titles(client.get("/api/v1/events?upcoming=false")) == ["Over"]
    assert titles(client.get(f"/api/v1/events?team={team.slug}")) == ["Soon"]
    assert titles(client.get("/api/v1/events?kind=conference")) == ["Later"]
    after = (NOW + timedelta(days=10)).date().isoformat()
    assert titles(client.get(f"/api/v1/events?starts_after={after}")) == [later.title]
    assert titles(client.get(f"/api/v1/events?starts_before={after}&upcoming=true")) == [soon.title]
    assert client.get("/api/v1/events?kind=party").status_code == 400
