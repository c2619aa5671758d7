"""The load-test data set: the sizes asked for, every article linked, and the same rows every time."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from taggit.models import Tag

from newsroom.models import Article, Image
from research.models import Grant, Membership, Organisation, Person, Publication, Team

pytestmark = pytest.mark.django_db

TINY = {"articles": 20, "teams": 3, "people": 12, "publications": 15, "grants": 4, "organisations": 6}


def build(**sizes):
    call_command("build_bench_data", verbosity=0, **(TINY | sizes))


def delete_everything_built():
    for model in (Article, Image, Tag, Grant, Publication, Team, Person, Organisation):
        model.objects.all().delete()


def snapshot():
    """What a reader sees of the data, by natural keys only, so that new primary keys do not matter."""
    articles = Article.objects.for_detail().order_by("slug")
    return [
        (
            article.title,
            article.slug,
            article.publish_at,
            sorted(team.slug for team in article.teams.all()),
            [person.slug for person in article.featured_people],
            [publication.doi for publication in article.publications.all()],
            [grant.award_number for grant in article.grants.all()],
            [link.organisation.slug for link in article.partnerships.all()],
            sorted(tag.name for tag in article.keywords.all()),
        )
        for article in articles
    ]


def test_the_data_set_has_the_sizes_asked_for():
    build()

    assert Article.objects.live().count() == 20
    assert Team.objects.count() == 3
    assert Person.objects.count() == 12
    assert Publication.objects.count() == 15
    assert Grant.objects.count() == 4
    assert Organisation.objects.count() == 6
    assert Membership.objects.count() == 12


def test_every_article_is_linked_as_the_demo_content_is():
    build()

    for article in Article.objects.for_detail():
        assert article.teams.all()
        assert article.featured_people
        assert len(article.publications.all()) == 1
        assert len(article.grants.all()) == 1
        assert len(article.partnerships.all()) == 1
        assert len(article.keywords.all()) == 5
        assert article.lead_image.renditions["shapes"]["card"]["webp"]
        assert len(article.body.split()) >= 600


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search vectors are stored on PostgreSQL only")
def test_on_postgresql_the_articles_are_found_by_search(client):
    build()
    article = Article.objects.last()

    response = client.get("/search/", {"q": article.title})

    assert not Article.objects.filter(search_vector__isnull=True).exists()
    assert article.get_absolute_url() in response.content.decode()


def test_publications_have_authors_some_of_them_people_of_their_team():
    build()

    publication = Publication.objects.with_authors().prefetch_related("teams").first()
    team = publication.teams.get()
    linked = [author.person for author in publication.authors.all() if author.person]
    assert len(publication.authors.all()) >= 4
    assert linked and all(team in person.teams.all() for person in linked)


def test_the_same_sizes_give_the_same_data_after_the_database_is_emptied():
    build()
    first = snapshot()
    delete_everything_built()

    build()

    assert snapshot() == first


def test_another_seed_gives_other_titles():
    build()
    first = snapshot()
    delete_everything_built()

    build(seed=2)

    assert [row[0] for row in snapshot()] != [row[0] for row in first]


def test_a_database_with_articles_is_refused():
    build()

    with pytest.raises(CommandError, match="already has articles"):
        build()
    assert Article.objects.count() == 20


def test_the_planner_knows_the_size_of_the_tables_once_the_data_set_is_built():
    build()

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [Article._meta.db_table])
        else:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s LIMIT 1", [Article._meta.db_table])
        known = cursor.fetchone()
    assert known is not None and float(str(known[0]).split()[0]) == TINY["articles"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="VACUUM is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_tables_are_vacuumed_and_their_search_indexes_built_again():
    build()
    with connection.cursor() as cursor:
        cursor.execute("SELECT relallvisible, relpages FROM pg_class WHERE relname = %s", [Publication._meta.db_table])
        all_visible, pages = cursor.fetchone()
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexdef LIKE %s", ["%USING gin (search_vector)%"])
        search_indexes = {name for (name,) in cursor.fetchall()}
    # Counts read an index alone; every searchable kind's documents are indexed, as after the migrations.
    assert pages > 0 and all_visible == pages
    searchable = (Article, Team, Person, Publication)
    assert {f"{model._meta.db_table}_search_vector_gin" for model in searchable} <= search_indexes
