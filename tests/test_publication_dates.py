"""Publication dates keep their precision (a year, a month or a day): read, stored and shown as given."""

import json
from datetime import date

import pytest
from django.utils import translation
from factories import make_publication

from api.serializers import publication as publication_json
from public.structured_data import scholarly_article_data
from research.dates import PartialDate, Precision
from research.exports import csl_item, ris_entry, to_bibtex
from research.forms import PublicationForm
from research.importing import ImportRights, import_file
from research.models import Publication
from research.sources.crossref import parse_work
from research.sources.records import make_date, parse_date

SITE = ImportRights.of_the_site()


@pytest.mark.parametrize(
    "text, parts",
    [
        ("2021", [2021]),
        ("2021 Jan", [2021, 1]),
        ("2021 Jan-Feb", [2021, 1]),
        ("2021/01/19/", [2021, 1, 19]),
        ("2021///", [2021]),
        ("2021-01", [2021, 1]),
        ("20210119", [2021, 1, 19]),
        ("2021 Feb 30", [2021, 2]),
    ],
)
def test_dates_are_read_only_as_far_as_the_source_gives_them(text, parts):
    assert parse_date(text).parts() == parts


def test_a_date_without_a_month_or_with_an_impossible_one_is_a_year():
    assert make_date("2021", None, "19").precision == Precision.YEAR
    assert make_date("2021", "13").precision == Precision.YEAR
    assert make_date("2021", "3", "7").precision == Precision.DAY


def test_crossref_date_parts_keep_their_precision():
    assert parse_work({"title": ["T"], "published-online": {"date-parts": [[2021, 3]]}}).published_on.iso() == "2021-03"
    assert parse_work({"title": ["T"], "issued": {"date-parts": [[2019]]}}).published_on.iso() == "2019"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filename, content",
    [
        ("a.bib", "@article{a, title={Month only}, journal={J}, year={2021}, month={mar}}\n"),
        ("a.ris", "TY  - JOUR\nTI  - Month only\nDA  - 2021/03//\nER  - \n"),
        ("a.nbib", "PMID- 123\nTI  - Month only.\nDP  - 2021 Mar\n\n"),
    ],
)
def test_a_file_import_stores_the_precision_it_read(filename, content):
    import_file(filename, content.encode(), rights=SITE)
    publication = Publication.objects.get(title="Month only")
    assert (publication.published_on, publication.published_on_precision) == (date(2021, 3, 1), Precision.MONTH)
    assert publication.citation_date == "2021 Mar"


@pytest.mark.django_db
def test_a_year_only_publication_is_cited_exported_and_described_without_a_month_or_day(rf):
    publication = make_publication(
        title="Old paper", journal_abbreviation="J", published_on=date(2019, 1, 1), published_on_precision="year"
    )
    publication = Publication.objects.with_authors().get(pk=publication.pk)
    assert publication.citation_source == "J. 2019."
    assert publication.published_display == "2019"
    assert csl_item(publication)["issued"] == {"date-parts": [[2019]]}
    assert ris_entry(publication)["date"] == "2019///"
    assert "month" not in to_bibtex([publication])
    assert scholarly_article_data(publication, lambda path: path)["datePublished"] == "2019"
    assert publication_json(rf.get("/api/v1/"), publication)["published_on"] == "2019"


@pytest.mark.django_db
def test_a_month_publication_is_shown_as_a_month_in_each_language(client):
    publication = make_publication(title="March paper", published_on=date(2022, 3, 1), published_on_precision="month")
    assert publication.citation_date == "2022 Mar"
    assert publication.published.slashed() == "2022/03"
    assert publication.published_display == "March 2022"
    with translation.override("ru"):
        assert publication.published_display.lower().startswith("март 2022")
    with translation.override("fr"):
        assert publication.published_display.lower() == "mars 2022"
    page = client.get(publication.get_absolute_url()).content.decode()
    assert '<meta name="citation_publication_date" content="2022/03">' in page
    assert "2022 Mar 1" not in page


@pytest.mark.django_db
def test_the_api_gives_the_date_and_its_precision(client):
    make_publication(title="March paper", published_on=date(2022, 3, 1), published_on_precision="month")
    item = json.loads(client.get("/api/v1/publications").content)["items"][0]
    assert (item["published_on"], item["published_on_precision"]) == ("2022-03", "month")


@pytest.mark.parametrize(
    "typed, parts",
    [("2021", [2021]), ("2021-03", [2021, 3]), ("03/2021", [2021, 3]), ("2021-03-07", [2021, 3, 7])],
)
def test_the_admin_form_takes_a_date_as_far_as_it_is_known(typed, parts):
    form = PublicationForm(data={"title": "T", "status": "published", "kind": "article", "published_on": typed})
    assert form.is_valid(), form.errors
    publication = form.save(commit=False)
    assert publication.published.parts() == parts
    assert publication.published_on_precision == {1: "year", 2: "month", 3: "day"}[len(parts)]


def test_the_admin_form_refuses_what_is_not_a_date_and_explains():
    form = PublicationForm(data={"title": "T", "status": "published", "kind": "article", "published_on": "2021-13"})
    assert not form.is_valid()
    assert "Enter a year (2021), a month (2021-01)" in str(form.errors["published_on"])


@pytest.mark.django_db
def test_the_admin_shows_a_month_as_a_month_in_the_list_and_the_form(staff_client):
    publication = make_publication(title="March paper", published_on=date(2022, 3, 1), published_on_precision="month")
    listing = staff_client.get("/admin/research/publication/").content.decode()
    assert "March 2022" in listing and "March 1, 2022" not in listing
    form = staff_client.get(f"/admin/research/publication/{publication.pk}/change/").content.decode()
    assert 'name="published_on" value="2022-03"' in form


def test_a_partial_date_survives_pickling():
    import pickle

    assert pickle.loads(pickle.dumps(PartialDate(2021, 3))).iso() == "2021-03"


@pytest.mark.django_db
def test_a_more_precise_date_that_agrees_completes_a_known_one_and_a_different_one_does_not():
    publication = make_publication(title="Month only", doi="10.1000/month", published_on=date(2021, 3, 1))
    publication.published = PartialDate(2021, 3)
    publication.save()

    import_file("a.ris", b"TY  - JOUR\nTI  - Month only\nDO  - 10.1000/month\nDA  - 2021/03/19/\nER  - \n", rights=SITE)
    publication.refresh_from_db()
    assert publication.published.iso() == "2021-03-19"

    import_file("b.ris", b"TY  - JOUR\nTI  - Month only\nDO  - 10.1000/month\nDA  - 2022/01/02/\nER  - \n", rights=SITE)
    publication.refresh_from_db()
    assert publication.published.iso() == "2021-03-19"
