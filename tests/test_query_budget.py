"""Every public page runs the same number of queries whether it shows one linked row or many.

Each test builds a page with ``linked`` rows of every kind the page shows (1, then 8) and pins
the exact query count, so an N+1 added to a view or a template fails here. The pages are fetched
through the test client so that the templates render and run their lazy lookups.
"""

import itertools
from datetime import date, timedelta

import pytest
from django.db import connection
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

from newsroom.models import ArticlePartner, MenuItem, SiteSettings
from research.models import Membership, Organisation, Publication, PublicationAuthor

pytestmark = pytest.mark.django_db

MANY = [1, 8]
# Every page also reads its header and footer menu entries: one query.
_dois = itertools.count()


@pytest.fixture(autouse=True)
def site_settings(db):
    """Every page reads the site settings; the row exists on a running site."""
    return SiteSettings.objects.create(institute_name="Toulouse Cancer Research Center", phone="+33 5 82 74 15 75")


def get_page(client, url, django_assert_num_queries, expected):
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


def people(count):
    affiliation = make_organisation(kind=Organisation.Kind.HOSPITAL)
    return [
        make_person(honorific="Dr.", distinctions="Honored Scientist", affiliation=affiliation) for _ in range(count)
    ]


def teams(count):
    institution = make_organisation(kind=Organisation.Kind.RESEARCH_INSTITUTE)
    return [make_team(institution=institution) for _ in range(count)]


def publications(count, authors):
    """Publications whose authors are all linked to people, so the citations render person links."""
    made = [make_publication(authors=(), doi=f"10.1000/budget.{next(_dois)}") for _ in range(count)]
    for publication in made:
        for order, person in enumerate(authors):
            PublicationAuthor.objects.create(publication=publication, name=str(person), person=person, order=order)
    return made


def articles(count, **links):
    image = make_image(caption="Fibroblasts", credit="CRCT")
    return [
        make_article(lead_image=image, keywords=[f"keyword {n}" for n in range(count)], **links) for _ in range(count)
    ]


@pytest.mark.parametrize(("linked", "cards"), [(1, 2), (8, 3 + 9)])
def test_home_page_query_count_does_not_grow_with_articles_and_teams(client, django_assert_num_queries, linked, cards):
    # site settings; featured + their teams and publications; latest + their teams and publications;
    # upcoming events; menus
    team_list = teams(linked)
    articles(linked, teams=team_list, is_featured=True)
    articles(linked, teams=team_list)
    response = get_page(client, "/", django_assert_num_queries, 9)
    assert response.content.decode().count('class="card article-card') == cards


@pytest.mark.parametrize("linked", MANY)
def test_news_list_query_count_does_not_grow_with_articles_and_teams(client, django_assert_num_queries, linked):
    # site settings; filter form team choices; count; page; its teams; its publications
    articles(linked, teams=teams(linked))
    response = get_page(client, "/news/", django_assert_num_queries, 7)
    assert response.content.decode().count('class="card article-card') == linked


@pytest.mark.parametrize("linked", MANY)
def test_filtered_news_list_query_count_does_not_grow_with_articles(client, django_assert_num_queries, linked):
    # site settings; the team named in the filter; its choices; count; page; its teams and publications
    team_list = teams(linked)
    year = articles(linked, teams=team_list)[0].publish_at.year
    url = f"/news/?team={team_list[0].slug}&keyword=keyword-0&year={year}&kind=news"
    response = get_page(client, url, django_assert_num_queries, 8)
    assert response.content.decode().count('class="card article-card') == linked


@pytest.mark.parametrize("linked", MANY)
def test_article_page_query_count_does_not_grow_with_linked_rows(client, django_assert_num_queries, linked):
    # site settings; article with lead image; keywords, staff authors (for JSON-LD), teams,
    # researchers, publications, their authors, grants, partners; its live translations
    researchers = people(linked)
    funder = make_organisation(kind=Organisation.Kind.FUNDING_AGENCY)
    article = make_article(
        lead_image=make_image(caption="Fibroblasts", credit="CRCT"),
        teams=teams(linked),
        people=researchers,
        publications=publications(linked, authors=researchers),
        grants=[make_grant(funder=funder) for _ in range(linked)],
        partners=[(make_organisation(), role) for role in ArticlePartner.Role for _ in range(linked)],
        keywords=[f"keyword {n}" for n in range(linked)],
    )
    response = get_page(client, article.get_absolute_url(), django_assert_num_queries, 12)
    assert response.content.decode().count('class="person-card"') == linked


@pytest.mark.parametrize("linked", MANY)
def test_team_list_query_count_does_not_grow_with_teams(client, django_assert_num_queries, linked):
    # site settings; teams with their institutions
    teams(linked)
    response = get_page(client, "/teams/", django_assert_num_queries, 3)
    assert response.content.decode().count('class="card team-card"') == linked


