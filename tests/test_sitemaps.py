from datetime import datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.utils import timezone
from factories import make_article, make_grant, make_organisation, make_person, make_publication, make_team
from lxml import etree
from sitemap_pages import sitemap_documents, sitemap_locations

from newsroom.models import Article, ArticlePartner, SiteSettings
from public import sitemaps

pytestmark = pytest.mark.django_db

INSTITUTE = "Toulouse Cancer Research Center"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}
SITEMAP_SCHEMA = Path(__file__).parent / "data" / "sitemap.xsd"
INDEX_SCHEMA = Path(__file__).parent / "data" / "siteindex.xsd"


@pytest.fixture(autouse=True)
def institute(db):
    return SiteSettings.objects.create(institute_name=INSTITUTE)


def fetch_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


def sitemap_entries(client, url="/sitemap.xml"):
    """{absolute address: lastmod or None} of every <url> in the sitemap, or in every sitemap the index names."""
    roots = (
        [fetch_xml(client, url)] if url != "/sitemap.xml" else map(ElementTree.fromstring, sitemap_documents(client))
    )
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for root in roots
        for url in root
    }


def absolute(obj):
    return f"http://testserver{obj.get_absolute_url()}"


def test_sitemap_lists_live_articles_with_their_last_modification_date(client):
    article = make_article()
    article.save()  # its last edit is now later than its publication

    entries = sitemap_entries(client)

    assert entries[absolute(article)] == timezone.localdate(article.updated_at).isoformat()


def test_sitemap_dates_a_scheduled_article_from_when_it_appeared(client):
    article = make_article(publish_at=timezone.now() - timedelta(hours=1))
    Article.objects.filter(pk=article.pk).update(updated_at=article.publish_at - timedelta(days=10))

    entries = sitemap_entries(client)

    assert entries[absolute(article)] == timezone.localdate(article.publish_at).isoformat()


def test_sitemap_lists_the_list_pages_active_teams_people_and_publications(client):
    team = make_team()
    retired_team = make_team(is_active=False)
    person = make_person()
    publication = make_publication()

    entries = sitemap_entries(client)

    for path in ("/", "/news/", "/teams/", "/publications/"):
        assert f"http://testserver{path}" in entries
    assert absolute(team) in entries
    assert absolute(retired_team) not in entries
    assert absolute(person) in entries
    assert absolute(publication) in entries


def test_sitemap_lists_partners_and_grants_only_when_a_live_article_names_them(client):
    partner, quiet_partner = make_organisation(), make_organisation()
    grant, unmentioned_grant = make_grant(), make_grant()
    make_article(partners=[(partner, ArticlePartner.Role.COLLABORATION)], grants=[grant])
    make_article(partners=[(partner, ArticlePartner.Role.SUPPORT)], grants=[grant])

    entries = sitemap_entries(client)

    assert absolute(partner) in entries
    assert absolute(grant) in entries
    assert absolute(quiet_partner) not in entries
    assert absolute(unmentioned_grant) not in entries


def test_sitemap_is_valid_against_the_sitemaps_org_schema(client):
    funder = make_organisation(name="Russian Science Foundation")
    make_article(
        title="Chemotherapy & metastasis",
        teams=[make_team()],
        people=[make_person()],
        publications=[make_publication()],
        grants=[make_grant(funder=funder)],
        partners=[(make_organisation(name="Beaujon Hospital"), ArticlePartner.Role.COLLABORATION)],
    )
    schema = etree.XMLSchema(etree.parse(SITEMAP_SCHEMA))

    index = etree.fromstring(client.get("/sitemap.xml").content)
    documents = [etree.fromstring(document) for document in sitemap_documents(client)]

    index_schema = etree.XMLSchema(etree.parse(INDEX_SCHEMA))
    assert index_schema.validate(index), index_schema.error_log
    for document in documents:
        assert schema.validate(document), schema.error_log
    # the list pages, then one article, team, person, publication, grant, partner and funder
    assert sum(len(document) for document in documents) == 5 + 7


NOW = timezone.now()
HIDDEN_ARTICLES = {
    "draft": {"status": Article.Status.DRAFT},
    "in review": {"status": Article.Status.IN_REVIEW},
    "unpublished": {"status": Article.Status.UNPUBLISHED},
    "future": {"publish_at": NOW + timedelta(hours=1)},
    "expired": {"expire_at": NOW - timedelta(minutes=1)},
    "draft and future": {"status": Article.Status.DRAFT, "publish_at": NOW + timedelta(hours=1)},
    "draft and expired": {"status": Article.Status.DRAFT, "expire_at": NOW - timedelta(minutes=1)},
    "future and expired": {"publish_at": NOW + timedelta(hours=1), "expire_at": NOW - timedelta(minutes=1)},
}


@pytest.mark.parametrize("fields", HIDDEN_ARTICLES.values(), ids=HIDDEN_ARTICLES.keys())
@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-news.xml"])
def test_articles_the_public_may_not_see_are_absent_from_the_sitemaps_with_what_only_they_name(client, fields, url):
    live = make_article(publish_at=NOW - timedelta(hours=2), expire_at=NOW + timedelta(days=30))
    partner, grant = make_organisation(), make_grant()
    hidden = make_article(
        partners=[(partner, ArticlePartner.Role.SUPPORT)],
        grants=[grant],
        **{"publish_at": NOW - timedelta(hours=1), **fields},
    )

    entries = sitemap_entries(client, url)

    assert absolute(live) in entries
    assert absolute(hidden) not in entries
    assert absolute(partner) not in entries
    assert absolute(grant) not in entries


