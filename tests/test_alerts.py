"""Readers' e-mail alerts (issue 15, point 4): subscribing from the public site with double opt-in,
one-click unsubscribe (RFC 8058), immediate alerts and daily or weekly digests sent by the real task
worker, over a real SMTP conversation, in the reader's language; each article once, and only live ones."""

import re
import time
from datetime import datetime, timedelta
from email import message_from_string

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from factories import make_article, make_publication, make_team, make_user
from worker import run_worker, worker_keeps_the_test_connection  # noqa: F401

from alerts.models import AlertItem, Delivery, Frequency, Subscription
from alerts.sending import queue_due_digests
from core import workflow
from core.spam import started_token
from newsroom.models import Article
from newsroom.roles import EDITOR
from research.models import Publication

pytestmark = pytest.mark.django_db
PARIS = timezone.get_fixed_timezone(60)


def check_alerts():
    """What the timer does every minute, then the worker's turn."""
    call_command("send_alerts", verbosity=0)
    run_worker()


def form_data(email="reader@example.org", **fields):
    return {"email": email, "frequency": Frequency.IMMEDIATE, "started": started_token(time.time() - 10), **fields}


def confirm_link(message_body):
    return re.search(r"http://[^\s]+(/alerts/confirm/[^\s/]+/)", message_body)[1]


def subscribe_and_confirm(client, **fields):
    assert client.post(reverse("alerts:subscribe"), form_data(**fields)).status_code == 302
    run_worker()
    link = confirm_link(mail.outbox[-1].body)
    client.post(link)
    mail.outbox.clear()
    return Subscription.objects.latest("pk")


def make_subscription(frequency=Frequency.IMMEDIATE, teams=(), kinds=(), language="en", **fields):
    fields.setdefault("confirmed_at", timezone.now() - timedelta(days=30))
    subscription = Subscription.objects.create(
        email=fields.pop("email", "reader@example.org"),
        frequency=frequency,
        kinds=list(kinds),
        language=language,
        **fields,
    )
    subscription.teams.set(teams)
    return subscription


# Subscribing ---------------------------------------------------------------------------------------


def test_team_keyword_and_kind_pages_link_to_alerts_about_them(client):
    team = make_team(acronym="MICROPANC")
    make_article(teams=[team], keywords=["stroma"], kind=Article.Kind.AWARD)

    assert f'href="/alerts/?team={team.slug}"' in client.get(team.get_absolute_url()).text
    assert 'href="/alerts/?keyword=stroma"' in client.get(reverse("newsroom:keyword-detail", args=["stroma"])).text
    assert 'href="/alerts/?kind=award"' in client.get(reverse("newsroom:article-list") + "?kind=award").text
    form = client.get(f"/alerts/?team={team.slug}").text
    assert f'value="{team.slug}"' in form and "checked" in form.split(f'value="{team.slug}"')[1].split(">")[0]


def test_double_opt_in_sends_a_signed_link_and_nothing_else_before_it_is_confirmed(client):
    team = make_team()
    client.cookies["django_language"] = "fr"
    response = client.post(reverse("alerts:subscribe"), form_data(teams=[team.slug]))
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert (subscription.language, subscription.confirmed_at) == ("fr", None)

    run_worker()
    [confirmation] = mail.outbox
    assert confirmation.to == ["reader@example.org"] and "Confirmez" in confirmation.subject
    make_article(teams=[team], title="Before confirmation")
    check_alerts()
    assert len(mail.outbox) == 1  # only the confirmation

    link = confirm_link(confirmation.body)
    assert "Oui, envoyez-moi" in client.get(link).text  # a GET (a mail scanner) does not confirm
    assert Subscription.objects.get().confirmed_at is None
    assert "confirmé" in client.post(link).text
    assert Subscription.objects.get().is_active


def test_a_forged_or_expired_confirmation_link_confirms_nothing(client, settings):
    client.post(reverse("alerts:subscribe"), form_data())
    run_worker()
    link = confirm_link(mail.outbox[0].body)

    assert client.post(link.replace("/confirm/", "/confirm/x")).status_code == 404
    settings.SECRET_KEY = "another-key-than-the-one-that-signed-the-link"
    assert client.post(link).status_code == 404
    assert Subscription.objects.get().confirmed_at is None


