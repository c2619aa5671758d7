"""The page cache of anonymous public pages: served from the cache, never stale."""

import threading
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone
from factories import make_article, make_grant, make_image, make_organisation, make_person, make_publication, make_team

from core import page_cache as page_cache_module
from newsroom.models import Article, ArticlePartner, SiteSettings
from research.models import Membership

# A Redis database of its own per database vendor, so that the suites on SQLite and on PostgreSQL
# can run side by side (clearing the cache empties the whole Redis database).
REDIS_DATABASE = 14 if connection.vendor == "postgresql" else 15
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:6379/{REDIS_DATABASE}",
    }
}
LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "page-cache-tests"}}


@pytest.fixture(params=["local memory", "redis"])
def page_cache(request, settings, transactional_db):
    """The page cache on, with each change committed as the site commits it: a page changes when
    the change is committed (core.page_cache.invalidate_on_commit)."""
    settings.CACHES = LOCAL if request.param == "local memory" else REDIS
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def served_twice(client, url):
    """The page as a second reader gets it, after a first one filled the cache."""
    fetch(client, url)
    return fetch(client, url)


@pytest.mark.django_db
def test_a_second_anonymous_reader_gets_the_stored_page_without_a_query(page_cache, client, django_assert_num_queries):
    article = make_article(title="Fibroblasts and metastasis")
    SiteSettings.load()
    assert fetch(client, article.get_absolute_url())["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = fetch(client, article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert "Fibroblasts and metastasis" in response.text
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]


def edit_title(objects):
    article = objects["article"]
    article.title = "A new headline"
    article.save()
    return "/", "A new headline"


def unpublish(objects):
    objects["article"].status = Article.Status.UNPUBLISHED
    objects["article"].save()
    return "/", None


def trash(objects):
    objects["article"].deleted_at = timezone.now()
    objects["article"].save()
    return "/", None


def publish_another(objects):
    make_article(title="Freshly published")
    return "/", "Freshly published"


def rename_team(objects):
    team = objects["team"]
    team.name = "Pancreatic Cancer Microenvironment"
    team.save()
    return team.get_absolute_url(), "Pancreatic Cancer Microenvironment"


def new_member(objects):
    person = make_person(given_name="Jérôme", family_name="Cros")
    Membership.objects.create(team=objects["team"], person=person)
    return objects["team"].get_absolute_url(), "Cros"


def rename_person(objects):
    person = objects["person"]
    person.position = "Deputy Director for Science"
    person.save()
    return person.get_absolute_url(), "Deputy Director for Science"


def retitle_publication(objects):
    publication = objects["publication"]
    publication.title = "Pancreatic cancer cells secrete a new factor"
    publication.save()
    return objects["article"].get_absolute_url(), "Pancreatic cancer cells secrete a new factor"


def retitle_grant(objects):
    grant = objects["grant"]
    grant.title = "Stroma and chemoresistance"
    grant.save()
    return grant.get_absolute_url(), "Stroma and chemoresistance"


def rename_partner(objects):
    partner = objects["partner"]
    partner.name = "Fondation ARC pour la recherche sur le cancer"
    partner.save()
    return objects["article"].get_absolute_url(), "Fondation ARC pour la recherche sur le cancer"


def new_caption(objects):
    image = objects["article"].lead_image
    image.alt_text = "Cancer-associated fibroblasts stained in green"
    image.save()
    return objects["article"].get_absolute_url(), "Cancer-associated fibroblasts stained in green"


def add_keyword(objects):
    objects["article"].keywords.add("chemoresistance")
    return objects["article"].get_absolute_url(), "chemoresistance"


def rename_institute(objects):
    site = SiteSettings.load()
    site.institute_name = "Cancer Research Centre of Toulouse"
    site.save()
    return "/", "Cancer Research Centre of Toulouse"


CHANGES = [
    edit_title,
    unpublish,
    trash,
    publish_another,
    rename_team,
    new_member,
    rename_person,
    retitle_publication,
    retitle_grant,
    rename_partner,
    new_caption,
    add_keyword,
    rename_institute,
]


