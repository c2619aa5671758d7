"""The embargo boundary on every public surface: before the lift an embargoed release is nowhere
for anyone — an anonymous reader, a pending applicant, a journalist whose accreditation expired,
or even an accredited journalist (who reads it in the press room only) — and after it, it is
everywhere, by the same query-time rule as scheduled publishing."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from factories import (
    make_article,
    make_grant,
    make_journalist,
    make_organisation,
    make_person,
    make_publication,
    make_team,
)

from newsroom.models import Article, ArticlePartner, SiteSettings

pytestmark = pytest.mark.django_db

TITLE = "Zebrafish regrow their hearts"
READERS = ("anonymous", "pending applicant", "expired accreditation", "accredited journalist")


@pytest.fixture
def release(db):
    team = make_team(acronym="ZEBRA")
    person = make_person(given_name="Inès", family_name="Lavigne")
    publication = make_publication()
    funder = make_organisation(name="Fondation Cœur")
    grant = make_grant(funder=funder)
    partner = make_organisation(name="Hôpital Nord")
    make_article(title="An older story")  # the lists are not empty either way
    return make_article(
        title=TITLE,
        kind=Article.Kind.PRESS_RELEASE,
        standfirst="Cardiomyocytes divide again after an injury.",
        teams=[team],
        people=[person],
        publications=[publication],
        grants=[grant],
        partners=[(partner, ArticlePartner.Role.COLLABORATION)],
        keywords=["regeneration"],
        publish_at=timezone.now() - timedelta(hours=1),
        embargo_until=timezone.now() + timedelta(days=1),
    )


def public_pages(article):
    """Every public surface that lists or shows an article, and whether it shows one by its title."""
    team, person = article.teams.get(), article.people.get()
    publication, grant = article.publications.get(), article.grants.get()
    partner = article.partners.get()
    return [
        "/",
        "/news/",
        "/news/?kind=press-release",
        "/news/feed/",
        "/news/feed/atom/",
        f"/news/feed/team/{team.slug}/",
        "/news/feed/keyword/regeneration/",
        "/news/feed/kind/press-release/",
        "/sitemap-articles.xml",  # the section of the sitemap index that lists articles
        "/sitemap-news.xml",
        "/search/?q=Zebrafish",
        "/api/v1/articles",
        "/api/v1/articles?kind=press-release",
        "/api/v1/articles?keyword=regeneration",
        f"/api/v1/articles?team={team.slug}",
        team.get_absolute_url(),
        person.get_absolute_url(),
        publication.get_absolute_url(),
        grant.get_absolute_url(),
        partner.get_absolute_url(),
    ]


def reader_client(client, reader):
    if reader == "pending applicant":
        client.force_login(make_journalist(status="pending", with_login=True).user)
    elif reader == "expired accreditation":
        client.force_login(make_journalist(accredited_until=timezone.localdate() - timedelta(days=1)).user)
    elif reader == "accredited journalist":
        client.force_login(make_journalist().user)
    return client


def shows(client, url, text=TITLE):
    response = client.get(url)
    assert response.status_code in (200, 404), (url, response.status_code)
    return response.status_code == 200 and text in response.content.decode()


def lift(article):
    Article.objects.filter(pk=article.pk).update(embargo_until=timezone.now() - timedelta(seconds=1))
    cache.clear()


@pytest.mark.parametrize("reader", READERS)
def test_before_the_lift_no_public_surface_shows_the_release(client, release, reader):
    client = reader_client(client, reader)
    for url in public_pages(release):
        assert not shows(client, url), url
        assert not shows(client, url, release.slug), url
    assert client.get(release.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/articles/{release.slug}").status_code == 404
    assert client.get("/keywords/regeneration/").status_code == 404  # no live news uses it yet
    assert not shows(client, "/api/v1/keywords", "regeneration")


@pytest.mark.parametrize("reader", READERS)
def test_at_the_lift_every_public_surface_shows_the_release(client, release, reader):
    client = reader_client(client, reader)
    lift(release)
    for url in [*public_pages(release), release.get_absolute_url(), f"/api/v1/articles/{release.slug}"]:
        assert shows(client, url) or shows(client, url, release.slug), url
    assert shows(client, "/keywords/regeneration/")
    assert shows(client, "/api/v1/keywords", "regeneration")


@pytest.mark.parametrize("reader", READERS)
def test_only_an_accredited_journalist_reads_the_release_in_the_press_room(client, release, reader):
    client = reader_client(client, reader)
    page = client.get(f"/press/releases/{release.slug}/")
    room = client.get("/press/")
    if reader == "accredited journalist":
        assert page.status_code == 200 and TITLE in page.text
        assert TITLE in room.text
    else:
        assert page.status_code in (302, 403) and TITLE not in page.text
        assert room.status_code in (302, 403) and TITLE not in room.text
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]


def test_the_admin_mirror_of_the_rule_agrees_with_the_query(release):
    assert not release.is_live and release.is_under_embargo
    assert not Article.objects.live().filter(pk=release.pk).exists()
    assert Article.objects.under_embargo().filter(pk=release.pk).exists()
    lift(release)
    release.refresh_from_db()
    assert release.is_live and not release.is_under_embargo
    assert Article.objects.live().filter(pk=release.pk).exists()
    assert not Article.objects.under_embargo().filter(pk=release.pk).exists()


def test_a_release_in_the_trash_or_expired_is_not_under_embargo(release):
    Article.objects.filter(pk=release.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    assert not Article.objects.under_embargo().exists()
    Article.objects.filter(pk=release.pk).update(expire_at=None, deleted_at=timezone.now())
    assert not Article.objects.under_embargo().exists()


def test_the_page_cache_never_keeps_a_page_past_the_lift(client, settings, release):
    import time

    settings.PAGE_CACHE_SECONDS = 600
    SiteSettings.load()  # made on the first request otherwise, which starts a new cache generation
    cache.clear()
    Article.objects.filter(pk=release.pk).update(embargo_until=timezone.now() + timedelta(seconds=3))
    client.get("/")
    second = client.get("/")
    assert second["X-Page-Cache"] == "hit" and TITLE not in second.text
    assert int(second["Cache-Control"].split("max-age=")[1].split(",")[0]) <= 3
    time.sleep(max(0, (Article.objects.get(pk=release.pk).embargo_until - timezone.now()).total_seconds()) + 0.1)
    assert TITLE in client.get("/").text


def test_press_room_pages_are_never_page_cached(client, settings, release):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    client.force_login(make_journalist().user)
    for _ in range(2):
        response = client.get(f"/press/releases/{release.slug}/")
        assert "X-Page-Cache" not in response
        assert response["X-Robots-Tag"].startswith("noindex")
        assert '<meta name="robots" content="noindex' in response.text


GRID = [
    (status, publish, expire, embargo)
    for status in (Article.Status.PUBLISHED, Article.Status.DRAFT)
    for publish in ("past", "future")
    for expire in (None, "past", "future")
    for embargo in (None, "past", "future")
]


@pytest.mark.parametrize("status, publish, expire, embargo", GRID)
def test_the_embargo_rule_and_its_mirrors_agree_across_the_grid(status, publish, expire, embargo):
    now = timezone.now()
    moment = {None: None, "past": now - timedelta(hours=1), "future": now + timedelta(hours=1)}
    article = make_article(
        status=status,
        publish_at=now - timedelta(days=1) if publish == "past" else now + timedelta(days=1),
        expire_at=moment[expire] and moment[expire] + (timedelta(days=1) if expire == "future" else timedelta()),
        embargo_until=moment[embargo],
    )
    live = Article.objects.live().filter(pk=article.pk).exists()
    embargoed = Article.objects.under_embargo().filter(pk=article.pk).exists()
    assert live == article.is_live
    assert embargoed == article.is_under_embargo
    published = status == Article.Status.PUBLISHED and expire != "past"
    assert live == (published and publish == "past" and embargo != "future")
    assert embargoed == (published and embargo == "future")


def test_robots_txt_keeps_crawlers_out_of_the_press_room(client):
    assert "Disallow: /press/" in client.get("/robots.txt").text.splitlines()
