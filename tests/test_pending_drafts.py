"""A live article keeps its live version: changes by someone who may not publish wait as a pending
draft, shown, compared, previewed and submitted in the admin, and made live by an editor only."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from factories import make_article, make_person, make_team, make_user
from taggit.models import Tag

from newsroom.models import Article, EditorialEvent, PreviewLink
from newsroom.roles import AUTHOR, EDITOR, RESEARCHER
from research.models import Membership

pytestmark = pytest.mark.django_db

LIVE_BODY = "<p>The live text about fibroblasts.</p>"
NEW_BODY = "<p>The corrected text about fibroblasts.</p>"


def login(role, **kwargs):
    client = Client()
    client.force_login(make_user(role, **kwargs))
    return client


@pytest.fixture
def team():
    return make_team(acronym="MICROPANC")


@pytest.fixture
def live(team):
    return make_article(
        title="Fibroblasts hold the key", standfirst="The live standfirst.", body=LIVE_BODY, teams=[team]
    )


def change_url(article):
    return reverse("admin:newsroom_article_change", args=[article.pk])


def opened(client, article):
    """The change page as the browser gets it, and the version number its form carries."""
    page = client.get(change_url(article))
    lock = re.search(r'<input type="hidden" name="lock_version" value="(\d+)"', page.text).group(1)
    return page, lock


def save(client, article, lock=None, **changes):
    """Save the change form, starting from what the page shows (the pending draft, if any)."""
    page, rendered = opened(client, article)
    form = page.context["adminform"].form
    data = {
        "title": form["title"].value(),
        "slug": form["slug"].value(),
        "kind": "news",
        "standfirst": form["standfirst"].value(),
        "body": form["body"].value(),
        "keywords": ", ".join(tag.name for tag in form["keywords"].value() or []),
        "teams": [team.pk if hasattr(team, "pk") else team for team in form["teams"].value()],
        "language": "en",
        "status": article.status,
        "lock_version": rendered if lock is None else lock,
        "article_people-TOTAL_FORMS": "0",
        "article_people-INITIAL_FORMS": "0",
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
        **changes,
    }
    return client.post(change_url(article), data, follow=True)


def transition(client, article, name, **data):
    return client.post(reverse("admin:newsroom_article_transition", args=[article.pk, name]), data, follow=True)


def public_text(article):
    return Client().get(article.get_absolute_url()).text


def test_an_authors_edit_of_a_live_article_waits_and_readers_keep_the_live_version(live):
    author = login(AUTHOR)

    response = save(author, live, body=NEW_BODY, standfirst="A new standfirst.")

    assert response.status_code == 200
    assert "readers still see the live version" in response.text
    live.refresh_from_db()
    assert (live.body, live.standfirst, live.status) == (LIVE_BODY, "The live standfirst.", Article.Status.PUBLISHED)
    assert live.has_pending_changes
    page = public_text(live)
    assert "The live text" in page and "corrected" not in page and "A new standfirst" not in page


def test_a_researchers_edit_of_their_teams_live_article_waits_too(live, team):
    person = make_person()
    Membership.objects.create(team=team, person=person, role=Membership.Role.LEADER)
    researcher = login(RESEARCHER, person=person)

    save(researcher, live, body=NEW_BODY)

    live.refresh_from_db()
    assert live.body == LIVE_BODY and live.has_pending_changes
    assert "corrected" not in public_text(live)


def test_the_change_page_shows_the_pending_version_and_the_author_continues_from_it(live):
    author = login(AUTHOR)
    save(author, live, body=NEW_BODY)

    page, _lock = opened(author, live)
    assert page.context["adminform"].form["body"].value() == NEW_BODY
    save(author, live, title="Fibroblasts hold the key, corrected")

    live.refresh_from_db()
    assert live.title == "Fibroblasts hold the key" and live.body == LIVE_BODY
    page, _lock = opened(author, live)
    form = page.context["adminform"].form
    assert (form["title"].value(), form["body"].value()) == ("Fibroblasts hold the key, corrected", NEW_BODY)


def test_the_list_and_the_workflow_panel_say_live_with_unpublished_changes(live):
    author = login(AUTHOR)
    save(author, live, body=NEW_BODY)
    changelist = reverse("admin:newsroom_article_changelist")

    assert "Live, with unpublished changes" in author.get(changelist).text
    assert list(author.get(changelist, {"view": "changes"}).context["cl"].result_list) == [live]
    page, _lock = opened(author, live)
    assert "Live, with unpublished changes" in page.text
    assert reverse("admin:newsroom_article_pending", args=[live.pk]) in page.text


def test_the_diff_shows_the_pending_words_against_the_live_ones(live):
    author = login(AUTHOR)
    save(author, live, body=NEW_BODY)

    diff = author.get(reverse("admin:newsroom_article_pending", args=[live.pk]))

    assert diff.status_code == 200
    assert "<del>live</del>" in diff.text and "<ins>corrected</ins>" in diff.text


def test_the_admin_preview_and_a_shared_link_show_the_pending_version(live):
    author = login(AUTHOR)
    save(author, live, body=NEW_BODY)

    preview = author.get(reverse("admin:newsroom_article_preview", args=[live.pk]))
    author.post(reverse("admin:newsroom_article_share", args=[live.pk]), {"note": "Dr. Samain"})
    shared = Client().get(PreviewLink.objects.get(article=live).get_absolute_url())

    assert "corrected text" in preview.text
    assert "corrected text" in shared.text
    assert "corrected text" not in public_text(live)


def test_submitted_changes_await_review_while_the_article_stays_live(live):
    author, editor = login(AUTHOR), login(EDITOR)
    save(author, live, body=NEW_BODY)
    assert "Submit changes for review" in opened(author, live)[0].text

    transition(author, live, "submit_changes")

    live.refresh_from_db()
    assert live.is_live and live.pending_submitted_at is not None
    assert EditorialEvent.objects.filter(article=live, action="changes-submitted").exists()
    review = editor.get(reverse("admin:newsroom_article_changelist"), {"view": "review"})
    assert list(review.context["cl"].result_list) == [live]
    panel = opened(editor, live)[0].text
    assert "awaiting review" in panel and "Publish changes" in panel


def test_an_author_cannot_publish_the_changes(live):
    author = login(AUTHOR)
    save(author, live, body=NEW_BODY)

    refused = author.post(reverse("admin:newsroom_article_transition", args=[live.pk, "publish_changes"]))

    assert refused.status_code == 403
    assert "corrected" not in public_text(live)


def test_an_editor_publishes_the_changes_in_one_click_and_the_publish_time_stays(live):
    author, editor = login(AUTHOR), login(EDITOR)
    published_at = live.publish_at
    save(author, live, body=NEW_BODY, keywords="stroma, a keyword typed for the first time")

    transition(editor, live, "publish_changes")

    live.refresh_from_db()
    assert (live.body, live.publish_at, live.has_pending_changes) == (NEW_BODY, published_at, False)
    assert {tag.name for tag in live.keywords.all()} == {"stroma", "a keyword typed for the first time"}
    assert "corrected text" in public_text(live)
    assert EditorialEvent.objects.filter(article=live, action="changes-published").exists()


def test_an_editor_sends_the_changes_back_with_a_comment(live):
    author, editor = login(AUTHOR), login(EDITOR)
    save(author, live, body=NEW_BODY)
    transition(author, live, "submit_changes")

    transition(editor, live, "send_back", comment="Cite the paper")

    live.refresh_from_db()
    assert live.has_pending_changes and live.pending_submitted_at is None and live.is_live
    assert EditorialEvent.objects.get(article=live, action="sent-back").comment == "Cite the paper"


def test_an_editors_own_save_of_a_live_article_goes_live_at_once(live):
    editor = login(EDITOR)

    save(editor, live, body=NEW_BODY, status="published", publish_at_0="2024-01-01", publish_at_1="09:00:00")

    live.refresh_from_db()
    assert live.body == NEW_BODY and not live.has_pending_changes
    assert "corrected text" in public_text(live)


def test_an_editor_opening_pending_changes_sees_them_and_saving_publishes_them(live):
    author, editor = login(AUTHOR), login(EDITOR)
    save(author, live, body=NEW_BODY)

    page, _lock = opened(editor, live)
    assert page.context["adminform"].form["body"].value() == NEW_BODY
    save(editor, live, standfirst="Edited by the editor.", publish_at_0="2024-01-01", publish_at_1="09:00:00")

    live.refresh_from_db()
    assert (live.body, live.standfirst, live.has_pending_changes) == (NEW_BODY, "Edited by the editor.", False)
    assert "corrected text" in public_text(live)


def test_an_authors_restore_of_an_old_revision_of_a_live_article_waits_for_review(live):
    author, editor = login(AUTHOR), login(EDITOR)
    save(editor, live, body=NEW_BODY, publish_at_0="2024-01-01", publish_at_1="09:00:00")
    live.refresh_from_db()
    from reversion.models import Version

    first = [v for v in Version.objects.get_for_object(live) if v.field_dict["body"] == LIVE_BODY][-1]

    author.post(reverse("admin:newsroom_article_restore", args=[live.pk, first.pk]))

    live.refresh_from_db()
    assert live.body == NEW_BODY and live.has_pending_changes
    assert "corrected text" in public_text(live)
    assert opened(author, live)[0].context["adminform"].form["body"].value() == LIVE_BODY


def test_a_second_author_saving_a_form_opened_before_the_first_ones_save_is_refused(live):
    alice, bob = login(AUTHOR, username="alice"), login(AUTHOR, username="bob")
    _page, loaded = opened(bob, live)
    save(alice, live, body=NEW_BODY)

    refused = save(bob, live, lock=loaded, standfirst="Bob's standfirst.")

    assert "saved this article" in " ".join(refused.context["adminform"].form.non_field_errors())
    assert opened(alice, live)[0].context["adminform"].form["body"].value() == NEW_BODY


def test_researchers_added_in_pending_changes_appear_only_once_published(live):
    author, editor = login(AUTHOR), login(EDITOR)
    person = make_person(given_name="Corinne", family_name="Quotedperson")
    inline = {
        "article_people-TOTAL_FORMS": "1",
        "article_people-0-person": person.pk,
        "article_people-0-order": "0",
    }

    save(author, live, **inline)

    assert "Quotedperson" not in public_text(live)
    assert "Quotedperson" in author.get(reverse("admin:newsroom_article_preview", args=[live.pk])).text
    transition(editor, live, "publish_changes")
    assert "Quotedperson" in public_text(live)


def test_unpublishing_makes_the_pending_changes_the_articles_draft(live):
    author, editor = login(AUTHOR), login(EDITOR)
    save(author, live, body=NEW_BODY)

    transition(editor, live, "unpublish")

    live.refresh_from_db()
    assert (live.status, live.body, live.has_pending_changes) == (Article.Status.UNPUBLISHED, NEW_BODY, False)


def test_a_keyword_typed_in_pending_changes_is_not_lost(live):
    save(login(AUTHOR), live, keywords="stroma, a brand new keyword")

    assert Tag.objects.filter(name="a brand new keyword").exists()
