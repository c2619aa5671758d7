"""The low-vision version in a real browser: the phone panel, the choices without JavaScript, and the
text spacing its widest steps really give (WCAG 1.4.12), measured on the page's computed styles."""

import pytest

from newsroom.models import Article

from .conftest import axe_violations, describe

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}


def article_url():
    return Article.objects.get(kind=Article.Kind.RESEARCH_HIGHLIGHT).get_absolute_url()


def cookie(text_size="large", scheme="black-on-white", images="shown", spacing="normal", line_height="normal"):
    return {"low_vision": f"{text_size}.{scheme}.{images}.{spacing}.{line_height}.sans-serif"}


def test_on_a_phone_the_settings_start_closed_and_the_headline_is_on_the_first_screen(site):
    # Large text is what the low-vision version starts with; larger sizes push the heading further down.
    page = site.page(**PHONE, cookies=cookie("large"))
    page.goto(site.url + article_url())
    heading = page.get_by_role("heading", level=1)
    first_line = heading.evaluate("h1 => h1.getBoundingClientRect().top + parseFloat(getComputedStyle(h1).lineHeight)")
    assert first_line <= PHONE["height"], f"the h1's first line ends at {first_line}px"
    font_size = page.get_by_role("group", name="Font size:")
    assert not font_size.is_visible()
    assert page.get_by_role("button", name="Normal version of the site").is_visible()

    page.get_by_text("Display settings").click()
    assert font_size.is_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("text_size", ["larger", "largest"])
def test_on_a_phone_the_settings_start_closed_at_every_text_size(site, text_size):
    page = site.page(**PHONE, cookies=cookie(text_size))
    page.goto(site.url + article_url())
    assert not page.get_by_role("group", name="Font size:").is_visible()
    page.get_by_text("Display settings").click()
    assert page.get_by_role("group", name="Font size:").is_visible()


def test_on_a_wide_screen_the_settings_are_shown_open(site):
    page = site.page(cookies=cookie())
    page.goto(site.url + article_url())
    assert page.get_by_role("group", name="Font size:").is_visible()
    assert page.get_by_role("button", name="Serif font", exact=True).is_visible()
    assert not page.get_by_text("Display settings").is_visible()


def test_the_new_choices_work_without_javascript(site):
    page = site.page(**PHONE, java_script_enabled=False)
    page.goto(site.url + article_url())
    page.get_by_role("button", name="Version for the visually impaired").click()
    html = page.locator("html")
    assert html.get_attribute("data-font") == "sans-serif"

    for button, attribute, value in [
        ("Serif font", "data-font", "serif"),
        ("Greyscale images", "data-images", "greyscale"),
        ("Wide letter spacing", "data-spacing", "wide"),
        ("Wide line spacing", "data-line-height", "wide"),
        ("Hide images", "data-images", "hidden"),
    ]:
        page.get_by_text("Display settings").click()
        page.get_by_role("button", name=button, exact=True).click()
        assert html.get_attribute(attribute) == value, button
        assert not page.get_by_role("group", name="Font size:").is_visible(), "the settings start closed again"

    assert page.locator("main img").count() == 0
    alternative = page.locator("main .lead-image .hidden-image")
    assert alternative.is_visible()
    assert alternative.inner_text().startswith("Image:")
    assert page.locator("html").get_attribute("data-font") == "serif"


def test_the_font_and_greyscale_choices_change_what_the_reader_sees(site):
    page = site.page(cookies=cookie(images="greyscale"))
    page.goto(site.url + article_url())
    assert page.locator("main img").first.evaluate("img => getComputedStyle(img).filter") == "grayscale(1)"
    body_font = "getComputedStyle(document.querySelector('main .prose p')).fontFamily"
    assert "Georgia" not in page.evaluate(body_font)
    page.get_by_role("button", name="Serif font", exact=True).click()
    assert page.evaluate(body_font).startswith("Georgia")


# Body text, the lead paragraph and each level of heading on an article page.
TEXT = ["main .prose p", "main .standfirst", "main h1", "main h2", ".site-name"]
MEASURE = """selector => {
  const style = getComputedStyle(document.querySelector(selector));
  const size = parseFloat(style.fontSize);
  return {
    letters: (parseFloat(style.letterSpacing) || 0) / size,
    words: (parseFloat(style.wordSpacing) || 0) / size,
    lines: parseFloat(style.lineHeight) / size,
    after: parseFloat(style.marginBottom) / size,
  };
}"""


@pytest.mark.parametrize("text_size", ["large", "larger", "largest"])
def test_the_widest_spacing_steps_reach_the_text_spacing_of_wcag_1_4_12(site, text_size):
    page = site.page(cookies=cookie(text_size, spacing="wide", line_height="wide"))
    page.goto(site.url + article_url())
    for selector in TEXT:
        spacing = page.evaluate(MEASURE, selector)
        assert spacing["letters"] >= 0.12 - 1e-3, (selector, spacing)
        assert spacing["words"] >= 0.16 - 1e-3, (selector, spacing)
        assert spacing["lines"] >= 1.5 - 1e-3, (selector, spacing)
    assert page.evaluate(MEASURE, "main .prose p")["after"] >= 2 - 1e-3


def test_the_spacing_steps_grow_one_after_the_other(site):
    measured = []
    for step in ("normal", "medium", "wide"):
        page = site.page(cookies=cookie(spacing=step, line_height=step))
        page.goto(site.url + article_url())
        measured.append(page.evaluate(MEASURE, "main .prose p"))
    assert [round(m["letters"], 2) for m in measured] == [0, 0.06, 0.12]
    assert measured[0]["lines"] < measured[1]["lines"] < measured[2]["lines"]
