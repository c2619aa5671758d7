"""The low-vision version: one cookie, set by a small view from any page, read on every page."""

import pytest
from django.urls import reverse

from public.low_vision import COOKIE_NAME

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
    assert cookie.value == "large.black-on-white.shown.normal"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]


@pytest.mark.django_db
def test_each_choice_changes_only_itself_and_keeps_the_others(client):
    switch(client, version="low-vision")
    switch(client, scheme="blue-on-light-blue")
    switch(client, text_size="largest")
    switch(client, images="hidden")
    response = switch(client, spacing="wide")
    assert response.cookies[COOKIE_NAME].value == "largest.blue-on-light-blue.hidden.wide"


@pytest.mark.django_db
def test_pages_carry_the_choices_on_the_html_element(client):
    client.cookies[COOKIE_NAME] = "larger.white-on-black.hidden.wide"
    response = client.get("/")
    assert (
        b'<html lang="en" class="low-vision" data-text-size="larger" data-scheme="white-on-black" '
        b'data-images="hidden" data-spacing="wide">'
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
        {"anything": "else"},
        {"text_size": "x" * 10_000},
    ],
)
def test_unknown_choices_are_ignored(client, data):
    switch(client, version="low-vision")
    response = switch(client, **data)
    assert response.status_code == 302
    assert response.cookies[COOKIE_NAME].value == "large.black-on-white.shown.normal"


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
    ["", "garbage", "large.black-on-white.shown", "huge.black-on-white.shown.normal", "a.b.c.d.e", "é" * 50, '";<x>'],
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
