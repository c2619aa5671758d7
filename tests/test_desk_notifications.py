"""The desk's notifications (issue 13, point 1): each kind reaches the right people once, through
the real task worker, by e-mail (Django's in-memory backend, and a real SMTP conversation with a
local server) and in the admin's inbox; never anyone who may not see the article."""

import os
import signal
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from factories import make_article, make_person, make_team, make_user
from reference_files import bibtex_file
from worker import run_worker, worker_keeps_the_test_connection  # noqa: F401

from core import workflow
from desk.models import DeskProfile, Kind, Notification
from newsroom.models import Article
from newsroom.roles import AUTHOR, EDITOR, RESEARCHER
from research.imports import start_import
from research.models import Membership


def staff(role, username, person=None):
    user = make_user(role, person=person, username=username)
    user.email = f"{username}@example.org"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def desk(db):
    leader_person, stranger_person = make_person(), make_person()
    team = make_team(members=[(leader_person, Membership.Role.LEADER)])
    make_team(members=[(stranger_person, Membership.Role.LEADER)])
    people = {
        "editor": staff(EDITOR, "editor"),
        "author": staff(AUTHOR, "author"),
        "leader": staff(RESEARCHER, "leader", leader_person),
        "stranger": staff(RESEARCHER, "stranger", stranger_person),  # leads another team
    }
    article = make_article(teams=[team], status=Article.Status.DRAFT, publish_at=None, title="Tumour cells")
    # The stranger is named an author too: still, the article is not theirs to see.
    article.authors.set([people["author"], people["stranger"]])
    return {**people, "article": article}


def received(kind):
    return sorted(n.recipient.username for n in Notification.objects.filter(kind=kind).select_related("recipient"))


def transition(django_capture_on_commit_callbacks, function, *args):
    with django_capture_on_commit_callbacks(execute=True):
        function(*args)
    run_worker()


def test_a_submission_reaches_the_editors_once_by_inbox_and_email(desk, django_capture_on_commit_callbacks):
    transition(django_capture_on_commit_callbacks, workflow.submit, desk["article"], desk["author"])

    assert received(Kind.SUBMITTED) == ["editor"]
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]
    assert mail.outbox[0].subject == "Submitted for review: “Tumour cells”"
    assert Notification.objects.get().delivery == Notification.Delivery.SENT


def test_a_submission_no_editor_may_edit_goes_to_every_editor_who_may_see_it(desk, django_capture_on_commit_callbacks):
    desk["editor"].is_active = False
    desk["editor"].save(update_fields=["is_active"])
    # A director who reviews every team's news but edits none, and another team's own editor.
    chief = staff(AUTHOR, "chief")
    chief.groups.clear()
    chief.user_permissions.set(
        Permission.objects.filter(
            codename__in=["publish_article", "view_article", "work_on_all_teams"],
            content_type__app_label__in=["newsroom", "research"],
        )
    )
    desk["stranger"].user_permissions.add(Permission.objects.get(codename="publish_article"))
    assert not desk["article"].editable_by(chief) and not desk["article"].editable_by(desk["stranger"])

    transition(django_capture_on_commit_callbacks, workflow.submit, desk["article"], desk["author"])

    assert received(Kind.SUBMITTED) == ["chief"]
    assert [message.to for message in mail.outbox] == [["chief@example.org"]]


def test_sent_back_reaches_the_authors_who_may_see_it_with_the_comment(desk, django_capture_on_commit_callbacks):
    desk["article"].status = Article.Status.IN_REVIEW
    desk["article"].save()
    transition(django_capture_on_commit_callbacks, workflow.send_back, desk["article"], desk["editor"], "Shorter.")

    assert received(Kind.SENT_BACK) == ["author"]
    assert "Shorter." in mail.outbox[0].body
    assert "/admin/newsroom/article/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("kind", "function", "extra"),
    [
        (Kind.PUBLISHED, workflow.publish, ()),
        (Kind.SCHEDULED, workflow.schedule, (timezone.now() + timedelta(days=3),)),
    ],
)
def test_publishing_reaches_the_authors_and_team_leaders(
    desk, django_capture_on_commit_callbacks, kind, function, extra
):
    transition(django_capture_on_commit_callbacks, function, desk["article"], desk["editor"], *extra)

    assert received(kind) == ["author", "leader"]
    assert sorted(message.to[0] for message in mail.outbox) == ["author@example.org", "leader@example.org"]


def test_unpublishing_reaches_the_authors_and_team_leaders(desk, django_capture_on_commit_callbacks):
    workflow.publish(desk["article"], desk["editor"])
    Notification.objects.all().delete()
    transition(django_capture_on_commit_callbacks, workflow.unpublish, desk["article"], desk["editor"])

    assert received(Kind.UNPUBLISHED) == ["author", "leader"]


def test_an_expiry_is_announced_once_by_the_due_notifications_command(desk):
    article = desk["article"]
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() - timedelta(days=3),
        expire_at=timezone.now() - timedelta(minutes=1),
    )
    call_command("send_due_notifications", verbosity=0)
    call_command("send_due_notifications", verbosity=0)
    run_worker()

    assert received(Kind.EXPIRED) == ["author", "leader"]
    assert len(mail.outbox) == 2


def test_the_clock_announces_expiries_every_few_minutes_until_it_is_stopped(desk, monkeypatch):
    """``send_due_notifications --every`` (started by ``make run`` and ``make serve``) keeps announcing."""
    from desk.management.commands import send_due_notifications as command

    monkeypatch.setattr(command.connections, "close_all", lambda: None)  # the test's own transaction
    article, waits = desk["article"], []

    def wait(self, seconds):
        waits.append(seconds)
        if len(waits) == 1:  # between two rounds, the article's expiry time passes
            Article.objects.filter(pk=article.pk).update(
                status=Article.Status.PUBLISHED,
                publish_at=timezone.now() - timedelta(days=3),
                expire_at=timezone.now() - timedelta(seconds=1),
            )
        else:
            os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(command.Command, "wait", wait)
    call_command("send_due_notifications", "--every", "120", verbosity=0)
    run_worker()

    assert waits == [120, 120]
    assert received(Kind.EXPIRED) == ["author", "leader"]


