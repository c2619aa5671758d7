"""axe-core audits and reflow checks of the public pages, in the normal and low-vision versions."""

import pytest
from django.urls import reverse
from factories import make_event, make_page

from newsroom.models import Article, Event, Page
from research.models import Person, Team

from .conftest import axe_violations, describe

pytestmark = pytest.mark.browser


def seminar():
    """An upcoming seminar of the seeded team, with a speaker: the seeds hold no events."""
    event = Event.objects.filter(slug="caf-seminar").first()
    if event is None:
        team = Team.objects.get(acronym="MICROPANC")
        event = make_event(
            title="Cancer-associated fibroblasts: a seminar",
            slug="caf-seminar",
            summary="How fibroblasts help pancreatic cancer spread.",
            body="<p>A talk followed by questions.</p>",
            online_url="https://example.org/live",
            registration_url="https://example.org/register",
            teams=[team],
            speakers=Person.objects.all()[:2],
        )
    return event.get_absolute_url()


def accessibility_statement():
    page = Page.objects.filter(slug="accessibility").first() or make_page(
        title="Accessibility statement", slug="accessibility", body="<h2>What the site supports</h2><p>WCAG 2.2 AA.</p>"
    )
    return page.get_absolute_url()


def events_list():
    seminar()
    return "/events/"


# The pages a reader meets first. One entry per page: a name and how to find its address.
PAGES = {
    "home": lambda: "/",
    "news list": lambda: "/news/",
    "article": lambda: Article.objects.get(kind=Article.Kind.RESEARCH_HIGHLIGHT).get_absolute_url(),
    "team": lambda: Team.objects.get(acronym="MICROPANC").get_absolute_url(),
    "search": lambda: "/search/?q=fibroblasts",
    "keyword": lambda: reverse(
        "newsroom:keyword-detail",
        args=[
            Article.objects.get(kind=Article.Kind.RESEARCH_HIGHLIGHT)
            .keywords.get(name="pancreatic adenocarcinoma")
            .slug
        ],
    ),
    "publications, filtered": lambda: "/publications/?year=2021&kind=article",
    "news list, one kind": lambda: "/news/?kind=highlight",
    "events": events_list,
    "event": seminar,
    "basic page": accessibility_statement,
}

# The normal version in each language, a low-vision cookie from before line spacing and font were
# choices, and every text size in every colour scheme, each pair with one or two of the other choices.
LOW_VISION = [
    ("large", "black-on-white", "serif font", "shown.normal.normal.serif"),
    ("large", "white-on-black", "greyscale images", "greyscale.normal.normal.sans-serif"),
    ("large", "blue-on-light-blue", "hidden images", "hidden.normal.normal.sans-serif"),
    ("larger", "black-on-white", "wide letter spacing", "shown.wide.normal.sans-serif"),
    ("larger", "white-on-black", "wide line spacing", "shown.normal.wide.sans-serif"),
    ("larger", "blue-on-light-blue", "serif font, medium letter spacing", "shown.medium.normal.serif"),
    ("largest", "black-on-white", "hidden images, widest spacing", "hidden.wide.wide.sans-serif"),
    ("largest", "white-on-black", "serif font, widest spacing", "shown.wide.wide.serif"),
    ("largest", "blue-on-light-blue", "greyscale images, medium line spacing", "greyscale.normal.medium.sans-serif"),
]
VERSIONS = {
    "normal": {},
    "normal, in French": {"django_language": "fr"},
    "normal, in Russian": {"django_language": "ru"},
    "low vision, old four-part cookie": {"low_vision": "larger.white-on-black.hidden.wide"},
    **{
        f"low vision, {size}, {scheme}, {others}": {"low_vision": f"{size}.{scheme}.{rest}"}
        for size, scheme, others, rest in LOW_VISION
    },
}
# Reflow is hardest with the largest text and the widest spacing: the smaller sizes are left to the axe runs.
REFLOW_VERSIONS = [name for name in VERSIONS if "low vision" not in name or "largest" in name or "old" in name]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("page_name", PAGES)
def test_axe_finds_no_wcag_violations(site, page_name, version):
    page = site.page(cookies=VERSIONS[version])
    page.goto(site.url + PAGES[page_name]())
    violations = axe_violations(page)
    assert not violations, f"{page_name}, {version}:\n{describe(violations)}"


@pytest.mark.parametrize("version", REFLOW_VERSIONS)
@pytest.mark.parametrize("page_name", PAGES)
def test_pages_reflow_without_horizontal_scrolling_from_320_pixels(site, page_name, version):
    # 640 CSS pixels is a 1280-pixel window zoomed to 200%; 320 is the narrowest width WCAG 1.4.10 names.
    page = site.page(cookies=VERSIONS[version])
    for width in (640, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(site.url + PAGES[page_name]())
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{page_name}, {version}, {width}px: {overflow}px of horizontal scrolling"
