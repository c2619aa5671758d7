"""The reader's pages of issue 12 used in French and in Russian, in a real browser: a keyword page and
its feed, the events and an event's calendar file and JSON-LD, basic pages with their menus, the
accessibility statement, and the low-vision options. The interface's words are asked of the
catalogues (each must be translated), the rest is what the reader clicks and sees."""

import json
import re

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from factories import make_event, make_page
from playwright.sync_api import expect

from newsroom.models import Article, MenuItem, Page
from research.models import Team

pytestmark = pytest.mark.browser

LANGUAGES = [
    pytest.param("fr", "Français", id="French"),
    pytest.param("ru", "Русский", id="Russian"),
]
MONTHS = {"fr": "décembre", "ru": "декабря"}


def words(language, *english):
    """The interface's words in ``language``; each must differ from the English, or it was not translated."""
    with translation.override(language):
        translated = [gettext(text) for text in english]
    untranslated = [text for text, done in zip(english, translated, strict=True) if text == done]
    assert not untranslated, f"not translated into {language}: {untranslated}"
    return translated


def in_language(site, language, button, **options):
    """A page on the home page, switched to ``language`` with the switcher as a reader would."""
    page = site.page(**options)
    page.goto(site.url + "/")
    page.get_by_role("button", name=button).click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    return page


@pytest.mark.parametrize(("language", "button"), LANGUAGES)
def test_a_keyword_page_with_its_feed_in_the_readers_language(site, language, button):
    article = Article.objects.get(kind=Article.Kind.RESEARCH_HIGHLIGHT)
    keyword = article.keywords.get(name="pancreatic adenocarcinoma")
    (keyword_label, subscribe) = words(language, "Keyword", "Subscribe")
    page = in_language(site, language, button)
    page.goto(site.url + article.get_absolute_url())

    page.locator("main").get_by_role("link", name=keyword.name).first.click()

    page.wait_for_url(re.compile(re.escape(reverse("newsroom:keyword-detail", args=[keyword.slug])) + "$"))
    assert page.get_by_role("heading", level=1).inner_text() == keyword.name
    assert page.locator("main .page-header .eyebrow").text_content() == keyword_label
    assert article.title in page.locator("main").inner_text()
    feeds = page.locator("head link[rel=alternate][type='application/rss+xml']")
    assert any(keyword.name in (feeds.nth(i).get_attribute("title") or "") for i in range(feeds.count()))
    link = page.locator("main a.subscribe-link")
    assert link.inner_text().startswith(subscribe)
    response = page.request.get(site.url + link.get_attribute("href"))
    assert response.ok and article.title in response.text()


@pytest.mark.parametrize(("language", "button"), LANGUAGES)
def test_events_in_the_readers_language_with_dates_calendar_file_and_json_ld(site, language, button):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    start = datetime(2030, 12, 3, 14, 0, tzinfo=ZoneInfo("Europe/Paris"))
    event = make_event(
        title="Thesis defence: fibroblasts and metastasis",
        kind="thesis-defence",
        start=start,
        venue="Oncopole, amphitheatre",
        teams=[Team.objects.get(acronym="MICROPANC")],
    )
    upcoming, add_to_calendar, when = words(language, "Upcoming events", "Add to my calendar", "When")
    page = in_language(site, language, button)

    page.goto(site.url + "/events/")
    assert page.get_by_role("heading", level=1).inner_text() == upcoming
    page.locator("main").get_by_role("link", name=event.title).first.click()

    page.wait_for_url(re.compile(re.escape(event.get_absolute_url()) + "$"))
    details = page.locator("main").inner_text()
    assert when in details and MONTHS[language] in details and "2030" in details
    data = [json.loads(text) for text in page.locator("script[type='application/ld+json']").all_text_contents()]
    found = [item for block in data for item in block.get("@graph", [block])]
    assert any(item.get("@type") == "Event" and item.get("name") == event.title for item in found)
    ics = page.request.get(site.url + page.get_by_role("link", name=add_to_calendar).get_attribute("href"))
    (vevent,) = icalendar.Calendar.from_ical(ics.body()).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title and vevent.decoded("DTSTART") == start


@pytest.mark.parametrize(("language", "button"), LANGUAGES)
def test_basic_pages_and_menus_follow_the_readers_language(site, language, button):
    statement = Page.objects.get(slug="accessibility")
    translated = statement.translated_versions.get(language=language)  # seeded, with its footer link
    MenuItem.objects.create(menu="header", label="Contact us", page=make_page(title="Contact"), language="en")
    offers, font_choice = words(language, "What this version offers", "A sans-serif or a serif font.")
    page = in_language(site, language, button)

    assert page.locator("header").get_by_role("link", name="Contact us").count() == 0
    assert page.locator("footer").get_by_role("link", name=statement.title).count() == 0
    page.locator("footer").get_by_role("link", name=translated.title).click()

    page.wait_for_url(re.compile(re.escape(translated.get_absolute_url()) + "$"))
    assert page.get_by_role("heading", level=1).inner_text() == translated.title
    assert page.locator("main article").get_attribute("lang") == language
    assert page.get_by_role("heading", name=offers).is_visible()
    assert font_choice in page.locator("main .accessibility-support").inner_text()
    page.locator("main").get_by_role("link", name=statement.title).click()
    page.wait_for_url(re.compile(re.escape(statement.get_absolute_url()) + "$"))
    assert page.locator("main article").get_attribute("lang") == "en"


@pytest.mark.parametrize(("language", "button"), LANGUAGES)
def test_the_low_vision_options_in_the_readers_language_with_and_without_javascript(site, language, button):
    switch_on, serif, greyscale, wide_letters, switch_off = words(
        language,
        "Version for the visually impaired",
        "Serif font",
        "Greyscale images",
        "Wide letter spacing",
        "Normal version of the site",
    )
    article = Article.objects.get(kind=Article.Kind.RESEARCH_HIGHLIGHT)
    for javascript in (True, False):
        page = in_language(site, language, button, java_script_enabled=javascript)
        page.goto(site.url + article.get_absolute_url())
        page.get_by_role("button", name=switch_on).click()
        html = page.locator("html")
        for choice, attribute, value in [
            (serif, "data-font", "serif"),
            (greyscale, "data-images", "greyscale"),
            (wide_letters, "data-spacing", "wide"),
        ]:
            page.get_by_role("button", name=choice, exact=True).click()
            assert html.get_attribute(attribute) == value, (javascript, choice)
        assert html.get_attribute("lang") == language
        assert page.locator("main img").first.evaluate("img => getComputedStyle(img).filter") == "grayscale(1)"
        page.get_by_role("button", name=switch_off).click()
        expect(html).not_to_have_class(re.compile("low-vision"))
