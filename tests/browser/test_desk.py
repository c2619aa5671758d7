"""The editorial desk in a real browser: the dashboard and the calendar pass axe and the CSP."""

from datetime import timedelta

import pytest
from django.utils import timezone
from factories import make_article

from newsroom.models import Article

from .conftest import axe_violations, describe
from .test_admin_journeys import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def desk_items():
    article = Article.objects.filter(kind=Article.Kind.NEWS).first()
    teams = list(article.teams.all()) if article else []
    make_article(title="Goes out soon", teams=teams, publish_at=timezone.now() + timedelta(days=1))
    make_article(title="Out yesterday", teams=teams, publish_at=timezone.now() - timedelta(days=1))


def test_the_dashboard_on_the_admins_first_page_passes_axe(site, desk_items):
    page = log_in(site, "emma")

    assert page.locator("#desk-output svg[role=img]").count() == 3
    violations = axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("query", ["", "?week=" + "{}-W{:02d}".format(*timezone.localdate().isocalendar()[:2])])
def test_the_calendar_passes_axe(site, desk_items, query):
    page = log_in(site, "emma")
    page.goto(f"{site.url}/admin/desk/calendar/{query}")
    page.get_by_role("link", name="Goes out soon").first.wait_for()

    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_an_editor_reschedules_an_item_from_the_calendar(site, desk_items):
    article = Article.objects.get(title="Goes out soon")
    page = log_in(site, "emma")
    page.goto(f"{site.url}/admin/desk/calendar/?month={timezone.localtime(article.publish_at):%Y-%m}")
    later = timezone.localtime(article.publish_at + timedelta(days=2)).replace(second=0, microsecond=0)

    page.locator(f"#id_reschedule_article-{article.pk}_publish_at").fill(later.strftime("%Y-%m-%dT%H:%M"))
    page.locator(f"form[action$='/reschedule/{article.pk}/']").get_by_role("button", name="Reschedule").click()

    page.locator(".messagelist").get_by_text("now goes live").wait_for()
    article.refresh_from_db()
    assert article.publish_at == later
