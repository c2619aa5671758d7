"""The live preview renders the unsaved article form as the public page, and saves nothing."""

import pytest
from django.test import Client
from django.urls import reverse
from factories import make_article, make_person, make_team, make_user
from reversion.models import Version

from newsroom.models import Article, ArticlePerson
from newsroom.roles import AUTHOR

pytestmark = pytest.mark.django_db


def form_data(article=None, **fields):
    data = {
        "title": "Tumour cells talk to their neighbours",
        "slug": "",
        "kind": Article.Kind.RESEARCH_HIGHLIGHT,
        "standfirst": "A new way of listening.",
        "body": "<p>The stroma <strong>answers</strong>.</p><script>alert(1)</script>",
        "status": Article.Status.DRAFT,
        "language": "en",
        "keywords": "tumour microenvironment, fibroblasts",
        "article_people-TOTAL_FORMS": "0",
        "article_people-INITIAL_FORMS": "0",
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
    }
    if article is not None:
        data |= {"slug": article.slug, "lock_version": article.lock_version}
    return data | fields


def live_preview_url(article=None):
    if article is None:
        return reverse("admin:newsroom_article_live_preview_add")
    return reverse("admin:newsroom_article_live_preview", args=[article.pk])


def test_the_unsaved_changes_are_shown_as_the_public_page_and_nothing_is_saved(staff_client):
    team = make_team(acronym="MICROPANC")
    article = make_article(title="Old title", body="<p>Old text.</p>", keywords=["old keyword"])
    before = (Version.objects.count(), article.lock_version)

    response = staff_client.post(live_preview_url(article), form_data(article, title="New title", teams=[team.pk]))

    assert response.status_code == 200
    page = response.text
    assert "New title" in page and "<strong>answers</strong>" in page and "alert(1)" not in page
    assert "MICROPANC" in page and "tumour microenvironment" in page and "old keyword" not in page
    assert 'class="preview-banner"' in page
    article.refresh_from_db()
    assert (article.title, article.body) == ("Old title", "<p>Old text.</p>")
    assert list(article.keywords.names()) == ["old keyword"] and not article.teams.exists()
    assert (Version.objects.count(), article.lock_version) == before


def test_the_preview_of_a_new_article_creates_nothing(staff_client):
    response = staff_client.post(live_preview_url(), form_data())

    assert response.status_code == 200
    assert "Tumour cells talk to their neighbours" in response.text
    assert not Article.objects.exists()
    assert not Version.objects.exists()


def test_the_researchers_are_shown_in_the_order_of_the_form(staff_client):
    first, second = make_person(family_name="Samain"), make_person(family_name="Bousquet")
    article = make_article(people=[first, second])
    rows = list(article.article_people.all())
    data = form_data(article, **{"article_people-TOTAL_FORMS": "2", "article_people-INITIAL_FORMS": "2"})
    for index, (row, order) in enumerate(zip(rows, (1, 0), strict=True)):
        data |= {
            f"article_people-{index}-id": row.pk,
            f"article_people-{index}-article": article.pk,
            f"article_people-{index}-person": row.person_id,
            f"article_people-{index}-order": order,
        }

    page = staff_client.post(live_preview_url(article), data).text

    assert page.index("Bousquet") < page.index("Samain")
    assert list(ArticlePerson.objects.filter(article=article).values_list("order", flat=True)) == [0, 1]


def test_an_incomplete_form_still_shows_a_preview(staff_client):
    article = make_article(title="Kept title")
    response = staff_client.post(live_preview_url(article), form_data(article, title="", kind="no-such-kind"))
    assert response.status_code == 200
    assert "Kept title" in response.text


def test_the_preview_may_be_framed_by_the_admin_only_and_is_never_indexed(staff_client):
    response = staff_client.post(live_preview_url(), form_data())

    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_low_vision_version_can_be_previewed(staff_client):
    normal = staff_client.post(live_preview_url(), form_data()).text
    low_vision = staff_client.post(live_preview_url(), form_data(_low_vision="1")).text
    assert 'data-scheme="black-on-white"' in low_vision and "data-scheme=" not in normal


def test_the_live_preview_is_only_posted_and_only_for_those_who_may_edit(staff_client):
    article = make_article()
    assert staff_client.get(live_preview_url(article)).status_code == 405
    client = Client()
    assert client.post(live_preview_url(article), form_data(article)).status_code == 302  # to the log-in page
    client.force_login(make_user())  # staff without any right on articles
    assert client.post(live_preview_url(article), form_data(article)).status_code in {403, 404}
    assert client.post(live_preview_url(), form_data()).status_code == 403


def test_an_author_previews_the_article_being_written(client):
    client.force_login(make_user(AUTHOR))
    assert client.post(live_preview_url(), form_data()).status_code == 200


def test_the_change_page_offers_the_live_preview_panel(staff_client):
    article = make_article()
    page = staff_client.get(reverse("admin:newsroom_article_change", args=[article.pk])).text
    assert f'data-url="{live_preview_url(article)}"' in page and 'sandbox=""' in page
    assert "newsroom/admin/live_preview.js" in page
