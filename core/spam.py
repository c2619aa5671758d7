"""Public forms that stand up to spam without a third-party service: a honeypot field that people
never see, a signed time stamp that tells a form sent too fast (a robot) or too long after it was
opened, and a limit on how often one address may send (``throttled``).

A form that mixes in ``SpamGuardForm`` shows ``website`` inside an element of the class
``honeypot`` (off screen, hidden from screen readers and skipped by the keyboard) and ``started``
as a hidden field.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

STARTED_SALT = "core.spam.started"
# A form opened longer ago than this is stale: it is refused, with the message to send it again.
STARTED_MAX_AGE = 2 * 24 * 60 * 60


def started_token(at=None):
    """The signed time at which a form was shown (now unless told)."""
    return signing.dumps(at if at is not None else time.time(), salt=STARTED_SALT)


class SpamGuardForm(forms.Form):
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = started_token()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("Your message could not be sent. Please leave the last field empty."))
        try:
            started = float(signing.loads(cleaned.get("started") or "", salt=STARTED_SALT, max_age=STARTED_MAX_AGE))
        except (signing.BadSignature, TypeError, ValueError):
            self.restart()
            raise forms.ValidationError(
                _("This form was open too long or has been altered. Please check it and send it again.")
            ) from None
        if time.time() - started < settings.FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very fast: please check the form and send it again in a few seconds.")
            )
        return cleaned

    def restart(self):
        """Show the form again with a fresh time stamp, so that it can be sent once corrected."""
        self.data = self.data.copy()
        self.data[self.add_prefix("started")] = started_token()


def client_address(request):
    return request.META.get("REMOTE_ADDR", "")


def throttled(scope, key, limit, window_seconds):
    """Count one more use of ``key`` in ``scope``; True when it is over ``limit`` within the window."""
    cache_key = f"throttle:{scope}:{key}"
    if cache.add(cache_key, 1, timeout=window_seconds):
        return limit < 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between the two calls
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    return count > limit
