"""The public pages of the alerts: subscribe, confirm (double opt-in), unsubscribe (one click)."""

from django.core import signing
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.spam import client_address, throttled

from .forms import SubscribeForm
from .models import Subscription
from .tasks import CONFIRM_SALT, send_confirmation

CONFIRM_DAYS = 7
# Confirmation e-mails one address may be sent, and subscriptions one visitor may ask for, a day.
CONFIRMATIONS_PER_ADDRESS = 3
SUBSCRIPTIONS_PER_VISITOR = 10
DAY = 24 * 60 * 60


def initial_topics(query):
    return {name: query.getlist(key) for name, key in (("teams", "team"), ("keywords", "keyword"), ("kinds", "kind"))}


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method != "POST":
        form = SubscribeForm(initial=initial_topics(request.GET))
        return render(request, "alerts/subscribe.html", {"form": form})
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", {"form": form}, status=400)
    if throttled("alerts-subscribe", client_address(request), SUBSCRIPTIONS_PER_VISITOR, DAY):
        form.add_error(None, _("You have asked for many subscriptions today. Please try again tomorrow."))
        return render(request, "alerts/subscribe.html", {"form": form}, status=429)
    with transaction.atomic():
        subscription = form.save(commit=False)
        subscription.language = translation.get_language()
        subscription.save()
        form.save_m2m()
        # An address is sent a few confirmations a day at most, whoever asks: no one is flooded.
        if not throttled("alerts-confirm", subscription.email.lower(), CONFIRMATIONS_PER_ADDRESS, DAY):
            send_confirmation.enqueue(subscription.pk)
    return redirect("alerts:sent")


def sent(request):
    return render(request, "alerts/sent.html")


def subscription_from_confirm_token(value):
    try:
        token = signing.loads(value, salt=CONFIRM_SALT, max_age=CONFIRM_DAYS * DAY)
    except signing.BadSignature:
        return None
    return Subscription.objects.filter(token=token, unsubscribed_at__isnull=True).first()


# The signed link is the credential; a GET only shows the button, so that mail scanners that open
# links do not confirm on the reader's behalf.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    subscription = subscription_from_confirm_token(token)
    if subscription is None:
        return render(request, "alerts/confirm_failed.html", status=404)
    if request.method == "POST" and subscription.confirmed_at is None:
        Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now())
        subscription.refresh_from_db()
    return render(request, "alerts/confirm.html", {"subscription": subscription})


# RFC 8058: mail clients POST "List-Unsubscribe=One-Click" to this address, with no CSRF token and
# no cookie; the secret token in the address is the credential. A GET asks the reader to confirm.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    subscription = get_object_or_404(Subscription, token=token)
    if request.method == "POST":
        Subscription.objects.filter(pk=subscription.pk, unsubscribed_at__isnull=True).update(
            unsubscribed_at=timezone.now()
        )
        subscription.refresh_from_db()
    return render(request, "alerts/unsubscribe.html", {"subscription": subscription})
