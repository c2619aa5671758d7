"""Funder reporting: the public articles that acknowledge a grant or a funder, on the site and as CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from factories import make_article, make_grant, make_organisation, make_team

from newsroom.models import Article, ArticlePartner
from research.models import Organisation


@pytest.fixture
def funder(db):
    return make_organisation(name="Russian Science Foundation", short_name="RSF", kind=Organisation.Kind.FUNDING_AGENCY)


def rows_of(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def report_url(obj):
    return reverse(f"admin:research_{obj._meta.model_name}_outreach_report", args=[obj.pk])


def test_a_grants_csv_lists_its_live_articles_with_title_date_url_and_teams(staff_client, funder):
    grant = make_grant(funder=funder, award_number="19-75-30016")
    team = make_team(acronym="TME", name="Tumour microenvironment")
    published = make_article(title="Chemotherapy and metastasis", grants=[grant], teams=[team])
    make_article(title="A draft", grants=[grant], status=Article.Status.DRAFT)
    make_article(title="Scheduled", grants=[grant], publish_at=timezone.now() + timedelta(days=3))
    make_article(title="Unrelated")

    rows = rows_of(staff_client.get(report_url(grant)))

    assert rows == [
        ["Title", "Date", "URL", "Teams", "Grants acknowledged"],
        [
            "Chemotherapy and metastasis",
            published.publish_at.date().isoformat(),
            f"http://testserver{published.get_absolute_url()}",
            "TME: Tumour microenvironment",
            "19-75-30016",
        ],
    ]


def test_a_funders_csv_lists_articles_for_any_of_its_grants_or_its_support(staff_client, funder):
    first, second = make_grant(funder=funder, award_number="19-75-30016"), make_grant(funder=funder)
    both = make_article(title="Both grants", grants=[first, second])
    supported = make_article(title="Supported", partners=[(funder, ArticlePartner.Role.SUPPORT)])
    make_article(title="Only a collaboration", partners=[(funder, ArticlePartner.Role.COLLABORATION)])
    make_article(title="Another funder's grant", grants=[make_grant()])

    rows = rows_of(staff_client.get(report_url(funder)))

    assert sorted(row[0] for row in rows[1:]) == ["Both grants", "Supported"]
    assert {row[0]: row[4] for row in rows[1:]} == {
        both.title: "; ".join(sorted([first.award_number, second.award_number])),
        supported.title: "",
    }


def test_the_csv_keeps_titles_from_running_as_spreadsheet_formulas(staff_client, funder):
    grant = make_grant(funder=funder)
    make_article(title='=HYPERLINK("http://evil.example")', grants=[grant])
    rows = rows_of(staff_client.get(report_url(grant)))
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example")'


def test_the_change_pages_list_the_live_articles_and_offer_the_download(staff_client, funder):
    grant = make_grant(funder=funder)
    article = make_article(title="Chemotherapy and metastasis", grants=[grant])
    for obj in (grant, funder):
        page = staff_client.get(reverse(f"admin:research_{obj._meta.model_name}_change", args=[obj.pk])).text
        assert f'<a href="{article.get_absolute_url()}">Chemotherapy and metastasis</a>' in page
        assert f'href="{report_url(obj)}" download>Outreach report (CSV)</a>' in page


def test_the_report_is_for_staff_only(client, funder):
    grant = make_grant(funder=funder)
    response = client.get(report_url(grant))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_report_of_a_grant_that_does_not_exist_is_refused(staff_client):
    assert staff_client.get(reverse("admin:research_grant_outreach_report", args=[999])).status_code == 403


def test_the_funders_public_page_lists_the_articles_acknowledging_its_grants(client, funder):
    grant = make_grant(funder=funder)
    make_article(title="Thanks to the grant", grants=[grant])
    make_article(title="A draft", grants=[grant], status=Article.Status.DRAFT)
    page = client.get(funder.get_absolute_url()).text
    assert "Thanks to the grant" in page
    assert "A draft" not in page


def test_the_grants_public_page_lists_the_articles_acknowledging_it(client, funder):
    grant = make_grant(funder=funder)
    make_article(title="Thanks to the grant", grants=[grant])
    page = client.get(grant.get_absolute_url()).text
    assert "News acknowledging this grant" in page
    assert "Thanks to the grant" in page


def test_the_seeded_rsf_grants_report_the_second_seed_article(seeded, staff_client):
    rsf = Organisation.objects.get(short_name="RSF")
    rows = rows_of(staff_client.get(report_url(rsf)))
    assert [row[0] for row in rows[1:]] == [
        "Cancer chemotherapy and the microenvironment: new aspects of metastasis prevention"
    ]
    assert rows[1][4] == "14-15-00318; 19-75-30016"
