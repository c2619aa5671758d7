"""axe-core audits and reflow checks of the public pages, in the normal and low-vision versions."""

import pytest
from django.urls import reverse

from newsroom.models import Article
from research.models import Team

from .conftest import axe_violations, describe

pytestmark = pytest.mark.browser

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
}

# The normal version, and the low-vision version in each colour scheme with its other choices varied.
VERSIONS = {
    "normal": {},
    "normal, in French": {"django_language": "fr"},
    "normal, in Russian": {"django_language": "ru"},
    "low vision, black on white": {"low_vision": "large.black-on-white.shown.normal"},
    "low vision, white on black, wide spacing": {"low_vision": "larger.white-on-black.shown.wide"},
    "low vision, dark blue on light blue, no images": {"low_vision": "largest.blue-on-light-blue.hidden.wide"},
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("page_name", PAGES)
def test_axe_finds_no_wcag_violations(site, page_name, version):
    page = site.page(cookies=VERSIONS[version])
    page.goto(site.url + PAGES[page_name]())
    violations = axe_violations(page)
    assert not violations, f"{page_name}, {version}:\n{describe(violations)}"


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("page_name", PAGES)
def test_pages_reflow_without_horizontal_scrolling_from_320_pixels(site, page_name, version):
    # 640 CSS pixels is a 1280-pixel window zoomed to 200%; 320 is the narrowest width WCAG 1.4.10 names.
    page = site.page(cookies=VERSIONS[version])
    for width in (640, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(site.url + PAGES[page_name]())
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{page_name}, {version}, {width}px: {overflow}px of horizontal scrolling"
