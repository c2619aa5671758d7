"""The API's OpenAPI document is valid OpenAPI 3, and every endpoint answers as it says: schemathesis
sends generated requests to each one, in-process through the WSGI application, and checks that none
ends in a 500 and that every answer (status, content type, body) matches the document."""

import json
import time

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from factories import make_article, make_grant, make_organisation, make_person, make_publication, make_team
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from newsroom.models import ArticlePartner
from research.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def research_content():
    person = make_person(orcid="0000-0002-1825-0097")
    team = make_team(members=[(person, Membership.Role.LEADER)])
    team.keywords.add("stroma")
    partner = make_organisation(ror_id="02feahw73")
    publication = make_publication(doi="10.1016/j.jcmgh.2021.01.008")
    publication.teams.add(team)
    make_article(
        teams=[team],
        people=[person],
        publications=[publication],
        grants=[make_grant()],
        partners=[(partner, ArticlePartner.Role.COLLABORATION)],
        keywords=["fibroblasts"],
    )


def no_duplicate_keys(pairs):
    keys = [key for key, _ in pairs]
    assert len(keys) == len(set(keys)), keys  # browsers' YAML readers (Swagger UI) refuse them
    return dict(pairs)


@pytest.fixture
def wsgi_application():
    """The site's WSGI application, keeping the test's database connection open between requests
    (as Django's test client does): the test's rows live in its open transaction."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield get_wsgi_application()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_the_openapi_document_is_valid_openapi_3(client):
    document = json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=no_duplicate_keys)
    validate(document)
    assert document["openapi"].startswith("3.")
    assert {
        "/api/v1/articles",
        "/api/v1/articles/{slug}",
        "/api/v1/keywords",
        "/api/v1/publications/export.bib",
    } <= set(document["paths"])


# A cursor or a field name the API never gave out is a 400 by design, though the document cannot
# tell it from a good one: the checks are those of the answers themselves.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def test_every_endpoint_answers_as_its_schema_says(research_content, settings, wsgi_application):
    settings.API_RATE_LIMIT = 0  # hundreds of requests; the limit has its own tests
    statuses = []
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_application)
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 18
    for operation in operations:
        run_operation(operation, statuses)
    assert time.monotonic() - started < 60
    assert statuses.count(200) > 100 and 400 in statuses and 404 in statuses


def run_operation(operation, statuses):
    @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def check(case):
        response = case.call()
        statuses.append(response.status_code)
        assert response.status_code < 500, (case.as_curl_command(), response.text[:500])
        case.validate_response(response, checks=CHECKS)

    check()
