"""What a reader does on the public site, in a real browser."""

import re

import pytest

from newsroom.models import Article

pytestmark = pytest.mark.browser


def highlight():
    return Article.objects.get(kind=Article.Kind.RESEARCH_HIGHLIGHT)


def test_reader_opens_a_seed_article_from_the_home_page(site):
    article = highlight()
    page = site.page()
    page.goto(site.url + "/")
    page.get_by_role("link", name=article.title).first.click()
    page.wait_for_url(re.compile(re.escape(article.get_absolute_url()) + "$"))
    assert page.get_by_role("heading", level=1).inner_text() == article.title
    assert "fibroblasts" in page.locator("main").inner_text()


def test_reader_filters_the_news_by_team(site):
    page = site.page()
    page.goto(site.url + "/news/")
    page.get_by_label("Team").select_option(label="MICROPANC")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"team=micropanc"))
    titles = page.locator("main .card-title").all_inner_texts()
    assert titles == [highlight().title]


def test_reader_searches_and_opens_a_result(site):
    article = highlight()
    page = site.page()
    page.goto(site.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_role("searchbox").fill("CSF-1")
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=CSF-1"))
    result = page.locator("main").get_by_role("link", name=article.title)
    assert page.locator("main mark").first.inner_text().lower() in {"csf-1", "csf"}
    result.first.click()
    page.wait_for_url(re.compile(re.escape(article.get_absolute_url()) + "$"))
    assert page.get_by_role("heading", level=1).inner_text() == article.title


def test_low_vision_version_is_switched_on_kept_across_pages_and_switched_off_in_one_click(site):
    page = site.page()
    page.goto(site.url + "/")
    page.get_by_role("button", name="Version for the visually impaired").click()
    page.get_by_role("button", name="White on black").click()
    page.get_by_role("button", name="A Largest text").click()
    html = page.locator("html")
    assert html.get_attribute("class") == "low-vision"
    assert html.get_attribute("data-scheme") == "white-on-black"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Teams").click()
    page.wait_for_url(re.compile(r"/teams/$"))
    assert html.get_attribute("data-scheme") == "white-on-black"
    assert html.get_attribute("data-text-size") == "largest"
    cookie = next(c for c in page.context.cookies() if c["name"] == "low_vision")
    assert cookie["sameSite"] == "Lax"
    assert cookie["expires"] > page.evaluate("Date.now() / 1000") + 360 * 24 * 3600

    page.get_by_role("button", name="Normal version of the site").click()
    page.wait_for_url(re.compile(r"/teams/$"))
    assert html.get_attribute("class") is None
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"


def test_hidden_images_are_not_shown_in_the_low_vision_version(site):
    page = site.page(cookies={"low_vision": "large.black-on-white.hidden.normal"})
    page.goto(site.url + highlight().get_absolute_url())
    assert page.locator("main img").count() == 0
    assert page.locator("main .hidden-image").first.is_visible()
    page.get_by_role("button", name="Show images").click()
    assert page.locator("main img").first.is_visible()


def test_reader_switches_the_interface_language_and_it_stays_on_the_next_page(site):
    page = site.page()
    page.goto(site.url + highlight().get_absolute_url())
    page.get_by_role("button", name="Русский").click()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.get_by_role("heading", name="Опубликованная статья").is_visible()
    assert page.locator("main time").first.text_content() == "9 февраля 2021 г."

    page.get_by_role("button", name="Français").click()
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Actualités").click()
    page.wait_for_url(re.compile(r"/news/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Actualités"
    assert page.get_by_label("Équipe").is_visible()


def test_keyboard_users_reach_the_skip_link_first_and_see_where_the_focus_is(site):
    page = site.page()
    page.goto(site.url + "/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to content")
    assert skip_link.evaluate("link => link === document.activeElement")
    box = skip_link.bounding_box()
    assert box["y"] >= 0 and box["height"] >= 24
    assert skip_link.evaluate("link => getComputedStyle(link).outlineStyle") == "solid"


def test_printed_pages_leave_out_the_controls_and_show_link_addresses(site):
    page = site.page()
    page.goto(site.url + highlight().get_absolute_url())
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Main").is_visible()
    assert not page.get_by_role("button", name="Version for the visually impaired").is_visible()
    team_link = page.locator("main .article-teams a").first
    shown_after = team_link.evaluate("link => getComputedStyle(link, '::after').content")
    assert team_link.get_attribute("href") in shown_after


def test_the_leading_featured_article_shows_its_picture_across_half_the_card(site):
    page = site.page(width=1280)
    page.goto(site.url + "/")
    card = page.locator(".card-grid-featured > li").first.locator(".card").bounding_box()
    picture = page.locator(".card-grid-featured > li").first.locator("img.card-image").bounding_box()
    assert picture["width"] >= 0.5 * card["width"]
    assert picture["height"] >= 0.95 * card["height"] - 2
