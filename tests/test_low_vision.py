"""The low-vision version: one cookie, set by a small view from any page, read on every page."""

import pytest
from django.urls import reverse
from factories import make_article, make_image

from public.low_vision import COOKIE_NAME, LowVision

SWITCH = reverse("low-vision")


def switch(client, **data):
    return client.post(SWITCH, {"next": "/teams/", **data})


@pytest.mark.django_db
def test_every_page_offers_the_low_vision_version(client):
    for url in ("/", "/news/", "/teams/", "/publications/", "/no-such-page/"):
        response = client.get(url)
        assert b'name="version" value="low-vision"' in response.content, url
        assert b"Version for the visually impaired" in response.content


@pytest.mark.django_db
def test_switching_on_sets_a_one_year_lax_cookie_and_goes_back_to_the_page(client):
    response = switch(client, version="low-vision")
    assert response.status_code == 302
    assert response["Location"] == "/teams/"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == "large.black-on-white.shown.normal.normal.sans-serif"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]


@pytest.mark.django_db
def test_each_choice_changes_only_itself_and_keeps_the_others(client):
    switch(client, version="low-vision")
    switch(client, scheme="blue-on-light-blue")
    switch(client, text_size="largest")
    switch(client, images="hidden")
    switch(client, spacing="wide")
    switch(client, line_height="medium")
    response = switch(client, font="serif")
    assert response.cookies[COOKIE_NAME].value == "largest.blue-on-light-blue.hidden.wide.medium.serif"


@pytest.mark.django_db
def test_pages_carry_the_choices_on_the_html_element(client):
    client.cookies[COOKIE_NAME] = "larger.white-on-black.hidden.wide"
    response = client.get("/")
    assert (
        b'<html lang="en" class="low-vision" data-text-size="larger" data-scheme="white-on-black" '
        b'data-images="hidden" data-spacing="wide" data-line-height="wide" data-font="sans-serif">'
    ) in response.content
    assert b"Normal version of the site" in response.content
    assert b'name="scheme" value="white-on-black" aria-pressed="true"' in response.content


