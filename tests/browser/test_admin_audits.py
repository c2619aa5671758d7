"""The admin in a real browser: its pages pass axe-core without serious or critical violations,
and the article list fits a 1280 px window."""

import pytest
import reversion
from django.core.management import call_command
from factories import make_user
from reversion.models import Version

from newsroom.models import Article
from newsroom.roles import EDITOR
from research.models import Grant, Person, Publication, Team

from .conftest import axe_violations, describe
from .test_admin_journeys import log_in

pytestmark = pytest.mark.browser

SERIOUS = {"serious", "critical"}


def log_in_speaking(site, username, language):
    """Signed in as an editor whose browser asks for ``language`` (the admin follows it)."""
    call_command("ensure_roles", verbosity=0)
    make_user(EDITOR, username=username)
    page = site.page(locale=language, extra_http_headers={"Accept-Language": language})
    page.goto(site.url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("a-long-password-1")
    page.locator("input[type=submit]").click()
    page.wait_for_url(site.url + "/admin/")
    return page


def serious(violations):
    return [violation for violation in violations if violation["impact"] in SERIOUS]


def news_article():
    return Article.objects.filter(kind=Article.Kind.NEWS).first()


def diff_address():
    article = news_article()
    for change in (" (first)", " (revised)"):
        with reversion.create_revision():
            article.title += change
            article.body += f"<p>Added{change}.</p>"
            article.save()
    newest, older = Version.objects.get_for_object(article)[:2]
    return f"/admin/newsroom/article/{article.pk}/revisions/diff/?from={older.pk}&to={newest.pk}"


ADMIN_PAGES = {
    "admin index": lambda: "/admin/newsroom/",
    "article list": lambda: "/admin/newsroom/article/",
    "article add": lambda: "/admin/newsroom/article/add/",
    "article change": lambda: f"/admin/newsroom/article/{news_article().pk}/change/",
    "team change": lambda: f"/admin/research/team/{Team.objects.first().pk}/change/",
    "person change": lambda: f"/admin/research/person/{Person.objects.first().pk}/change/",
    "publication change": lambda: f"/admin/research/publication/{Publication.objects.first().pk}/change/",
    "grant change": lambda: f"/admin/research/grant/{Grant.objects.first().pk}/change/",
    "desk dashboard": lambda: "/admin/",
    "desk calendar": lambda: "/admin/desk/calendar/",
    "diff page": diff_address,
    "import page": lambda: "/admin/research/publication/import-file/",
    "identifier page": lambda: "/admin/research/publication/add-from-identifier/",
}


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_page_passes_axe_without_serious_violations(site, name):
    page = log_in(site, "emma")
    page.goto(site.url + ADMIN_PAGES[name]())
    page.wait_for_load_state("networkidle")

    violations = serious(axe_violations(page))

    assert not violations, describe(violations)


@pytest.mark.parametrize("language", ["fr", "ru"])
@pytest.mark.parametrize("name", ["article list", "article change", "team change"])
def test_admin_page_in_french_and_russian_passes_axe_without_serious_violations(site, name, language):
    page = log_in_speaking(site, "olga", language)
    page.goto(site.url + ADMIN_PAGES[name]())
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == language

    violations = serious(axe_violations(page))

    assert not violations, describe(violations)


def test_the_article_list_fits_a_1280_pixel_window(site):
    page = log_in(site, "emma")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url + "/admin/newsroom/article/")

    widths = page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth,
            window: document.documentElement.clientWidth,
            table: document.querySelector("#result_list").scrollWidth,
            results: document.querySelector("#changelist .results").clientWidth,
        })"""
    )

    assert widths["page"] <= widths["window"], widths
    assert widths["table"] <= widths["results"], widths
