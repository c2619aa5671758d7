"""The alerts' background tasks: matching a newly live article, and sending e-mails.

A send that fails is tried again after ``NOTIFICATION_RETRY_SECONDS``, doubling each time, up to
``NOTIFICATION_SEND_ATTEMPTS`` in all (as the desk's notifications are); the delivery's status and
last error are shown in the admin. A delivery is claimed before it is sent, so it is never sent twice.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from newsroom.models import Article

from . import sending
from .models import Delivery, Subscription

CONFIRM_SALT = "alerts.confirm"


def confirm_url(subscription):
    return reverse("alerts:confirm", args=[signing.dumps(subscription.token, salt=CONFIRM_SALT)])


def retry_after(attempts):
    return timezone.now() + timedelta(seconds=settings.NOTIFICATION_RETRY_SECONDS * 2 ** (attempts - 1))


def may_retry(attempts, function):
    return attempts < settings.NOTIFICATION_SEND_ATTEMPTS and function.get_backend().supports_defer


@task
def queue_new_articles_task():
    sending.queue_new_articles()


@task
def alert_article_task(article_id):
    sending.alert_article(article_id)


@task
def send_confirmation(subscription_id, attempts=1):
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at__isnull=True).first()
    if subscription is None:
        return
    try:
        sending.confirmation_message(subscription, confirm_url(subscription)).send()
    except OSError:  # smtplib's errors, refused connections and time-outs are all OSErrors
        if may_retry(attempts, send_confirmation):
            send_confirmation.using(run_after=retry_after(attempts)).enqueue(subscription_id, attempts + 1)
        return
    Subscription.objects.filter(pk=subscription_id).update(confirmation_sent_at=timezone.now())


@task
def send_delivery(delivery_id):
    waiting = (Delivery.Status.PENDING, Delivery.Status.RETRYING)
    if not Delivery.objects.filter(pk=delivery_id, status__in=waiting).update(status=Delivery.Status.SENDING):
        return  # sent, being sent, or given up: never twice
    delivery = Delivery.objects.select_related("subscription").get(pk=delivery_id)
    rows = Delivery.objects.filter(pk=delivery_id)
    articles = list(Article.objects.live().filter(pk__in=delivery.items.values("article")).order_by("publish_at"))
    if not (delivery.subscription.is_active and articles):
        rows.update(status=Delivery.Status.CANCELLED)
        return
    attempts = delivery.attempts + 1
    try:
        sending.alert_message(delivery, articles).send()
    except OSError as error:
        again = may_retry(attempts, send_delivery)
        status = Delivery.Status.RETRYING if again else Delivery.Status.FAILED
        rows.update(attempts=attempts, status=status, error=str(error)[:1000] or repr(error))
        if again:
            send_delivery.using(run_after=retry_after(attempts)).enqueue(delivery_id)
        return
    rows.update(attempts=attempts, status=Delivery.Status.SENT, error="", sent_at=timezone.now())