@pytest.mark.parametrize("linked", MANY)
def test_team_page_query_count_does_not_grow_with_linked_rows(client, django_assert_num_queries, linked):
    # site settings; team with institution; keywords; members with people and affiliations;
    # articles with their teams and publications; upcoming events; publications and their authors; grants with funders
    members = people(linked)
    team = make_team(
        institution=make_organisation(), members=[(person, Membership.Role.RESEARCHER) for person in members]
    )
    team.keywords.add(*[f"keyword {n}" for n in range(linked)])
    articles(linked, teams=[team])
    for publication in publications(linked, authors=members):
        publication.teams.add(team)
    for _ in range(linked):
        make_grant().teams.add(team)
    response = get_page(client, team.get_absolute_url(), django_assert_num_queries, 12)
    assert response.content.decode().count('class="person-card"') == linked


@pytest.mark.parametrize("linked", MANY)
def test_person_page_query_count_does_not_grow_with_linked_rows(client, django_assert_num_queries, linked):
    # site settings; person with affiliation; memberships with teams; articles with their teams and publications;
    # publications and their authors
    person = make_person(honorific="Prof.", affiliation=make_organisation())
    for team in teams(linked):
        Membership.objects.create(team=team, person=person)
    articles(linked, people=[person])
    publications(linked, authors=[person, *people(linked)])
    response = get_page(client, person.get_absolute_url(), django_assert_num_queries, 9)
    assert response.content.decode().count('class="citation"') == linked


@pytest.mark.parametrize("linked", MANY)
def test_publication_list_query_count_does_not_grow_with_publications_and_authors(
    client, django_assert_num_queries, linked
):
    # site settings; menus; filter form team choices; count; page; authors with people
    publications(linked, authors=people(linked))
    response = get_page(client, "/publications/", django_assert_num_queries, 6)
    assert response.content.decode().count('class="citation"') == linked


@pytest.mark.parametrize("linked", MANY)
def test_filtered_publication_list_query_count_does_not_grow_with_publications_and_authors(
    client, django_assert_num_queries, linked
):
    # site settings; menus; the team named in the filter; its choices; count; page; authors with people
    team = make_team()
    for publication in publications(linked, authors=people(linked)):
        publication.teams.add(team)
    Publication.objects.update(is_open_access=True, published_on=date(2021, 1, 19))
    url = f"/publications/?year=2021&team={team.slug}&kind=article&open_access=on"
    response = get_page(client, url, django_assert_num_queries, 7)
    assert response.content.decode().count('class="citation"') == linked


@pytest.mark.parametrize("linked", MANY)
def test_keyword_page_query_count_does_not_grow_with_linked_rows(client, django_assert_num_queries, linked):
    # site settings; menus; the keyword; whether live news uses it; count; page of articles and teams;
    # teams with institutions; publications of its news and their authors
    for publication in publications(linked, authors=people(linked)):
        make_article(lead_image=make_image(), keywords=["stroma"], teams=teams(linked), publications=[publication])
    for team in teams(linked):
        team.keywords.add("stroma")
    response = get_page(client, "/keywords/stroma/", django_assert_num_queries, 11)
    content = response.content.decode()
    assert content.count('class="card article-card') == linked
    assert content.count('class="card team-card"') == linked
    assert content.count('class="citation"') == linked


@pytest.mark.parametrize("linked", MANY)
def test_publication_page_query_count_does_not_grow_with_linked_rows(client, django_assert_num_queries, linked):
    # site settings; publication; authors with people; teams with institutions;
    # articles with their teams and publications
    publication = publications(1, authors=people(linked))[0]
    publication.teams.set(teams(linked))
    articles(linked, publications=[publication], teams=teams(linked))
    response = get_page(client, publication.get_absolute_url(), django_assert_num_queries, 9)
    assert response.content.decode().count('class="card team-card"') == linked


@pytest.mark.parametrize("linked", MANY)
def test_partner_page_query_count_does_not_grow_with_linked_rows(client, django_assert_num_queries, linked):
    # site settings; organisation; articles with their teams and publications; grants; hosted teams
    partner = make_organisation(kind=Organisation.Kind.FOUNDATION)
    articles(linked, partners=[(partner, ArticlePartner.Role.SUPPORT)], teams=teams(linked))
    for _ in range(linked):
        make_grant(funder=partner)
        make_team(institution=partner)
    response = get_page(client, partner.get_absolute_url(), django_assert_num_queries, 9)
    assert response.content.decode().count('class="card grant-card"') == linked


@pytest.mark.parametrize("linked", MANY)
def test_grant_page_query_count_does_not_grow_with_linked_rows(client, django_assert_num_queries, linked):
    # site settings; grant with funder and principal investigator; teams with institutions;
    # articles with their teams and publications
    grant = make_grant(principal_investigator=make_person(honorific="Prof."))
    grant.teams.set(teams(linked))
    articles(linked, grants=[grant], teams=teams(linked))
    response = get_page(client, grant.get_absolute_url(), django_assert_num_queries, 8)
    assert response.content.decode().count('class="card article-card') == linked


