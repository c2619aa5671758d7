"""Review comments (issue 13, point 2): on the whole article or a paragraph, replies, resolving;
shown on the change page, blocking nothing, each kept with the revision it was written on."""

import pytest
from django.urls import reverse
from factories import make_article, make_person, make_team, make_user

from core import workflow
from desk.models import ReviewComment
from newsroom.models import Article
from newsroom.roles import AUTHOR, EDITOR, RESEARCHER
from research.models import Membership


@pytest.fixture
def draft(db):
    article = make_article(
        teams=[make_team()],
        status=Article.Status.DRAFT,
        publish_at=None,
        body="<p>First claim.</p><p>Second claim.</p>",
    )
    author = make_user(AUTHOR, username="author")
    article.authors.set([author])
    workflow.submit(article, author)  # a first revision
    return article


def change_page(client, article):
    return client.get(reverse("admin:newsroom_article_change", args=[article.pk])).text


def post(client, article, **data):
    return client.post(reverse("admin:desk_reviewcomment_post", args=[article.pk]), data)


def test_a_comment_on_a_paragraph_quotes_it_and_shows_on_the_change_page(client, draft):
    client.force_login(make_user(EDITOR))
    post(client, draft, text="Source?", paragraph="1")

    comment = ReviewComment.objects.get()
    assert (comment.paragraph, comment.quote) == (1, "Second claim.")
    page = change_page(client, draft)
    assert "Source?" in page and "Paragraph 2:" in page and "Second claim." in page


def test_a_thread_is_kept_across_revisions_and_names_the_revision_it_was_made_on(client, draft):
    editor = make_user(EDITOR)
    client.force_login(editor)
    post(client, draft, text="Shorten the title.")
    thread = ReviewComment.objects.get()
    first_revision = thread.revision_id
    assert first_revision is not None
    assert f"on revision {first_revision} (the current one)" in change_page(client, draft)

    workflow.send_back(draft, editor, "See the comments.")  # a new revision
    post(client, draft, text="Done.", parent=str(thread.pk))

    reply = ReviewComment.objects.get(parent=thread)
    assert reply.revision_id > first_revision
    page = change_page(client, draft)
    assert f"on revision {first_revision} (an earlier one)" in page and "Done." in page


def test_resolving_closes_the_thread_and_comments_block_nothing(client, draft):
    editor = make_user(EDITOR)
    client.force_login(editor)
    post(client, draft, text="Still open.")
    workflow.publish(draft, editor)  # an open comment blocks nothing
    assert Article.objects.get(pk=draft.pk).status == Article.Status.PUBLISHED

    client.post(reverse("admin:desk_reviewcomment_resolve", args=[ReviewComment.objects.get().pk]))
    page = change_page(client, draft)
    assert "Still open." not in page and "1 resolved thread is not shown." in page


def test_an_empty_comment_or_a_reply_to_nothing_is_refused_with_a_message(client, draft):
    client.force_login(make_user(EDITOR))
    assert post(client, draft, text="  ").status_code == 302
    assert post(client, draft, text="Hi", parent="99999", paragraph="x").status_code == 302
    assert not ReviewComment.objects.exists()


def test_a_researcher_of_another_team_can_neither_comment_nor_resolve(client, draft):
    stranger = make_person()
    make_team(members=[(stranger, Membership.Role.LEADER)])
    client.force_login(make_user(EDITOR))
    post(client, draft, text="Editors only.")
    client.force_login(make_user(RESEARCHER, person=stranger))

    assert post(client, draft, text="Let me in").status_code == 403
    resolve = reverse("admin:desk_reviewcomment_resolve", args=[ReviewComment.objects.get().pk])
    assert client.post(resolve).status_code == 403
    assert ReviewComment.objects.count() == 1 and ReviewComment.objects.get().resolved_at is None
