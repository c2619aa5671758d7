"""Journalists' e-mails go through the background-task worker: decisions on applications, and an
embargoed release ahead of its lift — to every accredited journalist, in their language, once, with
a record of each delivery; over a real SMTP conversation with a local server too."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from factories import make_article, make_journalist, make_user
from worker import run_worker, worker_keeps_the_test_connection  # noqa: F401

from core import workflow
from newsroom.models import Article
from newsroom.roles import EDITOR
from press import accreditation
from press.models import PressEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def journalists(db):
    return {
        "fr": make_journalist(language="fr", email="claire@example.org", time_zone="Europe/Paris"),
        "ru": make_journalist(language="ru", email="ivan@example.org", time_zone="Europe/Moscow"),
        "pending": make_journalist(status="pending", email="pending@example.org"),
        "expired": make_journalist(email="old@example.org", accredited_until=timezone.localdate() - timedelta(days=1)),
        "withdrawn": make_journalist(status="withdrawn", email="gone@example.org", with_login=True),
    }


@pytest.fixture
def embargoed_draft(db):
    return make_article(
        title="Zebrafish regrow their hearts",
        status=Article.Status.DRAFT,
        publish_at=None,
        kind=Article.Kind.PRESS_RELEASE,
        embargo_until=timezone.now() + timedelta(days=1),
    )


def publish(django_capture_on_commit_callbacks, article):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, make_user(EDITOR))
    run_worker()


def test_publishing_an_embargoed_release_emails_each_accredited_journalist_once_in_their_language(
    journalists, embargoed_draft, django_capture_on_commit_callbacks
):
    publish(django_capture_on_commit_callbacks, embargoed_draft)
    received = {message.to[0]: message for message in mail.outbox}
    assert set(received) == {"claire@example.org", "ivan@example.org"}
    assert received["claire@example.org"].subject.startswith("EMBARGO jusqu’au ")
    assert received["ivan@example.org"].subject.startswith("ЭМБАРГО до ")
    assert "MSK" in received["ivan@example.org"].body  # the embargo in Moscow time too
    assert "/press/releases/zebrafish-regrow-their-hearts/" in received["claire@example.org"].body
    assert set(PressEmail.objects.filter(kind="release").values_list("delivery", flat=True)) == {"sent"}

    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(embargoed_draft, make_user(EDITOR))
    publish(django_capture_on_commit_callbacks, embargoed_draft)
    assert len(mail.outbox) == 2  # never twice
    assert PressEmail.objects.filter(kind="release").count() == 2


def test_a_release_without_embargo_is_not_emailed(journalists, embargoed_draft, django_capture_on_commit_callbacks):
    Article.objects.filter(pk=embargoed_draft.pk).update(embargo_until=None)
    embargoed_draft.refresh_from_db()
    publish(django_capture_on_commit_callbacks, embargoed_draft)
    assert mail.outbox == []


def test_a_journalist_accredited_during_an_embargo_receives_the_release(
    journalists, embargoed_draft, django_capture_on_commit_callbacks
):
    publish(django_capture_on_commit_callbacks, embargoed_draft)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accreditation.approve(journalists["pending"], make_user(EDITOR))
    run_worker()
    assert sorted((m.to[0], m.subject[:8]) for m in mail.outbox) == [
        ("pending@example.org", "EMBARGOE"),
        ("pending@example.org", "Your pre"),
    ]


def test_a_release_lifted_before_the_worker_runs_is_not_sent(
    journalists, embargoed_draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(embargoed_draft, make_user(EDITOR))
    run_worker()  # queues the e-mails and sends them at once: lift between the two steps by hand
    assert len(mail.outbox) == 2
    email = PressEmail.objects.filter(kind="release").first()
    PressEmail.objects.filter(pk=email.pk).update(delivery="pending")
    Article.objects.filter(pk=embargoed_draft.pk).update(embargo_until=timezone.now() - timedelta(seconds=1))
    from press.tasks import send_press_email

    send_press_email.enqueue(email.pk)
    run_worker()
    email.refresh_from_db()
    assert email.delivery == "skipped" and len(mail.outbox) == 2


def test_decisions_and_releases_are_sent_over_smtp(
    journalists,
    embargoed_draft,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    mailbox = smtp_server()
    with django_capture_on_commit_callbacks(execute=True):
        accreditation.approve(journalists["pending"], make_user(EDITOR))
    run_worker()
    publish(django_capture_on_commit_callbacks, embargoed_draft)
    recipients = sorted(message["to"][0] for message in mailbox.messages)
    assert recipients == ["claire@example.org", "ivan@example.org", "pending@example.org", "pending@example.org"]
    assert any("Zebrafish regrow their hearts" in message["content"] for message in mailbox.messages)
    assert PressEmail.objects.filter(delivery="sent").count() == 4


def test_a_refused_send_is_retried_and_its_delivery_recorded(
    journalists,
    smtp_server,
    settings,
    django_capture_on_commit_callbacks,
):
    from django.core.management import call_command

    settings.NOTIFICATION_RETRY_SECONDS = 0
    mailbox = smtp_server(refuse=1)
    with django_capture_on_commit_callbacks(execute=True):
        accreditation.refuse(journalists["pending"], make_user(EDITOR))
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--max-tasks", "1", "-v", "0")
    email = PressEmail.objects.get()
    assert email.delivery == "retrying" and "451" in email.delivery_error
    run_worker()
    email.refresh_from_db()
    assert (email.delivery, email.attempts, len(mailbox.messages)) == ("sent", 2, 1)
