"""The search page: what it finds, how it ranks and highlights, and that no query breaks it."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from factories import make_article, make_person, make_publication, make_team
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.search_index import fewest_alternatives
from newsroom.models import Article
from public.search import normalize_query, postgres

pytestmark = pytest.mark.django_db

on_postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
without_postgres_only = pytest.mark.skipif(connection.vendor == "postgresql", reason="the fallback of other databases")
SEED_SLUG = "normalization-of-protein-secretions-blocks-metastasis-in-pancreatic-cancer"


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def result_links(html, kind="news"):
    return re.findall(rf'<li class="search-result search-result-{kind}">\s*<h3[^>]*><a href="([^"]+)"', html)


@pytest.mark.parametrize(
    "query", ["fibroblasts", "CSF-1", "10.1016/j.jcmgh.2021.01.008", "doi:10.1016/J.JCMGH.2021.01.008"]
)
def test_the_seed_article_is_found_by_its_words_and_its_publication_doi(client, seeded, query):
    html = search(client, q=query)
    assert f"/news/{SEED_SLUG}/" in result_links(html)


def test_a_publication_is_found_by_its_doi_and_its_pubmed_id(client, db):
    publication = make_publication(
        title="Stromal CSF-1 facilitates metastasis", doi="10.1016/j.jcmgh.2021.01.008", pmid="33482392"
    )
    for query in ("10.1016/j.jcmgh.2021.01.008", "https://doi.org/10.1016/j.jcmgh.2021.01.008", "33482392"):
        assert result_links(search(client, q=query), "publications") == [publication.get_absolute_url()]


def test_teams_and_people_are_found_by_name(client, db):
    team = make_team(acronym="MICROPANC", name="Microenvironment and Therapeutic Resistance in Pancreatic Neoplasia")
    person = make_person(given_name="Corinne", family_name="Bousquet", position="Team leader")
    assert result_links(search(client, q="micropanc"), "teams") == [team.get_absolute_url()]
    assert result_links(search(client, q="Bousquet"), "people") == [person.get_absolute_url()]


def test_only_live_articles_are_found(client, db):
    make_article(title="Fibroblasts in draft", status=Article.Status.DRAFT)
    live = make_article(title="Fibroblasts published")
    assert result_links(search(client, q="fibroblasts")) == [live.get_absolute_url()]


def test_results_can_be_narrowed_to_one_kind_team_and_year(client, db):
    team = make_team()
    in_team = make_article(title="Fibroblasts of the team", teams=[team])
    make_article(title="Fibroblasts elsewhere")
    make_publication(title="Fibroblasts in a paper")
    html = search(client, q="fibroblasts", type="news", team=team.slug, year=in_team.publish_at.year)
    assert result_links(html) == [in_team.get_absolute_url()]
    assert not result_links(html, "publications")
    assert "Nothing found" in search(client, q="fibroblasts", team=team.slug, year=1999)


def test_a_keyword_filter_keeps_articles_with_that_keyword(client, db):
    tagged = make_article(title="Fibroblasts tagged", keywords=["pancreatic adenocarcinoma"])
    make_article(title="Fibroblasts untagged")
    html = search(client, q="fibroblasts", keyword="pancreatic-adenocarcinoma")
    assert result_links(html) == [tagged.get_absolute_url()]


def test_invalid_filters_are_reported_and_the_search_still_runs(client, db):
    article = make_article(title="Fibroblasts")
    html = search(client, q="fibroblasts", team="no-such-team", year="last year", type="unknown")
    assert "could not be used" in html
    assert result_links(html) == [article.get_absolute_url()]


def test_a_chosen_kind_is_paginated(client, db):
    for number in range(12):
        make_article(title=f"Fibroblasts {number}")
    assert len(result_links(search(client, q="fibroblasts"))) == 5
    assert "All 12 results in News" in search(client, q="fibroblasts")
    first, second = search(client, q="fibroblasts", type="news"), search(client, q="fibroblasts", type="news", page=2)
    assert len(result_links(first)) == 10 and len(result_links(second)) == 2
    assert "Page 2 of 2" in second


def test_matched_words_are_highlighted_and_the_text_around_them_escaped(client, db):
    make_article(title="Fibroblasts <script>alert(1)</script> & macrophages", standfirst="What fibroblasts <b>do</b>.")
    html = search(client, q="fibroblasts")
    assert "<mark>Fibroblasts</mark>" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; macrophages" in html
    assert "<b>do</b>" not in html


def test_nothing_found_is_said_plainly(client, db):
    make_article(title="Fibroblasts")
    assert "Nothing found for “zebrafish”" in search(client, q="zebrafish")


@pytest.mark.parametrize(
    "query_string",
    [
        "q=%ff%fe%fd",
        "q=%00%01fibro%7f",
        "q=%E2%80%AE%D0%B0%CC%81",
        "q=" + "x" * 10000,
        "q=%20%20%20",
        "q=a&q=b&page=x",
        "q=%22%22%22",
        "q=-%2B%28%29",
    ],
)
def test_odd_query_strings_give_a_page_not_an_error(client, db, query_string):
    make_article(title="Fibroblasts")
    assert client.get(f"/search/?{query_string}").status_code == 200


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300))
def test_no_query_string_makes_an_error(client, db, query):
    response = client.get("/search/", {"q": query, "type": "news"})
    assert response.status_code == 200
    assert (
        ("Nothing found" in response.content.decode())
        or ('class="search-result' in response.content.decode())
        or not normalize_query(query)
    )


@given(query=st.text(max_size=12000) | st.sampled_from(["&|!:*()", '"', "' OR 1=1 --", "a\x00b", "Δ и é 漢字 🙂"]))
def test_queries_are_normalised_to_short_printable_text(query):
    normalized = normalize_query(query)
    assert len(normalized) <= 200
    assert not re.search(r"[\x00-\x1f\x7f\ud800-\udfff]", normalized)
    assert normalized == normalized.strip()


# PostgreSQL full-text search ---------------------------------------------------------------


@on_postgres_only
def test_on_postgres_a_title_match_outranks_a_body_match(client, db):
    in_body = make_article(title="A result", body="<p>The fibroblasts respond.</p>")
    in_standfirst = make_article(title="Another result", standfirst="About fibroblasts.")
    in_title = make_article(title="Fibroblasts respond")
    links = result_links(search(client, q="fibroblasts"))
    assert links == [in_title.get_absolute_url(), in_standfirst.get_absolute_url(), in_body.get_absolute_url()]


@on_postgres_only
def test_on_postgres_a_common_word_ranks_its_newest_matches_and_says_there_are_more(client, db, monkeypatch):
    monkeypatch.setattr(postgres, "RANKED", 2)
    now = timezone.now()
    oldest = make_article(title="Fibroblasts respond", publish_at=now - timedelta(days=30))
    middle = make_article(title="A result", body="<p>The fibroblasts respond.</p>", publish_at=now - timedelta(days=3))
    newer = make_article(title="Fibroblasts again", publish_at=now - timedelta(days=2))
    newest = make_article(title="Another result", standfirst="About fibroblasts.", publish_at=now - timedelta(days=1))

    everything = search(client, q="fibroblasts")
    news_only = search(client, q="fibroblasts", type="news")

    # the newest three are ranked (title first); the oldest, a title match too, is beyond them
    assert result_links(everything) == [newer.get_absolute_url(), newest.get_absolute_url(), middle.get_absolute_url()]
    assert oldest.get_absolute_url() not in everything
    assert "(more than 2 results)" in everything, re.findall(r"result-count.{0,120}", everything)
    assert "More results in News" in everything
    assert "(more than 2 results)" in news_only


@on_postgres_only
@pytest.mark.parametrize(
    ("latest_matches", "margin", "reads_of_the_latest", "reads_of_the_older"),
    [
        (3, 0, 1, 0),  # the latest three hold enough matches: nothing older is read
        (1, 0, 1, 1),  # too few: the older news are read after them
        (3, 10**9, 0, 0),  # the planner expects too few: the whole archive is read at once
    ],
)
def test_on_postgres_the_latest_news_are_searched_first_with_the_same_results(
    client, db, monkeypatch, latest_matches, margin, reads_of_the_latest, reads_of_the_older
):
    monkeypatch.setattr(postgres, "RANKED", 2)
    now = timezone.now()
    # six articles a day apart, newest first; the latest three hold ``latest_matches`` matches
    titles = ["Fibroblasts"] * latest_matches + ["Macrophages"] * (3 - latest_matches) + ["Fibroblasts"] * 3
    for days, title in enumerate(titles, start=1):
        make_article(title=f"{title} {days}", publish_at=now - timedelta(days=days))
    monkeypatch.setattr(postgres, "RECENT", 1000)
    whole = result_links(search(client, q="fibroblasts"))
    monkeypatch.setattr(postgres, "RECENT", 3)
    monkeypatch.setattr(postgres, "LATEST_MARGIN", margin)
    with CaptureQueriesContext(connection) as queries:
        latest_first = result_links(search(client, q="fibroblasts"))
    assert latest_first == whole and len(whole) == 3
    reads = [q["sql"] for q in queries.captured_queries if 'FROM "newsroom_article"' in q["sql"] and "ctid" in q["sql"]]
    reads = [sql for sql in reads if not sql.startswith("EXPLAIN")]
    assert sum('"publish_at" >= ' in sql for sql in reads) == reads_of_the_latest, reads
    assert sum('"publish_at" < ' in sql for sql in reads) == reads_of_the_older, reads
    assert len(reads) == max(1, reads_of_the_latest + reads_of_the_older)


@on_postgres_only
def test_on_postgres_words_are_stemmed_in_the_articles_language(client, db):
    french = make_article(title="Les fibroblastes bloquent les métastases", language="fr")
    russian = make_article(title="Химиотерапия рака молочной железы", language="ru")
    assert result_links(search(client, q="métastase")) == [french.get_absolute_url()]
    assert result_links(search(client, q="химиотерапии")) == [russian.get_absolute_url()]


@on_postgres_only
def test_on_postgres_the_database_highlights_stemmed_matches(client, db):
    make_article(title="Fibroblast secretions", body="<p>Cancer-related <em>fibroblasts</em> secrete proteins.</p>")
    html = search(client, q="fibroblasts secreting")
    assert "<mark>Fibroblast</mark> <mark>secretions</mark>" in html
    assert "<mark>fibroblasts</mark> <mark>secrete</mark>" in html
    assert "<em>" not in html


def test_a_hyphenated_word_is_highlighted_whole(client, db):
    make_article(title="Blocking the CSF-1 receptor", standfirst="Without CSF-1, macrophages leave.")
    html = search(client, q="CSF-1")
    assert "<mark>CSF-1</mark> receptor" in html and "Without <mark>CSF-1</mark>," in html


@on_postgres_only
def test_on_postgres_a_hyphenated_word_finds_its_parts_and_is_highlighted_whole(client, db):
    hyphenated = make_article(title="Single-cell sequencing of tumours")
    spaced = make_article(title="Sequencing single cells")
    make_article(title="A single sample")
    # the parts are whole words: not any word that begins with one
    make_article(title="Single cellular sequencing")
    html = search(client, q="single-cell")
    assert set(result_links(html)) == {hyphenated.get_absolute_url(), spaced.get_absolute_url()}
    assert "<mark>Single-cell</mark> sequencing" in html


@on_postgres_only
def test_on_postgres_the_stored_vector_follows_edits(client, db):
    article = make_article(title="Macrophages")
    article.title = "Gemcitabine"
    article.save()
    assert result_links(search(client, q="gemcitabine")) == [article.get_absolute_url()]
    assert "Nothing found" in search(client, q="macrophages")


@on_postgres_only
def test_on_postgres_websearch_syntax_is_understood(client, db):
    both = make_article(title="Fibroblasts and macrophages")
    make_article(title="Fibroblasts alone")
    assert result_links(search(client, q="fibroblasts -alone")) == [both.get_absolute_url()]
    assert result_links(search(client, q='"fibroblasts and macrophages"')) == [both.get_absolute_url()]


def test_the_parses_of_a_query_are_or_ed_once_each_without_those_another_includes():
    # identical parses once; a prefix that begins another's lexeme at the same place includes it
    assert fewest_alternatives(["'metastasi':*", "'metastas':*", "'metastasi':*", "'metastasis':*"]) == "'metastas':*"
    assert (
        fewest_alternatives(["'pancreat':* & 'metastasi':*", "'pancreat':* & 'metastas':*", ""])
        == "'pancreat':* & 'metastas':*"
    )
    # a whole word does not include its longer forms; other operators or a negation keep both
    assert fewest_alternatives(["'cell'", "'cells'"]) == "( 'cell' ) | ( 'cells' )"
    assert fewest_alternatives(["'a':* & 'b':*", "'a':* <-> 'bc':*"]) == "( 'a':* & 'b':* ) | ( 'a':* <-> 'bc':* )"
    assert fewest_alternatives(["!'tumour':*", "!'tumours':*"]) == "( !'tumour':* ) | ( !'tumours':* )"
    assert fewest_alternatives(["'it''s':*", "'it''s a':*"]) == "'it''s':*"
    assert fewest_alternatives(["", ""]) == ""


@on_postgres_only
def test_on_postgres_a_search_asks_the_index_for_each_word_once(client, db):
    found = make_article(title="Breast cancer patients and metastasis")
    with CaptureQueriesContext(connection) as queries:
        html = search(client, q="breast cancer patients metastasis")
    assert result_links(html) == [found.get_absolute_url()]
    news = next(query["sql"] for query in queries.captured_queries if "ctid = ANY(ARRAY(" in query["sql"])
    tsquery = re.search(r"ctid = ANY\(ARRAY\(.*? @@ \((.*?)\)::tsquery", news).group(1)
    # four configurations parse these words, but each is looked up once
    assert tsquery.count(":*") == 4 and tsquery.count("&") == 3 and "|" not in tsquery, tsquery


# The fallback elsewhere ----------------------------------------------------------------------


@without_postgres_only
def test_without_postgres_every_word_must_occur_and_title_matches_come_first(client, db):
    in_body = make_article(title="A result", body="<p>Fibroblasts and macrophages.</p>", is_featured=False)
    in_title = make_article(title="Fibroblasts and macrophages")
    make_article(title="Fibroblasts alone")
    assert result_links(search(client, q="macrophages fibroblasts")) == [
        in_title.get_absolute_url(),
        in_body.get_absolute_url(),
    ]


@without_postgres_only
def test_without_postgres_matches_are_highlighted_in_python(client, db):
    make_article(title="Stromal CSF-1 facilitates metastasis", body="<p>Less CSF-1, fewer metastases.</p>")
    html = search(client, q="csf-1")
    assert "Stromal <mark>CSF-1</mark> facilitates" in html
    assert "Less <mark>CSF-1</mark>, fewer" in html


def test_result_dates_use_the_languages_date_format(client, db, settings):
    make_article(title="Fibroblasts", publish_at="2021-02-09T10:00Z")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    html = search(client, q="fibroblasts")

    assert "9 февраля 2021" in html and "Февраль" not in html
