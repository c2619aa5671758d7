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
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from . import notifications
from .models import MediaRequest, Notification, ReviewComment


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


@task
def announce_media_request_task(request_id):
    media_request = MediaRequest.objects.filter(pk=request_id).first()
    if media_request is not None:
        notifications.announce_media_request(media_request)


def press_office_message(media_request, press_email):
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(notifications.SUBJECTS[notifications.Kind.MEDIA_REQUEST] % {"title": media_request.expert_name})
        url = notifications.absolute(reverse("admin:desk_mediarequest_change", args=[media_request.pk]))
        body = render_to_string("desk/media_request_email.txt", {"request": media_request, "url": url})
    # Answering the e-mail answers the journalist.
    return EmailMessage(subject, body, to=[press_email], reply_to=[media_request.email])


@task
def forward_media_request(request_id):
    """E-mail the request to the press office's address, retried as notifications are."""
    from newsroom.models import SiteSettings

    waiting = (MediaRequest.Forwarding.PENDING, MediaRequest.Forwarding.RETRYING)
    media_request = MediaRequest.objects.filter(pk=request_id, forwarding__in=waiting).first()
    if media_request is None:
        return
    rows = MediaRequest.objects.filter(pk=request_id)
    press_email = SiteSettings.load().press_email
    if not press_email:
        rows.update(forwarding=MediaRequest.Forwarding.NO_ADDRESS)
        return
    attempts = media_request.attempts + 1
    try:
        press_office_message(media_request, press_email).send()
    except OSError as error:
        again = attempts < settings.NOTIFICATION_SEND_ATTEMPTS and forward_media_request.get_backend().supports_defer
        status = MediaRequest.Forwarding.RETRYING if again else MediaRequest.Forwarding.FAILED
        rows.update(attempts=attempts, forwarding=status, forwarding_error=str(error)[:1000] or repr(error))
        if again:
            delay = timedelta(seconds=settings.NOTIFICATION_RETRY_SECONDS * 2 ** (attempts - 1))
            forward_media_request.using(run_after=timezone.now() + delay).enqueue(request_id)
        return
    rows.update(attempts=attempts, forwarding=MediaRequest.Forwarding.SENT, forwarding_error="")
