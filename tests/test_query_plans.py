"""Query plans at scale on PostgreSQL: the search documents are read through their GIN indexes,
whatever the planner would rather do, by the public search and by the admin's article search; a
page of the publication list is read from an index of its order."""

import random
import re
import string

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from factories import make_article, make_person, make_publication, make_team

from core.search_index import planned
from public import search
from research.models import Publication

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner and GIN indexes"),
]
TABLES = {
    "news": "newsroom_article",
    "teams": "research_team",
    "people": "research_person",
    "publications": "research_publication",
}


def plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def rows():
    for number in range(30):
        make_article(title=f"Fibroblasts {number}", standfirst="Stromal cells.")
        make_team(acronym=f"F{number}", summary="Fibroblasts in tumours")
        make_person(position="Fibroblasts")
        make_publication(title=f"Fibroblasts {number}")


@pytest.mark.parametrize("kind", TABLES)
def test_each_kind_is_matched_through_its_gin_index_and_never_a_table_scan(rows, kind):
    with planned():
        explained = plan(search.search("fibroblasts")[kind][:5])
    table = TABLES[kind]
    assert f"Bitmap Index Scan on {table}_search_vector_gin" in explained
    assert f"Seq Scan on {table}" not in explained


@pytest.mark.parametrize("kind", TABLES)
def test_each_kinds_newest_matches_are_ranked_by_their_addresses_not_looked_up_by_key(rows, kind):
    sql, _params = search.search("fibroblasts")[kind][:5].query.sql_with_params()
    # The GIN's matches by address, then the newest of them by address again, in one statement: the
    # rows to rank are read from their pages, not found through the primary key's index.
    assert sql.count("ctid = ANY(ARRAY(") == 2, sql
    assert '"id" IN (SELECT' not in sql


def test_the_news_ranked_by_a_search_are_not_joined_to_pictures_it_does_not_show(rows):
    sql, _params = search.search("fibroblasts")["news"][:5].query.sql_with_params()
    assert "newsroom_image" not in sql


def test_the_search_page_runs_its_queries_under_the_planner_settings(client, rows):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/search/", {"q": "fibroblasts"}).status_code == 200
    statements = [query["sql"] for query in queries.captured_queries]
    settings_at = next(number for number, sql in enumerate(statements) if "set_config('enable_seqscan'" in sql)
    first_match = next(number for number, sql in enumerate(statements) if "ctid = ANY(ARRAY(" in sql)
    assert settings_at < first_match


def test_the_planner_settings_last_only_as_long_as_the_search(db):
    with planned(), connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("off",)
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)


def test_the_admin_finds_articles_by_their_search_document_and_by_part_of_a_title(staff_client):
    by_keyword = make_article(title="A stromal story", keywords=["mechanobiology"])
    by_title_part = make_article(title="CSF-1R blockade")
    make_article(title="Unrelated")
    url = "/admin/newsroom/article/"
    found = staff_client.get(url, {"q": "mechanobiology"}).content.decode()
    assert by_keyword.title in found and "CSF-1R blockade" not in found and "Unrelated" not in found
    found = staff_client.get(url, {"q": "1R block"}).content.decode()
    assert by_title_part.title in found and by_keyword.title not in found
    # Read as a regular expression by the database, any character is only itself.
    for odd in ("CSF-1R (", "[block*", "\\", "1R.b"):
        assert staff_client.get(url, {"q": odd}).status_code == 200
    assert by_title_part.title not in staff_client.get(url, {"q": "1R.b"}).content.decode()


def test_the_admins_article_search_uses_the_gin_index(staff_client, rows):
    with CaptureQueriesContext(connection) as queries:
        assert staff_client.get("/admin/newsroom/article/", {"q": "stromal"}).status_code == 200
    counted = next(query["sql"] for query in queries.captured_queries if query["sql"].startswith("SELECT COUNT(*)"))
    assert "ctid = ANY(ARRAY(" in counted and "search_vector" in counted


def test_a_page_of_the_publication_list_reads_an_index_of_its_order(db):
    for number in range(30):
        make_publication(title=f"Paper {number}")
    with connection.cursor() as cursor:
        # Thirty rows are quicker to sort than to look up: the plan of a large list, which has an index of its order.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    explained = plan(Publication.objects.all()[:20])
    assert "Index Scan using publication_list_order" in explained and "Sort" not in explained


def test_a_search_document_reads_its_keyword_links_through_their_index(db):
    from django.db.models import sql

    from core.search_index import search_vector_expression
    from newsroom.models import Article

    article = make_article(title="Fibroblasts", keywords=["stroma", "matrix"])
    update = Article._base_manager.filter(pk=article.pk).query.chain(sql.UpdateQuery)
    update.add_update_values({"search_vector": search_vector_expression(Article, Article.search_parts)})
    statement, params = update.get_compiler(connection.alias).as_sql()
    with connection.cursor() as cursor:
        # A table of a few links is quicker to scan: the plan of a large site, where an index serves.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + statement, params)
        explained = "\n".join(row[0] for row in cursor.fetchall())
    # The links are found by their index on (content type, object), not read through with a filter.
    assert re.search(r"Index Cond: \(\(content_type_id = \d+\) AND \(object_id = ", explained), explained


@pytest.mark.parametrize("table", ["newsroom_article", "research_publication"])
def test_long_texts_are_kept_out_of_the_rows_that_searches_and_lists_read(db, table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [table])
        assert "toast_tuple_target=1024" in cursor.fetchone()[0]


def out_of_line_values(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltoastrelid::regclass FROM pg_class WHERE relname = %s", [table])
        (toast,) = cursor.fetchone()
        cursor.execute(f"SELECT count(DISTINCT chunk_id) FROM {toast}")
        return cursor.fetchone()[0]


def test_an_articles_search_document_is_kept_in_its_row_and_its_long_body_out_of_it(db):
    words = random.Random(7)
    vocabulary = ["".join(words.choices(string.ascii_lowercase, k=words.randint(5, 11))) for _ in range(150)]
    before = out_of_line_values("newsroom_article")
    article = make_article(title="Fibroblasts", body=f"<p>{' '.join(words.choices(vocabulary, k=600))}</p>")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_column_size(search_vector) FROM newsroom_article WHERE id = %s", [article.pk])
        assert cursor.fetchone()[0] > 2000  # a document the size of a 600-word article's
    # One value of the row went out of line, the body; a search ranks the document without reading it.
    assert out_of_line_values("newsroom_article") == before + 1


def test_the_admins_searched_list_reads_its_matches_under_the_planner_settings(staff_client, rows):
    # The date hierarchy's queries (first and last dates, then the years) are run as the page renders.
    with CaptureQueriesContext(connection) as queries:
        assert staff_client.get("/admin/newsroom/article/", {"q": "stromal"}).status_code == 200
    statements = [query["sql"] for query in queries.captured_queries]
    # Inside the test's transaction, the settings are made, then put back as they were.
    made, put_back = [number for number, sql in enumerate(statements) if "set_config(" in sql]
    matching = [number for number, sql in enumerate(statements) if '"search_vector" @@' in sql]
    assert any('MIN("newsroom_article"."publish_at")' in statements[number] for number in matching)
    assert all(made < number < put_back for number in matching)