def on_postgres(postgres, elsewhere):
    return postgres if connection.vendor == "postgresql" else elsewhere


@pytest.mark.parametrize("linked", MANY)
def test_search_query_count_does_not_grow_with_results(client, django_assert_num_queries, linked):
    # site settings; filter form team choices; the first results of each kind with the count of
    # all (people with their affiliation); on PostgreSQL, the transaction and its planner settings
    # (three queries, and two more inside the test's transaction: the settings read and put back),
    # the date the latest news start from (kept until the content changes; an archive larger than
    # postgres.RECENT then reads its latest matches, and the older ones only when those are too few);
    # the news shown are highlighted in the query that reads them
    for number in range(linked):
        make_article(title=f"Fibroblasts {number}", keywords=["fibroblasts"])
        make_team(summary="Fibroblasts", keywords=["fibroblasts"])
        make_person(position="Fibroblasts", affiliation=make_organisation())
        make_publication(title=f"Fibroblasts {number}")
        make_event(title=f"Fibroblasts seminar {number}")
    response = get_page(client, "/search/?q=fibroblasts", django_assert_num_queries, on_postgres(15, 8))
    assert response.content.decode().count('class="search-result ') == 5 * min(linked, 5)


@pytest.mark.parametrize("linked", MANY)
def test_search_that_finds_nothing_query_count_does_not_grow_with_content(client, django_assert_num_queries, linked):
    # as above, and the titles, keywords and names "did you mean" compares the query with
    # (one indexed query on PostgreSQL, four bounded ones elsewhere)
    for number in range(linked):
        make_article(title=f"Fibroblasts {number}", keywords=[f"keyword {number}"])
        make_team()
        make_person()
    response = get_page(client, "/search/?q=fibroblsts", django_assert_num_queries, on_postgres(16, 12))
    assert "Did you mean" in response.content.decode()


@pytest.mark.parametrize("linked", MANY)
def test_event_lists_query_count_does_not_grow_with_events(client, django_assert_num_queries, linked):
    # site settings; count; page with lead images; menus
    image = make_image()
    for number in range(linked):
        make_event(lead_image=image, teams=teams(2), speakers=people(2))
        make_event(start=timezone.now() - timedelta(days=30 + number), teams=teams(1))
    upcoming = get_page(client, "/events/", django_assert_num_queries, 4)
    past = get_page(client, "/events/past/", django_assert_num_queries, 4)
    assert upcoming.content.decode().count('class="card event-card') == linked
    assert past.content.decode().count('class="card event-card') == linked


@pytest.mark.parametrize("linked", MANY)
def test_event_page_and_calendar_query_count_does_not_grow_with_speakers_and_teams(
    client, django_assert_num_queries, linked
):
    # site settings; event with lead image; teams with institutions; speakers with affiliations; menus
    event = make_event(lead_image=make_image(), teams=teams(linked), speakers=people(linked))
    page = get_page(client, event.get_absolute_url(), django_assert_num_queries, 5)
    assert page.content.decode().count('href="/people/') == linked
    # site settings; event; speakers
    get_page(client, f"/events/{event.slug}.ics", django_assert_num_queries, 3)
    get_page(client, "/events/feed.ics", django_assert_num_queries, 3)


@pytest.mark.parametrize("linked", MANY)
def test_basic_page_query_count_does_not_grow_with_menu_entries_and_translations(
    client, django_assert_num_queries, linked
):
    # site settings; page; its live translations; menus
    page = make_page(title="About", slug="about")
    for number in range(linked):
        MenuItem.objects.create(menu=MenuItem.Menu.HEADER, label=f"Header {number}", page=make_page())
        MenuItem.objects.create(menu=MenuItem.Menu.FOOTER, label=f"Footer {number}", url=f"/pages/{number}/")
    make_page(title="À propos", language="fr", translation_of=page)
    response = get_page(client, "/pages/about/", django_assert_num_queries, 4)
    assert response.content.decode().count(">Footer ") == linked


@pytest.mark.parametrize("query", ["", "?q=Article"])
def test_the_admin_article_list_counts_the_articles_once_and_reads_no_bodies(staff_client, query):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    articles(3)
    with CaptureQueriesContext(connection) as queries:
        response = staff_client.get(f"/admin/newsroom/article/{query}")
    assert response.status_code == 200 and response.content.count(b'class="action-select"') == 3
    article_queries = [q["sql"] for q in queries.captured_queries if 'FROM "newsroom_article"' in q["sql"]]
    assert sum("COUNT(" in sql for sql in article_queries) == 1
    # The columns read (a search matches the stored documents, but reads none)
    columns = [sql.split(" FROM ", 1)[0] for sql in article_queries]
    assert not any('"newsroom_article"."body"' in read or "search_vector" in read for read in columns)
