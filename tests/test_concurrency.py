"""Two people edit the same article (or team page): the second save is refused, nothing is lost."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from factories import make_article, make_team, make_user

from newsroom.roles import EDITOR

pytestmark = pytest.mark.django_db


def article_form(article, lock_version, **changes):
    data = {
        "title": article.title,
        "slug": article.slug,
        "kind": article.kind,
        "standfirst": article.standfirst,
        "body": article.body,
        "status": "draft",
        "language": "en",
        "lock_version": lock_version,
        "article_people-TOTAL_FORMS": "0",
        "article_people-INITIAL_FORMS": "0",
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def rendered_lock_version(client, url):
    """The version number as the browser gets it: a hidden input of the change form."""
    page = client.get(url).text
    match = re.search(r'<input type="hidden" name="lock_version" value="(\d+)"', page)
    assert match, "the change form does not carry its version number"
    return match.group(1)


def editor_client(name):
    client = Client()
    client.force_login(make_user(EDITOR, username=name))
    return client


def test_the_second_of_two_concurrent_saves_is_refused_and_keeps_its_text():
    article = make_article(status="draft", publish_at=None, title="Shared draft", body="<p>Original.</p>")
    alice, bob = editor_client("alice"), editor_client("bob")
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    # Both open the page: the form carries the version number they loaded.
    loaded = rendered_lock_version(alice, url)
    assert rendered_lock_version(bob, url) == loaded

    first = alice.post(url, article_form(article, loaded, title="Alice's title"))
    second = bob.post(url, article_form(article, loaded, body="<p>Bob's careful rewrite.</p>"))

    assert first.status_code == 302
    assert second.status_code == 200
    error = " ".join(second.context["adminform"].form.non_field_errors())
    assert "Alice saved this article" in error
    assert "title" in error
    assert "Bob&#x27;s careful rewrite" in second.text or "Bob's careful rewrite" in second.text
    article.refresh_from_db()
    assert article.title == "Alice's title"
    assert article.body == "<p>Original.</p>"


def test_after_reloading_the_second_editor_can_save():
    article = make_article(status="draft", publish_at=None)
    alice, bob = editor_client("alice"), editor_client("bob")
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    loaded = article.lock_version
    alice.post(url, article_form(article, loaded, title="Alice's title"))

    article.refresh_from_db()
    response = bob.post(url, article_form(article, article.lock_version, body="<p>Bob again.</p>"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body) == ("Alice's title", "<p>Bob again.</p>")


def test_a_workflow_transition_in_between_also_stops_an_old_form():
    article = make_article(status="review", publish_at=None)
    alice, bob = editor_client("alice"), editor_client("bob")
    loaded = article.lock_version

    alice.post(reverse("admin:newsroom_article_transition", args=[article.pk, "send_back"]), {"comment": "Shorter"})
    response = bob.post(
        reverse("admin:newsroom_article_change", args=[article.pk]), article_form(article, loaded, title="Bob")
    )

    assert response.status_code == 200
    assert "Alice saved this article" in " ".join(response.context["adminform"].form.non_field_errors())


def test_two_concurrent_saves_of_a_team_page_are_caught_too():
    team = make_team(acronym="MICROPANC")
    alice, bob = editor_client("alice"), editor_client("bob")
    url = reverse("admin:research_team_change", args=[team.pk])
    base = {
        "acronym": "MICROPANC",
        "slug": team.slug,
        "is_active": "on",
        "lock_version": rendered_lock_version(alice, url),
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }

    assert alice.post(url, {**base, "name": "Alice's name"}).status_code == 302
    refused = bob.post(url, {**base, "name": "Bob's name", "summary": "Bob's summary"})

    assert refused.status_code == 200
    assert "Alice saved this team" in " ".join(refused.context["adminform"].form.non_field_errors())
    assert "Bob&#x27;s summary" in refused.text
    team.refresh_from_db()
    assert team.name == "Alice's name"


def test_a_form_posted_without_its_version_number_is_refused_as_stale():
    article = make_article(status="draft", publish_at=None, title="Shared draft")
    data = article_form(article, article.lock_version, title="From an old page")
    del data["lock_version"]

    response = editor_client("alice").post(reverse("admin:newsroom_article_change", args=[article.pk]), data)

    assert response.status_code == 200
    assert "while you were editing" in " ".join(response.context["adminform"].form.non_field_errors())
    article.refresh_from_db()
    assert article.title == "Shared draft"


def test_a_team_page_posted_without_its_version_number_is_refused_as_stale():
    team = make_team(acronym="MICROPANC", name="Original name")
    data = {"acronym": "MICROPANC", "slug": team.slug, "name": "From a script", "is_active": "on"}
    data |= {"memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"}

    response = editor_client("alice").post(reverse("admin:research_team_change", args=[team.pk]), data)

    assert response.status_code == 200
    assert "while you were editing" in " ".join(response.context["adminform"].form.non_field_errors())
    team.refresh_from_db()
    assert team.name == "Original name"
