"""Publication exports (BibTeX, RIS, CSL-JSON, formatted list) from the public pages and the API,
and the annual report's article export from the admin, each parsed back as its readers would."""

import csv
import io
import json
from datetime import date, timedelta

import bibtexparser
import pytest
import rispy
from django.utils import timezone
from factories import make_article, make_grant, make_organisation, make_person, make_publication, make_team, make_user

from newsroom.models import Article, ArticlePartner
from research.models import PublicationAuthor

pytestmark = pytest.mark.django_db
FORMATS = ("bib", "ris", "json", "txt")


@pytest.fixture
def team_papers():
    person = make_person(given_name="Корина", family_name="Бускет", slug="korina-busket")
    team = make_team(acronym="MICROPANC", slug="micropanc")
    ours = make_publication(
        title="Stromal {odd} брace: fibroblasts",
        authors=("R Samain", "H A Schmid"),
        doi="10.1016/j.jcmgh.2021.01.008",
        pmid="33482391",
        published_on=date(2021, 1, 19),
        volume="11",
        issue="5",
        pages="1405-1436",
    )
    ours.teams.add(team)
    PublicationAuthor.objects.create(publication=ours, name="К Бускет", person=person, order=2)
    make_publication(title="Someone else's paper", published_on=date(2020, 5, 1))
    return team, person, ours


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("prefix", ["/publications/export", "/api/v1/publications/export"])
def test_a_teams_publications_parse_back_in_every_format(client, team_papers, prefix):
    team, _, ours = team_papers
    bibtex = bibtexparser.parse_string(download(client, f"{prefix}.bib?team={team.slug}"))
    assert not bibtex.failed_blocks
    [entry] = bibtex.entries
    assert entry.entry_type == "article"
    assert entry["doi"] == ours.doi and entry["year"] == "2021" and entry["pages"] == "1405--1436"
    assert entry["author"] == "Samain, R and Schmid, H A and Бускет, К"
    assert "{" not in entry["title"]

    [ris] = rispy.loads(download(client, f"{prefix}.ris?team={team.slug}"))
    assert ris["type_of_reference"] == "JOUR"
    assert ris["doi"] == ours.doi and ris["authors"][2] == "Бускет, К"
    assert (ris["start_page"], ris["end_page"]) == ("1405", "1436")

    [item] = json.loads(download(client, f"{prefix}.json?team={team.slug}"))
    assert item["DOI"] == ours.doi and item["issued"] == {"date-parts": [[2021, 1, 19]]}
    assert item["author"][1] == {"family": "Schmid", "given": "H A"}

    assert download(client, f"{prefix}.txt?team={team.slug}") == ours.citation_text(full=True) + "\n"


def test_a_persons_and_the_institutes_publications_are_exported(client, team_papers):
    _, person, ours = team_papers
    assert [
        entry["DOI"] for entry in json.loads(download(client, f"/publications/export.json?person={person.slug}"))
    ] == [ours.doi]
    assert len(bibtexparser.parse_string(download(client, "/publications/export.bib")).entries) == 2
    assert len(rispy.loads(download(client, "/api/v1/publications/export.ris"))) == 2


def test_an_unknown_format_team_or_person_is_a_404(client, team_papers):
    assert client.get("/publications/export.docx").status_code == 404
    assert client.get("/publications/export.bib?team=nobody").status_code == 404
    assert client.get("/publications/export.bib?person=nobody").status_code == 404
    assert client.get("/publications/export.bib?person=a%00b").status_code == 404  # PostgreSQL refuses NUL


def test_team_person_and_list_pages_link_to_their_exports(client, team_papers):
    team, person, _ = team_papers
    for page, query in (
        (f"/teams/{team.slug}/", f"?team={team.slug}"),
        (f"/people/{person.slug}/", f"?person={person.slug}"),
    ):
        html = download(client, page)
        for file_format in FORMATS:
            assert f'href="/publications/export.{file_format}{query}"' in html
    assert 'href="/publications/export.bib"' in download(client, "/publications/")


