"""The review round trip in a real browser: submit → the editor's inbox → comment → send back →
the author's inbox → reply and resubmit → publish (issue 13)."""

import pytest
from django.core import mail
from django.core.management import call_command
from factories import make_article, make_user

from desk.models import Kind, Notification
from newsroom.models import Article
from newsroom.roles import AUTHOR, EDITOR

pytestmark = pytest.mark.browser


def person(role, username):
    user = make_user(role, username=username)
    user.email = f"{username}@example.org"
    user.save(update_fields=["email"])
    return user


def log_in(site, username):
    page = site.page()
    page.goto(site.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-password-1")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site.url + "/admin/")
    return page


def test_a_draft_goes_round_the_review_with_notifications_and_comments(site, tasks_at_once):
    # The live server's database is emptied between tests, groups made by migrations included.
    call_command("ensure_roles", verbosity=0)
    author = person(AUTHOR, "alice")
    person(EDITOR, "emma")
    article = make_article(status=Article.Status.DRAFT, publish_at=None, title="Enzymes at work", body="<p>One.</p>")
    article.authors.set([author])
    change = f"{site.url}/admin/newsroom/article/{article.pk}/change/"

    writer = log_in(site, "alice")
    writer.goto(change)
    writer.get_by_role("button", name="Submit for review").click()
    writer.locator(".messagelist").wait_for()

    reviewer = log_in(site, "emma")
    reviewer.get_by_role("link", name="Inbox (1)").click()
    reviewer.get_by_role("link", name="Submitted for review: “Enzymes at work”").click()
    reviewer.wait_for_url(change)
    reviewer.get_by_label("Comment on", exact=True).select_option(label="Paragraph 1: One.")
    reviewer.get_by_label("New comment").fill("Say which enzymes.")
    reviewer.get_by_role("button", name="Post comment").click()
    reviewer.get_by_text("Your comment is posted.").wait_for()
    reviewer.get_by_label("What should change?").fill("See my comment.")
    reviewer.get_by_role("button", name="Send back").click()
    reviewer.locator(".messagelist").wait_for()

    writer.goto(site.url + "/admin/")
    writer.get_by_role("link", name="Inbox (1)").click()
    writer.get_by_role("link", name="Sent back to you: “Enzymes at work”").click()
    writer.wait_for_url(change)
    assert writer.get_by_text("Say which enzymes.").is_visible()
    writer.get_by_label("Reply").first.fill("Lactases, now named.")
    writer.get_by_role("button", name="Reply").click()
    writer.get_by_text("Your comment is posted.").wait_for()
    writer.get_by_role("button", name="Submit for review").click()
    writer.locator(".messagelist").wait_for()

    reviewer.goto(change)
    reviewer.get_by_role("button", name="Publish now").click()
    reviewer.locator(".messagelist").wait_for()

    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    assert sorted(Notification.objects.values_list("recipient__username", "kind")) == sorted(
        [
            ("emma", Kind.SUBMITTED),
            ("alice", Kind.SENT_BACK),
            ("emma", Kind.COMMENT),
            ("emma", Kind.SUBMITTED),
            ("alice", Kind.PUBLISHED),
        ]
    )
    assert len(mail.outbox) == 5