def test_a_reply_reaches_the_others_in_the_thread(desk, client, django_capture_on_commit_callbacks):
    article, url = desk["article"], reverse("admin:desk_reviewcomment_post", args=[desk["article"].pk])
    client.force_login(desk["author"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"text": "Is the second paragraph right?"})
    run_worker()
    assert received(Kind.COMMENT) == []  # nobody else in the thread yet

    thread = article.review_comments.get()
    client.force_login(desk["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"text": "Yes, checked.", "parent": thread.pk})
    run_worker()

    assert received(Kind.COMMENT) == ["author"]
    assert "Yes, checked." in mail.outbox[0].body


def test_an_import_tells_the_person_who_started_it(desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start_import(desk["editor"], "references.bib", bibtex_file(2), [])
        start_import(desk["editor"], "empty.bib", b"", [])
        run_worker()
    run_worker()

    assert received(Kind.IMPORT_DONE) == ["editor"]
    assert received(Kind.IMPORT_FAILED) == ["editor"]


def test_inbox_only_kinds_send_no_email_and_emails_are_in_the_recipients_language(
    desk, django_capture_on_commit_callbacks
):
    DeskProfile.objects.create(user=desk["leader"], inbox_only=[Kind.PUBLISHED])
    DeskProfile.objects.create(user=desk["author"], language="fr")
    transition(django_capture_on_commit_callbacks, workflow.publish, desk["article"], desk["editor"])

    assert [message.to for message in mail.outbox] == [["author@example.org"]]
    assert mail.outbox[0].subject == "Publié : « Tumour cells »"
    assert Notification.objects.get(recipient=desk["leader"]).delivery == Notification.Delivery.INBOX_ONLY


# A real SMTP conversation ------------------------------------------------------------------------


def test_a_notification_is_sent_over_smtp(desk, smtp_server, django_capture_on_commit_callbacks):
    mailbox = smtp_server()
    transition(django_capture_on_commit_callbacks, workflow.submit, desk["article"], desk["author"])

    assert [message["to"] for message in mailbox.messages] == [["editor@example.org"]]
    assert "Tumour cells" in mailbox.messages[0]["content"]


def test_a_refused_send_is_retried_and_its_status_shown(
    desk, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_RETRY_SECONDS = 0
    mailbox = smtp_server(refuse=1)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(desk["article"], desk["author"])
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--max-tasks", "2", "-v", "0")
    notification = Notification.objects.get()
    assert notification.delivery == Notification.Delivery.RETRYING
    assert "451" in notification.delivery_error

    run_worker()
    notification.refresh_from_db()
    assert (notification.delivery, notification.attempts) == (Notification.Delivery.SENT, 2)
    assert len(mailbox.messages) == 1


def test_a_send_that_keeps_failing_is_marked_failed(desk, smtp_server, settings, django_capture_on_commit_callbacks):
    settings.NOTIFICATION_RETRY_SECONDS, settings.NOTIFICATION_SEND_ATTEMPTS = 0, 2
    smtp_server(refuse=5)
    transition(django_capture_on_commit_callbacks, workflow.submit, desk["article"], desk["author"])

    notification = Notification.objects.get()
    assert (notification.delivery, notification.attempts) == (Notification.Delivery.FAILED, 2)


# The inbox -------------------------------------------------------------------------------------


def test_the_header_counts_unread_notifications_and_opening_one_marks_it_read(desk, client):
    editor = desk["editor"]
    for title in ("One", "Two"):
        Notification.objects.create(recipient=editor, kind=Kind.SUBMITTED, subject=title, body="…", url="/admin/")
    Notification.objects.create(recipient=desk["author"], kind=Kind.SUBMITTED, subject="Not mine", body="…")
    client.force_login(editor)

    page = client.get(reverse("admin:desk_notification_changelist")).text
    assert "Inbox <span" in page and "(2)" in page
    assert "Not mine" not in page

    first = Notification.objects.get(subject="One")
    assert client.get(reverse("admin:desk_notification_open", args=[first.pk])).status_code == 302
    assert "(1)" in client.get(reverse("admin:index")).text

    client.post(
        reverse("admin:desk_notification_changelist"),
        {"action": "mark_read", "_selected_action": [n.pk for n in Notification.objects.filter(recipient=editor)]},
    )
    assert "inbox-unread" not in client.get(reverse("admin:index")).text


def test_nobody_opens_another_persons_notification(desk, client):
    other = Notification.objects.create(recipient=desk["author"], kind=Kind.SUBMITTED, subject="x", body="…")
    client.force_login(desk["editor"])

    assert client.get(reverse("admin:desk_notification_open", args=[other.pk])).status_code == 404
    assert Notification.objects.get(pk=other.pk).read_at is None


def test_the_preferences_page_saves_the_language_and_the_email_kinds(desk, client):
    client.force_login(desk["author"])
    url = reverse("admin:desk_notification_preferences")
    assert client.get(url).status_code == 200

    client.post(url, {"language": "ru", "by_email": [Kind.SENT_BACK]})
    profile = DeskProfile.objects.get(user=desk["author"])
    assert profile.language == "ru"
    assert profile.wants_email(Kind.SENT_BACK) and not profile.wants_email(Kind.PUBLISHED)
    assert client.post(url, {"language": "xx"}).status_code == 200  # refused with the form, not a 500
