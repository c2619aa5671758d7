"""What readers type finds what they mean: word beginnings, any accents, keywords, authors, a
"did you mean"; and every kind's stored search document follows its edits."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from factories import make_article, make_person, make_publication, make_team
from test_search import result_links, search

from newsroom.models import Article
from research.models import Person, Publication, PublicationAuthor, Team

pytestmark = pytest.mark.django_db

on_postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")


def russian_article():
    return make_article(
        title="Химиотерапия и микроокружение опухоли",
        body="<p>Новые аспекты профилактики метастазирования.</p>",
        language="ru",
    )


@pytest.mark.parametrize("query", ["метастаз", "метастазы", "Метастазирования"])
def test_a_russian_word_finds_the_article_by_its_beginning_or_another_form(client, db, query):
    article = russian_article()
    assert result_links(search(client, q=query)) == [article.get_absolute_url()]


@pytest.mark.parametrize("query", ["pancreas", "pancréas", "PANCREAS"])
def test_accents_and_case_do_not_matter(client, db, query):
    article = make_article(title="Le microenvironnement du cancer du pancréas", language="fr")
    assert result_links(search(client, q=query)) == [article.get_absolute_url()]


def test_a_word_beginning_finds_the_whole_word(client, db):
    article = make_article(title="Fibroblasts and macrophages")
    assert result_links(search(client, q="macroph")) == [article.get_absolute_url()]


def test_an_article_is_found_by_its_keywords(client, db):
    tagged = make_article(title="A new treatment", keywords=["melanoma"])
    make_article(title="Another treatment")
    assert result_links(search(client, q="melanoma")) == [tagged.get_absolute_url()]


def test_a_team_is_found_by_the_keywords_the_seed_loader_gives_it(client, seeded):
    assert result_links(search(client, q="adenocarcinoma"), "teams") == ["/teams/micropanc/"]


def test_a_publication_is_found_by_an_author_written_in_bulk_as_importers_write_them(client, db):
    publication = make_publication(title="Stromal CSF-1 facilitates metastasis", authors=())
    PublicationAuthor.objects.bulk_create([PublicationAuthor(publication=publication, name="M Fanjul", order=0)])
    assert result_links(search(client, q="Fanjul"), "publications") == [publication.get_absolute_url()]


def test_news_can_be_narrowed_to_one_language(client, db):
    french = make_article(title="Fibroblastes et métastases", language="fr")
    make_article(title="Fibroblasts and metastases", language="en")
    html = search(client, q="fibrobl", language="fr")
    assert result_links(html) == [french.get_absolute_url()]
    assert "search-result-teams" not in html


def test_an_unknown_language_is_reported_and_ignored(client, db):
    article = make_article(title="Fibroblasts")
    html = search(client, q="fibroblasts", language="xx")
    assert "could not be used" in html
    assert result_links(html) == [article.get_absolute_url()]


def test_a_misspelt_query_gets_a_did_you_mean_link(client, db):
    make_article(title="Fibroblasts and macrophages")
    html = search(client, q="fibroblsts")
    assert "Nothing found" in html
    assert 'Did you mean: <a href="?q=fibroblasts">fibroblasts</a>' in html


def test_a_query_that_finds_something_gets_no_did_you_mean(client, db):
    make_article(title="Fibroblasts and macrophages")
    assert "Did you mean" not in search(client, q="fibroblasts")


def test_the_search_page_offers_the_language_filter_in_the_readers_language(client, db, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = search(client, q="x")
    assert "Toutes les langues" in html


# The stored documents ------------------------------------------------------------------------


def stored_match(model, pk, word):
    """Whether the stored search document of one row holds ``word`` (its stem, on PostgreSQL)."""
    rows = model.objects.filter(pk=pk)
    if connection.vendor == "postgresql":
        query = SearchQuery(word, search_type="plain", config="newsroom_english") | SearchQuery(
            word, search_type="plain", config="newsroom_simple"
        )
        return rows.filter(search_vector=query).exists()
    return rows.filter(search_vector__contains=word.casefold()).exists()


@pytest.mark.parametrize(
    ("make", "field", "value"),
    [
        (make_article, "title", "Gemcitabine"),
        (make_team, "summary", "Gemcitabine"),
        (make_person, "position", "Gemcitabine"),
        (make_publication, "abstract", "Gemcitabine"),
    ],
)
def test_the_stored_document_of_each_kind_follows_its_saved_edits(db, make, field, value):
    row = make()
    assert not stored_match(type(row), row.pk, value)
    setattr(row, field, value)
    row.save()
    assert stored_match(type(row), row.pk, value)


@pytest.mark.parametrize("model", [Article, Team])
def test_keywords_added_after_the_row_are_in_its_document_once_refreshed(db, model):
    row = make_article() if model is Article else make_team()
    row.keywords.add("melanoma")
    assert not stored_match(model, row.pk, "melanoma")
    row.refresh_search_vector()
    assert stored_match(model, row.pk, "melanoma")


def test_a_publication_document_follows_its_author_list(db):
    publication = make_publication(authors=("R Samain",))
    assert stored_match(Publication, publication.pk, "Samain")
    author = publication.authors.get()
    author.name = "A Brunel"
    author.save()
    assert stored_match(Publication, publication.pk, "Brunel")
    assert not stored_match(Publication, publication.pk, "Samain")
    author.delete()
    assert not stored_match(Publication, publication.pk, "Brunel")


@on_postgres_only
def test_on_postgres_names_weigh_more_than_biographies(client, db):
    in_bio = make_person(given_name="Ada", family_name="Lovelace", bio="Worked with Remi Samain.")
    named = make_person(given_name="Remi", family_name="Samain")
    links = result_links(search(client, q="samain", type="people"), "people")
    assert links == [named.get_absolute_url(), in_bio.get_absolute_url()]


@on_postgres_only
def test_on_postgres_each_kind_has_a_gin_index_on_its_vector(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_indexes WHERE indexdef LIKE '%USING gin (search_vector)%'")
        tables = {row[0] for row in cursor.fetchall()}
    assert {Article._meta.db_table, Team._meta.db_table, Person._meta.db_table, Publication._meta.db_table} <= tables