@pytest.fixture
def objects(db):
    team = make_team(acronym="MICROPANC", name="Microenvironment")
    person = make_person(given_name="Corinne", family_name="Bousquet")
    Membership.objects.create(team=team, person=person, role=Membership.Role.LEADER)
    publication = make_publication(title="Secretions of fibroblasts")
    grant = make_grant(title="Tumour stroma")
    partner = make_organisation(name="Fondation ARC")
    article = make_article(
        title="Fibroblasts help tumours spread",
        teams=[team],
        people=[person],
        publications=[publication],
        grants=[grant],
        partners=[(partner, ArticlePartner.Role.SUPPORT)],
        lead_image=make_image(alt_text="Fibroblasts under the microscope"),
    )
    return {"article": article, "team": team, "person": person, "publication": publication, "grant": grant} | {
        "partner": partner
    }


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_every_change_that_alters_a_page_shows_at_once(page_cache, client, objects, change):
    for url in ("/", objects["article"].get_absolute_url(), objects["team"].get_absolute_url()):
        served_twice(client, url)
    url, expected = change(objects)
    response = fetch(client, url)
    if expected is None:
        assert "Fibroblasts help tumours spread" not in response.text
    else:
        assert expected in response.text


def test_a_change_starts_a_new_generation_when_it_is_committed(page_cache, objects):
    before = page_cache_module.generation()
    with transaction.atomic():
        edit_title(objects)
        rename_team(objects)
        assert page_cache_module.generation() == before
    assert page_cache_module.generation() != before


def test_a_rolled_back_change_leaves_the_stored_pages(page_cache, client, objects):
    url = objects["article"].get_absolute_url()
    served_twice(client, url)
    with pytest.raises(RuntimeError), transaction.atomic():
        edit_title(objects)
        raise RuntimeError("the form's next step failed")
    response = fetch(client, url)
    assert response["X-Page-Cache"] == "hit" and "Fibroblasts help tumours spread" in response.text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second connection reads while the first writes")
def test_a_page_made_while_a_change_is_being_committed_is_not_kept_past_the_commit(page_cache, objects):
    """A reader between the save and the commit gets the page as it was; once committed, the change shows."""
    url = objects["article"].get_absolute_url()
    served_twice(Client(), url)
    read_between = []

    def other_reader():
        try:
            read_between.append(fetch(Client(), url).text)
        finally:
            connection.close()

    with transaction.atomic():
        edit_title(objects)
        reader = threading.Thread(target=other_reader)
        reader.start()
        reader.join()
    assert "Fibroblasts help tumours spread" in read_between[0]
    assert "A new headline" in fetch(Client(), url).text


@pytest.mark.django_db
def test_a_scheduled_article_shows_on_time_with_the_cache_on(page_cache, client):
    make_article(title="Already out")
    make_article(title="Goes out soon", publish_at=timezone.now() + timedelta(seconds=2))
    assert "Goes out soon" not in served_twice(client, "/").text
    time.sleep(2.1)
    assert "Goes out soon" in fetch(client, "/").text


@pytest.mark.django_db
def test_an_expiring_article_leaves_on_time_with_the_cache_on(page_cache, client):
    make_article(title="Leaves soon", expire_at=timezone.now() + timedelta(seconds=2))
    assert "Leaves soon" in served_twice(client, "/").text
    time.sleep(2.1)
    assert "Leaves soon" not in fetch(client, "/").text


