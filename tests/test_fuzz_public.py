"""Every public address, fuzzed: odd paths and query strings get an answer below 500.

The addresses come from the URL resolver, so a new public pattern is fuzzed without being
listed here; only the admin (tried by its own tests) and the development server's media files are left out.
"""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.static import serve
from factories import make_article, make_grant, make_organisation, make_person, make_publication, make_team
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsroom.models import ArticlePartner

EXAMPLES_PER_PATTERN = 40  # 26 patterns: more than 1,000 requests in all
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>(?P<regex>[^)]*)\)")


def public_patterns(patterns=None, prefix=""):
    """(route template, name) of every public pattern, with the prefixes of the resolvers it sits in."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            if entry.namespace != "admin":
                found += public_patterns(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and entry.callback is not serve and not route.startswith("admin/"):
            # Media files are served by Django only under DEBUG, in development; a web server does it in production.
            found.append((route, entry.name or route))
    return found


PATTERNS = public_patterns()

NUMBERS = st.sampled_from(["0", "1", "2", "-1", "-99999999999999999999", "99999999999999999999" * 3, "1e9", "0x10"])
ODD_TEXT = st.sampled_from(
    [
        "%00",
        "%ff%fe",
        "%c3%28",
        "%e2%82",
        "%",
        "%zz",
        "%ED%A0%80",
        quote("<script>alert(1)</script>"),
        quote('"><img src=x onerror=alert(1)>'),
        quote("Химиотерапия"),
        "a" * 5000,
        quote("\x0b\x1f\ufffe"),
        quote("' OR 1=1 --"),
        "..%2F..%2Fetc%2Fpasswd",
        "",
    ]
)
VALUES = st.one_of(NUMBERS, ODD_TEXT, st.text(max_size=40).map(quote))
KEYS = st.one_of(
    st.sampled_from(["page", "year", "team", "keyword", "kind", "q", "type", "next", "format", "lang"]),
    ODD_TEXT,
)
QUERY_STRINGS = st.lists(st.tuples(KEYS, VALUES), max_size=6).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))


def segment(converter, regex, known):
    """Values for one path parameter: real ones (so the page itself is reached) and odd ones."""
    odd = st.one_of(ODD_TEXT, st.text(max_size=30).map(lambda text: quote(text, safe="")))
    if converter == "int":
        return st.one_of(st.sampled_from(known["int"]), st.integers(min_value=0, max_value=10**40).map(str))
    if converter in ("slug", "str", "path") or regex is not None:
        return st.one_of(st.sampled_from(known["slug"]), odd)
    return odd


def paths(route, known):
    pieces, strategies, position = [], [], 0
    for match in PARAMETER.finditer(route):
        pieces.append(route[position : match.start()])
        strategies.append(segment(match["converter"], match["regex"], known))
        position = match.end()
    tail = route[position:]
    return st.tuples(*strategies).map(
        lambda values: "/" + "".join(piece + value for piece, value in zip(pieces, values, strict=True)) + tail
    )


@pytest.fixture
def known(db):
    """Rows for the detail pages, so that fuzzing reaches them as well as their 404 pages."""
    team = make_team()
    person = make_person()
    partner = make_organisation(name="Beaujon Hospital")
    publication = make_publication()
    grant = make_grant()
    article = make_article(
        teams=[team], people=[person], publications=[publication], grants=[grant], keywords=["stroma"]
    )
    ArticlePartner.objects.create(article=article, organisation=partner, role=ArticlePartner.Role.COLLABORATION)
    return {
        "int": [str(publication.pk), str(grant.pk)],
        "slug": [team.slug, person.slug, partner.slug, article.slug, "stroma", "news", "award"],
    }


def test_every_public_pattern_is_fuzzed():
    names = {name for _route, name in PATTERNS}
    assert {"home", "article-detail", "organisation-detail", "grant-detail", "sitemap", "robots"} <= names
    assert not any(route.startswith("admin/") for route, _name in PATTERNS)


@pytest.mark.parametrize(("route", "name"), PATTERNS, ids=[name for _route, name in PATTERNS])
def test_odd_paths_and_query_strings_never_answer_500(route, name, known):
    client = Client(raise_request_exception=False)
    answers = []

    @settings(
        max_examples=EXAMPLES_PER_PATTERN,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(path=paths(route, known), query=QUERY_STRINGS)
    def request(path, query):
        url = f"{path}?{query}" if query else path
        response = client.get(url)
        answers.append(response.status_code)
        assert response.status_code < 500, url

    request()
    assert answers


@pytest.mark.parametrize(("route", "name"), PATTERNS, ids=[name for _route, name in PATTERNS])
def test_more_than_a_thousand_query_parameters_answer_400_on_every_page(route, name, known):
    path = "/" + PARAMETER.sub(lambda match: known["int" if match["converter"] == "int" else "slug"][0], route)
    query = "&".join(f"p{number}=1" for number in range(1100))
    response = Client(raise_request_exception=False).get(f"{path}?{query}")
    assert response.status_code == 400
