"""Feeds and sitemaps in the page cache, and what every request reuses with the page cache on or off
(site settings, menus, sitemaps: core.page_cache.remembered), never stale, on local memory and Redis."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from factories import make_article, make_event, make_page, make_person, make_team
from test_page_cache import LOCAL, REDIS

from newsroom.models import MenuItem, SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["local memory", "redis"])
def cache_backend(request, settings, transactional_db):
    settings.CACHES = LOCAL if request.param == "local memory" else REDIS
    cache.clear()
    # Its first reading creates the row, a change that would start a new generation in each test.
    SiteSettings.load()
    yield
    cache.clear()


@pytest.fixture
def page_cache(cache_backend, settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def content_cache(cache_backend, settings):
    """Only the pieces that every request reuses: the page cache is off."""
    settings.CONTENT_CACHE_SECONDS = 600


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def publish_article():
    article = make_article(title="Freshly published news")
    return article.get_absolute_url()


def publish_event():
    make_event(title="A first seminar")
    return "/sitemap-events.xml"


# Each feed and sitemap, and a change that must show in it at once with what shows.
CHANGES = {
    "/news/feed/": publish_article,
    "/news/feed/atom/": publish_article,
    "/sitemap.xml": publish_event,
    "/sitemap-articles.xml": publish_article,
    "/sitemap-news.xml": publish_article,
}


@pytest.mark.parametrize("url", CHANGES)
def test_feeds_and_sitemaps_are_served_from_the_page_cache_in_one_piece(
    page_cache, client, url, django_assert_num_queries
):
    make_article(title="Already out")
    assert fetch(client, url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        hit = fetch(client, url)
    assert hit["X-Page-Cache"] == "hit"
    # One piece of bytes for the server to send, not the thousands a feed is written in.
    assert len(list(hit)) == 1


@pytest.mark.parametrize("url", CHANGES)
def test_a_publish_shows_at_once_in_the_cached_feeds_and_sitemaps(page_cache, client, url):
    make_article(title="Already out")
    fetch(client, url)
    assert fetch(client, url)["X-Page-Cache"] == "hit"
    expected = CHANGES[url]()
    assert expected in fetch(client, url).text


@pytest.mark.parametrize("url", CHANGES)
def test_a_publish_shows_at_once_in_the_feeds_and_sitemaps_with_the_page_cache_off(content_cache, client, url):
    make_article(title="Already out")
    fetch(client, url)
    expected = CHANGES[url]()
    assert expected in fetch(client, url).text


def test_a_sitemap_is_read_once_until_something_changes(content_cache, client, django_assert_num_queries):
    make_article()
    fetch(client, "/sitemap-articles.xml")
    with django_assert_num_queries(0):
        assert "X-Page-Cache" not in fetch(client, "/sitemap-articles.xml")


def test_a_scheduled_article_enters_the_sitemap_on_time(content_cache, client):
    make_article(title="Already out")
    soon = make_article(title="Goes out soon", publish_at=timezone.now() + timedelta(seconds=2))
    assert soon.get_absolute_url() not in fetch(client, "/sitemap-articles.xml").text
    time.sleep(2.1)
    assert soon.get_absolute_url() in fetch(client, "/sitemap-articles.xml").text


def test_site_settings_and_menus_are_read_once_and_show_an_edit_at_once(content_cache, client):
    site = SiteSettings.load()
    MenuItem.objects.create(menu=MenuItem.Menu.HEADER, label="About us", page=make_page(title="About"))
    fetch(client, "/")
    reused = fetch(client, "/teams/")
    assert "About us" in reused.text

    site.institute_name = "Cancer Research Centre of Toulouse"
    site.save()
    MenuItem.objects.create(menu=MenuItem.Menu.HEADER, label="Press room", url="/press/")

    page = fetch(client, "/teams/").text
    assert "Cancer Research Centre of Toulouse" in page and "Press room" in page


def test_site_settings_and_menus_are_not_read_again_by_later_requests(content_cache, client):
    fetch(client, "/teams/")
    first = capture_queries(client, "/teams/")
    tables = " ".join(first)
    assert "newsroom_sitesettings" not in tables and "newsroom_menuitem" not in tables


def capture_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        fetch(client, url)
    return [query["sql"] for query in queries.captured_queries]


def test_a_menu_entry_of_a_scheduled_page_shows_on_time(content_cache, client):
    page = make_page(title="Open day", publish_at=timezone.now() + timedelta(seconds=2))
    MenuItem.objects.create(menu=MenuItem.Menu.HEADER, label="Open day", page=page)
    assert "Open day" not in fetch(client, "/teams/").text
    time.sleep(2.1)
    assert "Open day" in fetch(client, "/teams/").text


def structured_data_of(page):
    return [block for block in page.split('<script type="application/ld+json"')[1:]]


@pytest.mark.parametrize("cache_on", [False, True], ids=["made for the request", "kept"])
def test_an_article_page_structured_data_is_the_same_kept_or_not_and_follows_a_team_rename(
    cache_backend, settings, client, cache_on
):
    settings.CONTENT_CACHE_SECONDS = 600 if cache_on else 0
    team = make_team(acronym="MICROPANC", name="Microenvironment")
    article = make_article(title="Fibroblasts help tumours spread", teams=[team], people=[make_person()])
    fetch(client, article.get_absolute_url())
    first = structured_data_of(fetch(client, article.get_absolute_url()).text)
    assert first and "Fibroblasts help tumours spread" in first[0]

    team.name = "Pancreatic Cancer Microenvironment"
    team.save()

    renamed = structured_data_of(fetch(client, article.get_absolute_url()).text)
    assert "Pancreatic Cancer Microenvironment" in "".join(renamed)
    settings.CONTENT_CACHE_SECONDS = 0
    assert structured_data_of(fetch(client, article.get_absolute_url()).text) == renamed


def test_a_filter_select_is_written_once_for_each_choice_and_shows_a_new_team_at_once(
    content_cache, client, monkeypatch
):
    from public.forms import QuickSelect

    make_team(acronym="ALPHA")
    written = []
    write = QuickSelect.written
    monkeypatch.setattr(QuickSelect, "written", lambda self, *args: written.append(args[0]) or write(self, *args))
    fetch(client, "/news/")
    first = len(written)
    assert "ALPHA" in fetch(client, "/news/").text and len(written) == first
    assert 'value="alpha" selected' in fetch(client, "/news/?team=alpha").text
    make_team(acronym="BETA")
    assert ">BETA</option>" in fetch(client, "/news/").text
