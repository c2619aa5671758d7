"""Previews: staff see unpublished articles as readers will; shared links are signed, expire,
can be revoked, show the pinned version only and are never indexed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from factories import make_article, make_event, make_page, make_person, make_team, make_user

from newsroom.models import Article, EditorialEvent, Event, PreviewLink
from newsroom.roles import AUTHOR, EDITOR, RESEARCHER

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(make_user(EDITOR))
    return client


def draft(**fields):
    return make_article(status=Article.Status.DRAFT, publish_at=None, **fields)


def share(client, article, note="Dr. Samain"):
    client.post(reverse("admin:newsroom_article_share", args=[article.pk]), {"note": note})
    return PreviewLink.objects.filter(article=article).latest("pk")


def assert_noindex(response):
    assert response["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex' in response.text


@pytest.mark.parametrize("role", [EDITOR, AUTHOR])
def test_editors_and_authors_preview_a_draft_with_the_public_template(client, role):
    client.force_login(make_user(role))
    article = draft(title="Fibroblasts hold the key", teams=[make_team(acronym="MICROPANC")], people=[make_person()])

    response = client.get(reverse("admin:newsroom_article_preview", args=[article.pk]))

    assert response.status_code == 200
    assert "newsroom/article_detail.html" in [t.name for t in response.templates]
    assert "Preview" in response.text and "Fibroblasts hold the key" in response.text
    assert "MICROPANC" in response.text
    assert_noindex(response)


def test_the_public_site_still_does_not_show_the_draft(client):
    article = draft()

    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_preview_link_works_without_an_account_and_is_not_indexed(editor, client):
    article = draft(title="Embargoed result")
    link = share(editor, article)
    client.logout()

    response = client.get(link.get_absolute_url())

    assert response.status_code == 200
    assert "Embargoed result" in response.text and "Preview" in response.text
    assert_noindex(response)
    assert EditorialEvent.objects.filter(action="preview-shared", article=article).exists()


def test_a_preview_link_shows_the_version_it_was_made_for_not_later_edits(editor, client):
    team, later_team = make_team(acronym="FIRSTTEAM"), make_team(acronym="LATERTEAM")
    article = draft(title="As proofread", teams=[team])
    link = share(editor, article)
    article.title = "Rewritten after the link"
    article.save()
    article.teams.set([later_team])
    client.logout()

    page = client.get(link.get_absolute_url()).text

    assert "As proofread" in page and "FIRSTTEAM" in page
    assert "Rewritten after the link" not in page and "LATERTEAM" not in page


def test_an_expired_preview_link_is_gone_with_a_clear_page(editor, client, settings):
    article = draft()
    link = share(editor, article)
    client.logout()
    later = timezone.now() + timedelta(hours=settings.PREVIEW_LINK_HOURS, seconds=1)

    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get(link.get_absolute_url())

    assert response.status_code == 410
    assert "expired" in response.text
    assert article.title not in response.text


def test_a_revoked_preview_link_is_gone(editor, client):
    article = draft()
    link = share(editor, article)

    editor.post(reverse("admin:newsroom_article_revoke", args=[article.pk, link.pk]))
    client.logout()
    response = client.get(link.get_absolute_url())

    assert response.status_code == 410
    assert "withdrawn" in response.text


@pytest.mark.parametrize("tamper", [lambda t: t[:-2] + "xx", lambda t: "1:" + t, lambda t: "not-a-token"])
def test_a_tampered_preview_link_is_not_found(editor, client, tamper):
    article = draft()
    link = share(editor, article)
    client.logout()

    response = client.get(reverse("newsroom:preview-link", args=[tamper(link.token)]))

    assert response.status_code == 404


def test_a_token_for_another_link_id_cannot_be_forged_by_editing_it(editor, client):
    from django.core import signing

    article = draft()
    share(editor, article)

    forged = signing.dumps(999, salt="not-the-preview-salt")

    assert client.get(reverse("newsroom:preview-link", args=[forged])).status_code == 404


def test_a_researcher_without_the_right_cannot_make_preview_links(client):
    from research.models import Membership

    person = make_person()
    team = make_team(members=[(person, Membership.Role.LEADER)])
    client.force_login(make_user("Researcher", person=person))
    article = draft(teams=[team])

    response = client.post(reverse("admin:newsroom_article_share", args=[article.pk]), {"note": "x"})

    assert response.status_code == 403
    assert not PreviewLink.objects.exists()


@pytest.mark.parametrize(
    "language, gone, banner",
    [
        ("fr", "Ce lien d’aperçu ne fonctionne plus", "Ce lien montre la version du"),
        ("ru", "Эта ссылка для предварительного просмотра больше не работает", "По этой ссылке показана версия от"),
    ],
)
def test_a_shared_preview_speaks_the_readers_language(editor, client, settings, language, gone, banner):
    article = draft()
    working, withdrawn = share(editor, article), share(editor, article)
    editor.post(reverse("admin:newsroom_article_revoke", args=[article.pk, withdrawn.pk]))
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    assert banner in client.get(working.get_absolute_url()).text
    page = client.get(withdrawn.get_absolute_url()).text
    assert gone in page
    assert "withdrawn" not in page


def test_a_preview_link_of_an_article_moved_to_the_trash_is_gone(editor, client):
    article = draft(title="Withdrawn result")
    link = share(editor, article)
    editor.post(reverse("admin:newsroom_article_delete", args=[article.pk]), {"post": "yes"})
    client.logout()

    response = client.get(link.get_absolute_url())

    assert response.status_code == 410
    assert "withdrawn" in response.text
    assert "Withdrawn result" not in response.text


def keep_pending_change(item, user, **changes):
    """Save ``changes`` as someone who may not publish would: a pending draft; readers keep the row."""
    import reversion

    from core import drafts

    def save():
        with reversion.create_revision():
            for name, value in changes.items():
                setattr(item, name, value)
            item.save()
            reversion.set_user(user)

    drafts.run_on_draft(item, user, save, keep_changes="pending")
    item.refresh_from_db()


@pytest.mark.parametrize(
    ("make", "name"), [pytest.param(make_event, "event", id="event"), pytest.param(make_page, "page", id="page")]
)
def test_editors_preview_a_draft_event_or_page_as_readers_will_see_it_never_indexed(editor, make, name):
    item = make(title="Not yet public", status=Event.Status.DRAFT, publish_at=None)
    change_page = editor.get(reverse(f"admin:newsroom_{name}_change", args=[item.pk])).text
    url = reverse(f"admin:newsroom_{name}_preview", args=[item.pk])
    assert f'href="{url}"' in change_page
    assert editor.get(item.get_absolute_url()).status_code == 404

    response = editor.get(url)

    assert response.status_code == 200 and "Not yet public" in response.text
    assert "this page is not public" in response.text and "Draft" in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow" and 'content="noindex, nofollow"' in response.text
    assert response.templates[0].name == f"newsroom/{name}_preview.html"


@pytest.mark.parametrize(("make", "name"), [(make_event, "event"), (make_page, "page")])
def test_the_preview_of_a_live_event_or_page_shows_its_pending_changes(editor, make, name):
    item = make(title="Live title")
    keep_pending_change(item, make_user(AUTHOR), title="Pending title")
    assert item.has_pending_changes and item.title == "Live title"

    response = editor.get(reverse(f"admin:newsroom_{name}_preview", args=[item.pk]))

    assert "Pending title" in response.text and "Live title" not in response.text
    assert "Live title" in editor.get(item.get_absolute_url()).text


def test_nobody_without_the_right_to_change_previews_an_event_or_page(client):
    event, page = make_event(status=Event.Status.DRAFT, publish_at=None), make_page(status=Event.Status.DRAFT)
    client.force_login(make_user(RESEARCHER))

    assert client.get(reverse("admin:newsroom_event_preview", args=[event.pk])).status_code == 403
    assert client.get(reverse("admin:newsroom_page_preview", args=[page.pk])).status_code == 403