def test_the_spam_checks_refuse_a_filled_honeypot_and_a_form_sent_too_fast(client):
    honeypot = client.post(reverse("alerts:subscribe"), form_data(website="http://spam.example"))
    too_fast = client.post(reverse("alerts:subscribe"), form_data(started=started_token()))
    forged = client.post(reverse("alerts:subscribe"), form_data(started="12345"))

    assert (honeypot.status_code, too_fast.status_code, forged.status_code) == (400, 400, 400)
    assert "very fast" in too_fast.text and "open too long" in forged.text
    assert not Subscription.objects.exists()


def test_an_address_gets_a_few_confirmations_a_day_at_most(client):
    for _ in range(5):
        client.post(reverse("alerts:subscribe"), form_data(email="victim@example.org"))
    run_worker()

    assert len(mail.outbox) == 3


def test_a_bad_address_is_refused_with_the_form_still_filled(client):
    response = client.post(reverse("alerts:subscribe"), form_data(email="not an address", kinds=["award"]))

    assert response.status_code == 400
    assert "valid email address" in response.text
    assert re.search(r'value="award"[^>]*checked', response.text)


# Sending ---------------------------------------------------------------------------------------------


def test_an_immediate_alert_goes_over_smtp_with_one_click_unsubscribe_headers_and_never_twice(client, smtp_server):
    mailbox = smtp_server()
    team = make_team(acronym="MICROPANC")
    subscription = make_subscription(teams=[team])
    preprint = make_publication(status=Publication.Status.PREPRINT)
    make_article(teams=[team], title="Fibroblasts and macrophages", publications=[preprint])

    check_alerts()
    check_alerts()

    [sent] = mailbox.messages
    message = message_from_string(sent["content"])
    unsubscribe_url = f"http://127.0.0.1:8000/alerts/unsubscribe/{subscription.token}/"
    assert sent["to"] == ["reader@example.org"]
    assert message["List-Unsubscribe"] == f"<{unsubscribe_url}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    body = message.get_payload(decode=True).decode()
    assert "Fibroblasts and macrophages" in message["Subject"]
    assert unsubscribe_url in body and "Preprint, not yet peer-reviewed" in body
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 1) and delivery.sent_at


def test_publishing_in_the_workflow_alerts_without_waiting_for_the_timer(django_capture_on_commit_callbacks):
    team = make_team()
    make_subscription(teams=[team])
    article = make_article(teams=[team], status=Article.Status.DRAFT, publish_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, make_user(EDITOR, username="editor"))
    run_worker()

    assert [message.subject for message in mail.outbox] == [f"Research Institute: {article.title}"]


def test_drafts_and_scheduled_articles_are_alerted_only_once_live(client):
    make_subscription()
    make_article(title="A draft", status=Article.Status.DRAFT)
    scheduled = make_article(title="Scheduled", publish_at=timezone.now() + timedelta(hours=2))
    check_alerts()
    assert mail.outbox == []

    Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    check_alerts()
    check_alerts()

    assert [message.subject for message in mail.outbox] == ["Research Institute: Scheduled"]


def test_an_article_goes_only_to_the_subscriptions_that_follow_it():
    wanted, other = make_team(), make_team()
    make_subscription(email="team@example.org", teams=[wanted])
    make_subscription(email="awards@example.org", kinds=[Article.Kind.AWARD])
    make_subscription(email="everything@example.org")
    make_subscription(email="other@example.org", teams=[other])
    make_subscription(email="pending@example.org", confirmed_at=None)
    make_subscription(email="gone@example.org", unsubscribed_at=timezone.now())
    make_article(teams=[wanted], kind=Article.Kind.NEWS)

    check_alerts()

    assert sorted(message.to[0] for message in mail.outbox) == ["everything@example.org", "team@example.org"]


def test_a_translated_article_is_alerted_once_in_the_readers_language():
    make_subscription(language="fr")
    original = make_article(title="Fibroblasts", language="en")
    make_article(title="Fibroblastes", language="fr", translation_of=original)

    check_alerts()

    [message] = mail.outbox
    assert "Fibroblastes" in message.subject and "Se désabonner" in message.body
    assert AlertItem.objects.count() == 1