@pytest.mark.django_db
def test_logged_in_staff_never_get_or_fill_the_cache(page_cache, staff_client):
    article = make_article(title="Before")
    staff_page = served_twice(staff_client, "/")
    assert "X-Page-Cache" not in staff_page
    Article.objects.filter(pk=article.pk).update(title="Changed without a signal")
    assert "Changed without a signal" in fetch(staff_client, "/").text
    anonymous = fetch(Client(), "/")
    assert anonymous["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_each_language_and_low_vision_setting_has_its_own_page(page_cache, client):
    make_article(title="Fibroblasts")
    english = served_twice(client, "/")
    french = Client(headers={"accept-language": "fr"})
    french.cookies["django_language"] = "fr"
    assert served_twice(french, "/").text != english.text
    assert 'lang="fr"' in fetch(french, "/").text
    low_vision = Client()
    low_vision.cookies["low_vision"] = "larger.white-on-black.shown.wide"
    assert 'class="low-vision"' in served_twice(low_vision, "/").text
    assert 'class="low-vision"' not in fetch(client, "/").text


@pytest.mark.django_db
def test_a_reader_who_has_the_page_gets_304(page_cache, client):
    make_article(title="Fibroblasts")
    first = served_twice(client, "/")
    assert first.has_header("ETag")
    again = client.get("/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    make_article(title="Another")
    assert client.get("/", headers={"if-none-match": first["ETag"]}).status_code == 200


def served_by_the_site(url, method="get", **headers):
    """(status, headers, body, whether Django's handler ran) of ``url`` from the site's WSGI application."""
    from django.core.signals import request_started
    from django.db import close_old_connections
    from django.test import RequestFactory

    from config.wsgi import application

    answered, started = {}, []

    def start_response(status, response_headers, exc_info=None):
        answered.update(status=status, headers=dict(response_headers))

    def handled(**kwargs):
        started.append(True)

    # As the test client does: the test's transaction holds the connection, which Django would close.
    request_started.disconnect(close_old_connections)
    request_started.connect(handled)
    try:
        environ = getattr(RequestFactory(headers=headers), method)(url).environ
        body = b"".join(application(environ, start_response))
    finally:
        request_started.disconnect(handled)
        request_started.connect(close_old_connections)
    return answered["status"], answered["headers"], body, bool(started)


@pytest.mark.django_db
def test_the_site_answers_a_stored_page_in_front_of_djangos_handler(page_cache, client):
    article = make_article(title="Fibroblasts and metastasis")
    stored = served_twice(client, article.get_absolute_url())
    status, headers, body, handled = served_by_the_site(article.get_absolute_url())
    assert (status, headers["X-Page-Cache"], handled) == ("200 OK", "hit", False)
    assert body == stored.content and headers["ETag"] == stored["ETag"]
    assert "public" in headers["Cache-Control"] and "max-age=" in headers["Cache-Control"]
    status, headers, body, handled = served_by_the_site(article.get_absolute_url(), if_none_match=stored["ETag"])
    assert (status, body, handled) == ("304 Not Modified", b"", False)
    # Whoever carries a session cookie, and any page not stored yet, goes on to Django.
    assert served_by_the_site(article.get_absolute_url(), cookie="sessionid=abc")[3] is True
    status, headers, _body, handled = served_by_the_site("/news/")
    assert (status, headers["X-Page-Cache"], handled) == ("200 OK", "miss", True)


@pytest.mark.django_db
def test_a_head_request_gets_the_pages_headers_without_its_body(page_cache, client):
    article = make_article(title="Fibroblasts and metastasis")
    stored = served_twice(client, article.get_absolute_url())
    status, headers, body, handled = served_by_the_site(article.get_absolute_url(), method="head")
    assert (status, headers["X-Page-Cache"], body, handled) == ("200 OK", "hit", b"", False)
    assert headers["Content-Length"] == str(len(stored.content)) and headers["ETag"] == stored["ETag"]
    status, headers, body, handled = served_by_the_site("/teams/", method="head")
    assert (status, headers["X-Page-Cache"], body, handled) == ("200 OK", "miss", b"", True)
    assert int(headers["Content-Length"]) == len(fetch(client, "/teams/").content)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/news/", "/teams/", "/publications/", "/search/?q=cancer", "/news/feed/"])
def test_public_pages_set_no_cookie(page_cache, client, url):
    response = fetch(client, url)
    assert not response.cookies


@pytest.mark.django_db
def test_without_redis_an_edit_saved_by_another_process_shows_at_once(settings, client, tmp_path):
    """gunicorn's workers and the task worker each keep their own pages in memory: a save in one
    process starts a new generation that every other process reads."""
    import os
    import subprocess
    import sys

    settings.CACHES = LOCAL
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation")
    cache.clear()
    article = make_article(title="Fibroblasts and metastasis")
    served_twice(client, article.get_absolute_url())
    assert fetch(client, article.get_absolute_url())["X-Page-Cache"] == "hit"

    other_process = "import django; django.setup(); from core.page_cache import invalidate; invalidate()"
    environment = {**os.environ, "PAGE_CACHE_GENERATION_FILE": settings.PAGE_CACHE_GENERATION_FILE}
    environment.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "-c", other_process], env=environment, check=True, cwd=settings.BASE_DIR)

    assert fetch(client, article.get_absolute_url())["X-Page-Cache"] == "miss"