@pytest.mark.django_db
def test_normal_version_is_one_click_away_and_removes_the_cookie(client):
    switch(client, version="low-vision")
    response = switch(client, version="normal")
    assert response["Location"] == "/teams/"
    assert response.cookies[COOKIE_NAME].value == ""
    assert response.cookies[COOKIE_NAME]["max-age"] == 0
    assert b'class="low-vision"' not in client.get("/").content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"scheme": "hot-pink"},
        {"text_size": "enormous"},
        {"images": ""},
        {"spacing": "wide\x00"},
        {"line_height": "huge"},
        {"font": "comic-sans"},
        {"images": "sepia"},
        {"anything": "else"},
        {"text_size": "x" * 10_000},
    ],
)
def test_unknown_choices_are_ignored(client, data):
    switch(client, version="low-vision")
    response = switch(client, **data)
    assert response.status_code == 302
    assert response.cookies[COOKIE_NAME].value == "large.black-on-white.shown.normal.normal.sans-serif"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "", "\\\\evil.example", "http:///evil"],
)
def test_the_way_back_never_leaves_the_site(client, next_url):
    response = client.post(SWITCH, {"version": "low-vision", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value",
    [
        "",
        "garbage",
        "large.black-on-white.shown",
        "huge.black-on-white.shown.normal",
        "a.b.c.d.e",
        "é" * 50,
        '";<x>',
        "large.black-on-white.shown.normal.normal",
        "large.black-on-white.shown.normal.normal.comic-sans",
        "large.black-on-white.shown.normal.tall.serif",
        "large.black-on-white.sepia.normal.normal.serif",
        "large.black-on-white.shown.normal.normal.serif.extra",
        "large.black-on-white.shown.normal.normal.serif.",
    ],
)
def test_cookie_values_that_are_not_ours_give_the_normal_version(client, value):
    client.cookies[COOKIE_NAME] = value
    response = client.get("/")
    assert response.status_code == 200
    assert b'class="low-vision"' not in response.content


@pytest.mark.django_db
def test_the_switch_only_accepts_posted_forms(client):
    assert client.get(SWITCH, {"version": "low-vision"}).status_code == 405


@pytest.mark.django_db
def test_the_switch_works_without_a_csrf_cookie_since_it_only_sets_a_preference(client):
    client.handler.enforce_csrf_checks = True
    page = client.get("/")
    assert "csrftoken" not in page.cookies
    response = client.post(SWITCH, {"version": "low-vision", "next": "/"})
    assert response.status_code == 302 and COOKIE_NAME in response.cookies


@pytest.mark.parametrize(
    ("old_value", "line_height"),
    [("large.black-on-white.shown.normal", "normal"), ("larger.white-on-black.hidden.wide", "wide")],
)
def test_cookies_set_before_line_spacing_and_font_keep_their_choices(old_value, line_height):
    # Their one spacing choice set the line spacing too; the font was always sans-serif.
    text_size, scheme, images, spacing = old_value.split(".")
    assert LowVision.from_cookie(old_value) == LowVision(text_size, scheme, images, spacing, line_height, "sans-serif")


def test_cookie_values_read_back_as_written():
    choices = LowVision("largest", "white-on-black", "greyscale", "medium", "wide", "serif")
    assert LowVision.from_cookie(choices.to_cookie()) == choices


@pytest.mark.django_db
def test_an_old_cookie_is_rewritten_with_all_choices_on_the_next_change(client):
    client.cookies[COOKIE_NAME] = "larger.white-on-black.shown.wide"
    response = switch(client, font="serif")
    assert response.cookies[COOKIE_NAME].value == "larger.white-on-black.shown.wide.wide.serif"


@pytest.mark.django_db
def test_the_settings_start_closed_in_a_disclosure_with_the_way_back_outside_it(client):
    client.cookies[COOKIE_NAME] = "large.black-on-white.shown.normal.normal.sans-serif"
    content = client.get("/").content.decode()
    assert '<details class="low-vision-panel">' in content
    assert content.index('value="normal">Normal version of the site') < content.index("low-vision-panel")
    for name in ("text_size", "scheme", "font", "images", "spacing", "line_height"):
        assert content.index(f'name="{name}"') > content.index("low-vision-panel"), name


@pytest.mark.django_db
def test_the_panel_says_what_the_low_vision_version_supports_in_each_language(client):
    client.cookies[COOKIE_NAME] = "large.black-on-white.shown.normal.normal.sans-serif"
    assert "A sans-serif or a serif font." in client.get("/").content.decode()
    client.cookies["django_language"] = "fr"
    assert "Une police sans empattement ou avec empattement." in client.get("/").content.decode()
    client.cookies["django_language"] = "ru"
    assert "Шрифт без засечек или с засечками." in client.get("/").content.decode()


@pytest.mark.django_db
def test_hidden_images_give_way_to_their_text_alternative_in_the_page_itself(client):
    image = make_image(alt_text="Fibroblasts around a tumour")
    article = make_article(lead_image=image)
    make_article(lead_image=make_image(alt_text="", is_decorative=True), title="Decorated")
    client.cookies[COOKIE_NAME] = "large.black-on-white.hidden.normal.normal.sans-serif"
    detail = client.get(article.get_absolute_url()).content.decode()
    assert "<img" not in detail.split("<main", 1)[1]
    alternative = '<span class="hidden-image-label">Image:</span> Fibroblasts around a tumour</span>'
    assert alternative in detail
    news = client.get("/news/").content.decode()
    assert news.count('class="hidden-image"') == 1


@pytest.mark.django_db
@pytest.mark.parametrize("images", ["shown", "greyscale"])
def test_shown_and_greyscale_images_are_pictures(client, images):
    article = make_article(lead_image=make_image(alt_text="Fibroblasts around a tumour"))
    client.cookies[COOKIE_NAME] = f"large.black-on-white.{images}.normal.normal.sans-serif"
    detail = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Fibroblasts around a tumour"' in detail
    assert 'class="hidden-image"' not in detail
    assert f'data-images="{images}"' in detail