def test_news_sitemap_lists_only_the_last_two_days_of_live_articles(client):
    recent = make_article(publish_at=NOW - timedelta(hours=47))
    older = make_article(publish_at=NOW - timedelta(hours=49))

    entries = sitemap_entries(client, "/sitemap-news.xml")

    assert set(entries) == {absolute(recent)}
    assert absolute(older) in sitemap_entries(client)


def test_news_sitemap_gives_publication_language_date_and_title_in_google_news_format(client):
    article = make_article(title="Химиотерапия & метастазы", language="ru", publish_at=NOW - timedelta(hours=3))

    root = fetch_xml(client, "/sitemap-news.xml")

    (url,) = root.findall("sm:url", NS)
    assert url.findtext("sm:loc", namespaces=NS) == absolute(article)
    news = url.find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == INSTITUTE
    assert news.findtext("news:publication/news:language", namespaces=NS) == "ru"
    assert news.findtext("news:title", namespaces=NS) == "Химиотерапия & метастазы"
    published = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    assert published == article.publish_at


def test_news_sitemap_with_no_recent_news_lists_only_the_news_page_and_stays_schema_valid(client):
    make_article(publish_at=NOW - timedelta(days=5))
    schema = etree.XMLSchema(etree.parse(SITEMAP_SCHEMA))

    document = etree.fromstring(client.get("/sitemap-news.xml").content)

    assert schema.validate(document), schema.error_log
    assert sitemap_entries(client, "/sitemap-news.xml") == {"http://testserver/news/": None}
    assert document.find(".//news:news", NS) is None


@pytest.mark.parametrize("page", ["abc", "99"])
def test_a_sitemap_page_that_does_not_exist_is_not_found(client, page):
    assert client.get("/sitemap-articles.xml", {"p": page}).status_code == 404


def test_a_sitemap_that_does_not_exist_is_not_found(client):
    assert client.get("/sitemap-drafts.xml").status_code == 404


def test_the_index_names_every_page_of_a_long_sitemap_and_each_page_its_share(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    articles = [make_article() for _ in range(5)]

    locations = sitemap_locations(client)

    pages = ["/sitemap-articles.xml", "/sitemap-articles.xml?p=2", "/sitemap-articles.xml?p=3"]
    assert [location for location in locations if "articles" in location] == pages
    assert [len(sitemap_entries(client, page)) for page in pages] == [2, 2, 1]
    assert {absolute(article) for article in articles} <= set(sitemap_entries(client))


def test_the_index_dates_each_sitemap_by_its_latest_change(client):
    older = make_article(publish_at=NOW - timedelta(days=3))
    Article.objects.filter(pk=older.pk).update(updated_at=NOW - timedelta(days=3))
    make_article(publish_at=NOW - timedelta(days=1))
    Article.objects.filter(publish_at__gt=NOW - timedelta(days=2)).update(updated_at=NOW - timedelta(days=1))

    index = fetch_xml(client, "/sitemap.xml")
    dated = {entry.findtext("sm:loc", namespaces=NS): entry.findtext("sm:lastmod", namespaces=NS) for entry in index}

    assert dated["http://testserver/sitemap-articles.xml"].startswith(
        timezone.localdate(NOW - timedelta(days=1)).isoformat()
    )


def make_linked_articles(count):
    for _ in range(count):
        make_article(
            teams=[make_team()],
            people=[make_person()],
            publications=[make_publication()],
            grants=[make_grant()],
            partners=[(make_organisation(), ArticlePartner.Role.COLLABORATION)],
        )


# Each sitemap: a count, a page, and the site settings its template names; articles also their translations.
SECTION_QUERIES = {
    "pages": 1,
    "articles": 4,
    "events": 2,  # none here: no page to read
    "basic-pages": 2,
    "teams": 3,
    "people": 3,
    "publications": 3,
    "partners": 3,
    "grants": 3,
}


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # a count of each sitemap of rows and the latest change of each publishable kind that has live rows
        ("/sitemap.xml", 10),
        # a count, a page, and the site settings its template names
        ("/sitemap-news.xml", 3),
        *((f"/sitemap-{section}.xml", count) for section, count in SECTION_QUERIES.items()),
    ],
)
def test_a_sitemap_takes_the_same_number_of_queries_for_one_article_or_ten(
    client, django_assert_num_queries, url, queries
):
    make_linked_articles(1)
    with django_assert_num_queries(queries):
        client.get(url)

    make_linked_articles(9)
    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


def test_the_sitemaps_list_every_page_linked_from_the_articles(client):
    make_linked_articles(10)

    # each article names a team, a person, a publication, a grant, a partner and the grant's funder
    assert sum(document.count(b"<url>") for document in sitemap_documents(client)) == 5 + 10 * 7


def test_robots_txt_allows_the_public_site_hides_the_admin_and_names_both_sitemaps(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines


def test_robots_txt_names_the_sitemaps_at_the_address_the_site_is_served_from(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]

    response = client.get("/robots.txt", headers={"host": "news.example.org"}, secure=True)

    assert "Sitemap: https://news.example.org/sitemap.xml" in response.content.decode().splitlines()