def moment(day, hour):
    return datetime(2026, 12, day, hour, 30, tzinfo=PARIS)


def test_a_daily_digest_gathers_the_days_articles_into_one_email_sent_once_over_smtp(settings, smtp_server):
    settings.ALERT_DIGEST_HOUR = 8
    mailbox = smtp_server()
    subscription = make_subscription(frequency=Frequency.DAILY, last_digest_at=moment(1, 8))
    make_article(title="First")
    make_article(title="Second")
    check_alerts()
    assert mailbox.messages == []  # digests wait for their hour

    assert queue_due_digests(now=moment(2, 7)) == 0
    assert queue_due_digests(now=moment(2, 8)) == 1
    assert queue_due_digests(now=moment(2, 9)) == 0
    run_worker()
    check_alerts()

    [digest] = mailbox.messages
    message = message_from_string(digest["content"])
    body = message.get_payload(decode=True).decode()
    assert message["Subject"] == "Research Institute: 2 new articles"
    assert "First" in body and "Second" in body
    assert message["List-Unsubscribe"] == f"<http://127.0.0.1:8000{subscription.get_unsubscribe_url()}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Delivery.objects.get().items.count() == 2


def test_a_weekly_digest_goes_on_mondays(settings):
    settings.ALERT_DIGEST_HOUR = 8
    make_subscription(frequency=Frequency.WEEKLY, last_digest_at=moment(1, 9))  # a Tuesday
    make_article(title="Weekly news")
    check_alerts()

    assert queue_due_digests(now=moment(6, 9)) == 0  # Sunday
    assert queue_due_digests(now=moment(7, 9)) == 1  # Monday
    run_worker()
    assert len(mail.outbox) == 1


def test_a_refused_send_is_retried_and_its_status_shown_in_the_admin(smtp_server, settings, staff_client):
    settings.NOTIFICATION_RETRY_SECONDS = 0
    mailbox = smtp_server(refuse=1)
    make_subscription()
    make_article(title="Retried")
    call_command("send_alerts", verbosity=0)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--max-tasks", "2", "-v", "0")

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.RETRYING and "451" in delivery.error
    page = staff_client.get(reverse("admin:alerts_delivery_changelist")).text
    assert "Failed, will be tried again" in page and "451" in page

    run_worker()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 2)
    assert len(mailbox.messages) == 1


def test_a_send_that_keeps_failing_is_marked_failed_and_can_be_tried_again(smtp_server, settings, staff_client):
    settings.NOTIFICATION_RETRY_SECONDS, settings.NOTIFICATION_SEND_ATTEMPTS = 0, 2
    mailbox = smtp_server(refuse=2)
    make_subscription()
    make_article(title="Failed")
    check_alerts()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, 2)

    url = reverse("admin:alerts_delivery_changelist")
    staff_client.post(url, {"action": "send_again", "_selected_action": [delivery.pk]})
    run_worker()

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and len(mailbox.messages) == 1


# Unsubscribing --------------------------------------------------------------------------------------


def test_one_click_unsubscribe_works_by_post_without_a_csrf_token():
    subscription = make_subscription()
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        subscription.get_unsubscribe_url(),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    subscription.refresh_from_db()
    assert not subscription.is_active
    make_article()
    check_alerts()
    assert mail.outbox == []


def test_the_unsubscribe_link_asks_before_unsubscribing(client):
    subscription = make_subscription()

    page = client.get(subscription.get_unsubscribe_url())

    assert page.status_code == 200 and 'method="post"' in page.text
    subscription.refresh_from_db()
    assert subscription.is_active
    assert client.get("/alerts/unsubscribe/not-a-token/").status_code == 404


def test_the_admin_lists_subscriptions_and_deliveries(staff_client):
    team = make_team(acronym="MICROPANC")
    make_subscription(teams=[team], email="listed@example.org")

    page = staff_client.get(reverse("admin:alerts_subscription_changelist")).text

    assert "listed@example.org" in page and "MICROPANC" in page
    assert staff_client.get(reverse("admin:alerts_delivery_changelist")).status_code == 200