def test_export_links_are_translated(client, team_papers):
    client.cookies["django_language"] = "fr"
    assert "Exporter ces publications" in download(client, "/publications/")
    client.cookies["django_language"] = "ru"
    assert "Экспортировать эти публикации" in download(client, "/publications/")


@pytest.fixture
def report_articles():
    now = timezone.now()
    team = make_team(acronym="MICROPANC")
    funder = make_organisation(name="Russian Science Foundation")
    partner = make_organisation(name="=HYPERLINK(evil)")
    person = make_person(given_name="Corinne", family_name="Bousquet", orcid="0000-0002-1825-0097")
    in_period = make_article(
        title="Фибробласты",
        publish_at=now - timedelta(days=3),
        teams=[team],
        people=[person],
        publications=[make_publication(doi="10.1016/j.jcmgh.2021.01.008")],
        grants=[make_grant(funder=funder, award_number="19-75-30016")],
        partners=[(partner, ArticlePartner.Role.COLLABORATION)],
    )
    make_article(title="Other team", publish_at=now - timedelta(days=3))
    make_article(title="Too old", publish_at=now - timedelta(days=400), teams=[team])
    make_article(title="Draft", status=Article.Status.DRAFT, teams=[team])
    make_article(title="Scheduled", publish_at=now + timedelta(days=1), teams=[team])
    make_article(title="Trashed", publish_at=now - timedelta(days=3), deleted_at=now, teams=[team])
    return team, in_period


def report_url(team, file_format):
    today = timezone.localdate()
    start = today - timedelta(days=30)
    return (
        f"/admin/newsroom/article/annual-report/?published_from={start}&published_until={today}"
        f"&team={team.pk}&file_format={file_format}"
    )


def test_the_annual_report_exports_articles_with_their_research_links_as_json(staff_client, report_articles):
    team, article = report_articles
    [item] = json.loads(download(staff_client, report_url(team, "json")))
    assert item["title"] == "Фибробласты" and item["id"] == article.pk
    assert item["teams"] == [{"acronym": "MICROPANC", "name": team.name}]
    assert item["people"] == [{"name": "Corinne Bousquet", "orcid": "0000-0002-1825-0097"}]
    assert item["publications"][0]["doi"] == "10.1016/j.jcmgh.2021.01.008"
    assert item["grants"] == [{"funder": "Russian Science Foundation", "award_number": "19-75-30016"}]
    assert item["partners"] == [{"name": "=HYPERLINK(evil)", "role": "collaboration"}]


def test_the_annual_report_exports_csv_that_a_spreadsheet_reads_safely(staff_client, report_articles):
    team, _ = report_articles
    rows = list(csv.DictReader(io.StringIO(download(staff_client, report_url(team, "csv")).lstrip("\ufeff"))))
    assert [row["title"] for row in rows] == ["Фибробласты"]
    assert rows[0]["grants"] == "Russian Science Foundation 19-75-30016"
    assert rows[0]["partners"].startswith("'=")  # not run as a formula


def test_the_annual_report_without_a_team_covers_the_whole_institute(staff_client, report_articles):
    team, _ = report_articles
    url = report_url(team, "json").replace(f"&team={team.pk}", "")
    assert sorted(item["title"] for item in json.loads(download(staff_client, url))) == ["Other team", "Фибробласты"]


def test_the_annual_report_form_refuses_a_backwards_period_and_is_linked_from_the_list(staff_client, report_articles):
    response = staff_client.get(
        "/admin/newsroom/article/annual-report/?published_from=2025-02-01&published_until=2025-01-01&file_format=csv"
    )
    assert response.status_code == 200
    assert "must not come before its start" in response.content.decode()
    assert staff_client.get("/admin/newsroom/article/annual-report/?published_from=soon").status_code == 200
    assert "/admin/newsroom/article/annual-report/" in download(staff_client, "/admin/newsroom/article/")


def test_the_annual_report_is_for_staff_only(client, report_articles):
    team, _ = report_articles
    response = client.get(report_url(team, "json"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(make_user())  # staff without any right on articles
    assert client.get(report_url(team, "json")).status_code == 403
