"""The desk's background tasks: working out and writing notifications, and sending their e-mails.

A send that fails (the mail server is down, refuses, or times out) is tried again after
``NOTIFICATION_RETRY_SECONDS``, doubling each time, up to ``NOTIFICATION_SEND_ATTEMPTS`` in all;
the notification's delivery status says where it stands, in the inbox.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.tasks import task
from django.utils import timezone

from . import notifications
from .models import Notification, ReviewComment


@task
def announce_article_task(kind, article_id, actor_id=None, comment=""):
    from newsroom.models import Article

    article = Article.objects.filter(pk=article_id).first()
    if article is not None:
        actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
        notifications.announce_article(kind, article, actor, comment)


@task
def announce_comment_task(comment_id):
    comment = ReviewComment.objects.select_related("article", "author", "parent").filter(pk=comment_id).first()
    if comment is not None:
        notifications.announce_comment(comment)


@task
def announce_import_task(job_id):
    from research.models import ImportJob

    job = ImportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is not None:
        notifications.announce_import(job)


@task
def send_email(notification_id):
    waiting = (Notification.Delivery.PENDING, Notification.Delivery.RETRYING)
    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is None or notification.delivery not in waiting:
        return
    attempts = notification.attempts + 1
    rows = Notification.objects.filter(pk=notification.pk)
    try:
        EmailMessage(notification.subject, notification.body, to=[notification.recipient.email]).send()
    except OSError as error:  # smtplib's errors, refused connections and time-outs are all OSErrors
        again = attempts < settings.NOTIFICATION_SEND_ATTEMPTS and send_email.get_backend().supports_defer
        delivery = Notification.Delivery.RETRYING if again else Notification.Delivery.FAILED
        rows.update(attempts=attempts, delivery=delivery, delivery_error=str(error)[:1000] or repr(error))
        if again:
            delay = timedelta(seconds=settings.NOTIFICATION_RETRY_SECONDS * 2 ** (attempts - 1))
            send_email.using(run_after=timezone.now() + delay).enqueue(notification.pk)
        return
    rows.update(attempts=attempts, delivery=Notification.Delivery.SENT, delivery_error="", emailed_at=timezone.now())
