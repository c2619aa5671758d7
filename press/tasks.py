"""The press room's background tasks: sending journalists' e-mails and handing out embargoed releases.

A send that fails is tried again after ``NOTIFICATION_RETRY_SECONDS``, doubling each time, up to
``NOTIFICATION_SEND_ATTEMPTS`` in all, as the desk's notifications are; each e-mail's delivery is
kept on its row. A release reaches each accredited journalist once: the row is unique per
journalist and release, and only a row still waiting is sent.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone

from newsroom.models import Article

from . import emails
from .models import Journalist, PressEmail

WAITING = (PressEmail.Delivery.PENDING, PressEmail.Delivery.RETRYING)


@task
def send_press_email(email_id):
    email = PressEmail.objects.select_related("journalist__user", "article").filter(pk=email_id).first()
    if email is None or email.delivery not in WAITING:
        return
    rows = PressEmail.objects.filter(pk=email.pk, delivery__in=WAITING)
    if not emails.is_still_due(email):
        rows.update(delivery=PressEmail.Delivery.SKIPPED)
        return
    subject, body = emails.compose(email)
    attempts = email.attempts + 1
    try:
        EmailMessage(subject, body, to=[email.journalist.email]).send()
    except OSError as error:  # smtplib's errors, refused connections and time-outs are all OSErrors
        again = attempts < settings.NOTIFICATION_SEND_ATTEMPTS and send_press_email.get_backend().supports_defer
        delivery = PressEmail.Delivery.RETRYING if again else PressEmail.Delivery.FAILED
        rows.update(
            attempts=attempts, delivery=delivery, subject=subject, delivery_error=str(error)[:1000] or repr(error)
        )
        if again:
            delay = timedelta(seconds=settings.NOTIFICATION_RETRY_SECONDS * 2 ** (attempts - 1))
            send_press_email.using(run_after=timezone.now() + delay).enqueue(email.pk)
        return
    rows.update(
        attempts=attempts, delivery=PressEmail.Delivery.SENT, subject=subject, delivery_error="", sent_at=timezone.now()
    )


def hand_out(article, journalists):
    """Queue the release for each journalist who has not had it yet; returns how many were queued."""
    queued = 0
    for journalist in journalists:
        if PressEmail.objects.filter(journalist=journalist, article=article, kind=PressEmail.Kind.RELEASE).exists():
            continue
        try:
            with transaction.atomic():
                email = PressEmail.objects.create(journalist=journalist, article=article, kind=PressEmail.Kind.RELEASE)
                send_press_email.enqueue(email.pk)
        except IntegrityError:  # another worker queued it meanwhile
            continue
        queued += 1
    return queued


@task
def deliver_release(article_id):
    """An embargoed release, to every accredited journalist, ahead of the lift."""
    article = Article.objects.filter(pk=article_id).first()
    if article is not None and article.is_under_embargo:
        hand_out(article, Journalist.objects.accredited())


@task
def deliver_releases_to(journalist_id):
    """The releases under embargo now, to a journalist just accredited."""
    journalist = Journalist.objects.accredited().filter(pk=journalist_id).first()
    if journalist is not None:
        for article in Article.objects.under_embargo().order_by("embargo_until"):
            hand_out(article, [journalist])
