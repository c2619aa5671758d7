"""A reader subscribes to e-mail alerts and a journalist asks the press office for an interview,
in a real browser; the pages they use pass axe-core's WCAG 2.2 A and AA audit."""

import re

import pytest
from django.core import mail

from alerts.models import Subscription
from desk.models import MediaRequest
from research.models import Person

from .conftest import axe_violations, describe

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def no_wait_for_forms(settings):
    # A person takes seconds to fill a form; a browser test, less than the robots' limit.
    settings.FORM_MIN_SECONDS = 0


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_a_reader_subscribes_from_a_team_page_and_confirms_by_email(site, tasks_at_once):
    page = site.page()
    page.goto(site.url + "/teams/micropanc/")
    page.get_by_role("link", name=re.compile("Get e-mail alerts")).click()
    page.wait_for_url(re.compile(r"/alerts/\?team=micropanc$"))

    assert page.get_by_role("checkbox", name=re.compile("MICROPANC")).is_checked()
    assert_accessible(page)
    page.get_by_label("Your e-mail address").fill("reader@example.org")
    page.get_by_role("radio", name="Daily digest").check()
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_url(re.compile(r"/alerts/sent/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Check your inbox"

    subscription = Subscription.objects.get()
    assert (subscription.frequency, subscription.is_active) == ("daily", False)
    [confirmation] = mail.outbox
    link = re.search(r"http://[^\s]+(/alerts/confirm/[^\s]+/)", confirmation.body)[1]
    page.goto(site.url + link)
    assert_accessible(page)
    page.get_by_role("button", name="Yes, send me the alerts").click()
    page.get_by_role("heading", name="Your subscription is confirmed").wait_for()
    assert Subscription.objects.get().is_active

    page.goto(site.url + subscription.get_unsubscribe_url())
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    page.get_by_role("heading", name="You are unsubscribed").wait_for()
    assert not Subscription.objects.get().is_active


def test_a_form_with_mistakes_says_what_to_correct(site):
    page = site.page()
    page.goto(site.url + "/alerts/")
    page.get_by_label("Your e-mail address").fill("not an address")
    page.get_by_role("button", name="Subscribe").click()

    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)
    assert not Subscription.objects.exists()


def test_a_journalist_finds_an_expert_and_writes_to_the_press_office(site, tasks_at_once):
    corinne = Person.objects.get(slug="corinne-bousquet")
    page = site.page()
    page.goto(site.url + "/experts/")
    assert_accessible(page)
    page.get_by_label("Speaks").select_option(label="French")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"language=fr"))
    page.get_by_role("link", name=re.compile("Request an interview with Corinne")).click()
    page.wait_for_url(re.compile(r"/experts/corinne-bousquet/contact/$"))

    assert_accessible(page)
    page.get_by_label("Your name").fill("Jane Reporter")
    page.get_by_label("Media outlet").fill("Le Monde")
    page.get_by_label("Your e-mail address").fill("jane@example.com")
    page.get_by_label("What would you like to ask?").fill("Could we talk about stromal CSF-1 on Thursday?")
    page.get_by_role("button", name="Send to the press office").click()
    page.get_by_role("heading", name="Your request has been sent").wait_for()

    request = MediaRequest.objects.get()
    assert (request.expert, request.outlet) == (corinne, "Le Monde")
    assert corinne.email == "" or corinne.email not in page.content()
