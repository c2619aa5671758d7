"""Deleting an article moves it to the trash: off the site at once, listed for editors, restorable;
purging is a separate, confirmed step; the audit log keeps every step."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from factories import make_article, make_user

from newsroom.models import Article, EditorialEvent
from newsroom.roles import EDITOR

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(make_user(EDITOR, username="emma"))
    return client


def trash_list(client):
    return list(client.get(reverse("admin:newsroom_trashedarticle_changelist")).context["cl"].result_list)


def test_the_delete_confirmation_and_message_say_the_article_goes_to_the_trash(editor):
    article = make_article(title="Kept safe")
    url = reverse("admin:newsroom_article_delete", args=[article.pk])

    confirmation = editor.get(url).text
    response = editor.post(url, {"post": "yes"}, follow=True)

    assert "Move the article “Kept safe” to the trash?" in confirmation
    assert "will be deleted" not in confirmation
    assert "“Kept safe” is in the trash: it can be restored from there." in response.text
    assert "deleted successfully" not in response.text


def test_deleting_an_article_moves_it_to_the_trash_and_off_the_site(editor, client):
    article = make_article(slug="to-delete")
    assert editor.get(article.get_absolute_url()).status_code == 200

    response = editor.post(reverse("admin:newsroom_article_delete", args=[article.pk]), {"post": "yes"})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.deleted_at is not None and article.deleted_by.username == "emma"
    assert editor.get(article.get_absolute_url()).status_code == 404
    assert article not in Article.objects.live()
    assert [a.pk for a in trash_list(editor)] == [article.pk]
    assert article not in editor.get(reverse("admin:newsroom_article_changelist")).context["cl"].result_list


def test_the_bulk_action_moves_to_the_trash_too_and_says_so(editor):
    articles = [make_article(), make_article()]
    changelist = reverse("admin:newsroom_article_changelist")
    assert "delete_selected" not in editor.get(changelist).context["action_form"].fields["action"].choices.__str__()

    response = editor.post(
        changelist,
        {"action": "trash_selected", ACTION_CHECKBOX_NAME: [a.pk for a in articles]},
        follow=True,
    )

    assert Article.objects.trashed().count() == 2
    assert "2 items moved to the trash" in response.text


def test_an_article_comes_back_from_the_trash_with_its_status(editor):
    article = make_article(slug="comes-back")
    editor.post(reverse("admin:newsroom_article_delete", args=[article.pk]), {"post": "yes"})

    editor.post(
        reverse("admin:newsroom_trashedarticle_changelist"),
        {"action": "restore_selected", ACTION_CHECKBOX_NAME: [article.pk]},
    )

    article.refresh_from_db()
    assert article.deleted_at is None and article.is_live
    assert editor.get(article.get_absolute_url()).status_code == 200
    actions = list(EditorialEvent.objects.filter(article=article).values_list("action", flat=True))
    assert actions == ["restored", "trashed"]


def test_purging_asks_for_confirmation_then_deletes_for_good_and_the_audit_keeps_the_title(editor):
    article = make_article(title="Gone for good", deleted_at="2024-01-01T00:00Z")
    url = reverse("admin:newsroom_trashedarticle_changelist")
    chosen = {"action": "purge_selected", ACTION_CHECKBOX_NAME: [article.pk]}

    asked = editor.post(url, chosen)
    assert asked.status_code == 200 and "cannot be undone" in asked.text
    assert Article.objects.filter(pk=article.pk).exists()

    editor.post(url, {**chosen, "confirm": "yes"})

    assert not Article.objects.filter(pk=article.pk).exists()
    event = EditorialEvent.objects.get(action="purged")
    assert (event.article, event.article_title, event.user.username) == (None, "Gone for good", "emma")


def test_an_article_not_in_the_trash_cannot_be_purged(editor):
    from core import workflow

    article = make_article()

    with pytest.raises(workflow.WorkflowError):
        workflow.purge(article, make_user(EDITOR))
    assert Article.objects.filter(pk=article.pk, deleted_at__isnull=True).exists()


def test_the_audit_log_is_read_only_and_lists_who_did_what(editor):
    article = make_article(status="review", publish_at=None, title="Audited")
    editor.post(reverse("admin:newsroom_article_transition", args=[article.pk, "publish"]))

    response = editor.get(reverse("admin:newsroom_editorialevent_changelist"))

    assert "Audited" in response.text and "Published" in response.text
    assert editor.get(reverse("admin:newsroom_editorialevent_add")).status_code == 403
    event = EditorialEvent.objects.get()
    assert (
        editor.post(reverse("admin:newsroom_editorialevent_delete", args=[event.pk]), {"post": "yes"}).status_code
        == 403
    )


def test_the_delete_confirmation_says_the_article_goes_to_the_trash(editor):
    article = make_article(title="Fibroblasts")

    page = editor.get(reverse("admin:newsroom_article_delete", args=[article.pk]))

    assert "Move to the trash" in page.text and "restore" in page.text
    assert "will be deleted" not in page.text
    assert Article.objects.trashed().count() == 0
