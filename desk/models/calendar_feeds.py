"""The private address of each staff member's calendar feed: a secret that can be revoked."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """One row per staff member who asked for a feed; deleting it revokes the address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("user")
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name_plural = _("calendar feeds")
        verbose_name = _("private calendar feed")

    def __str__(self):
        return f"Calendar feed of {self.user}"

    def get_absolute_url(self):
        return reverse("desk-calendar-feed", args=[self.token])

    @classmethod
    def regenerate(cls, user):
        """A new secret address for ``user``; the old one stops working at once."""
        fresh = {"token": new_token(), "created_at": timezone.now()}
        feed, _created = cls.objects.update_or_create(user=user, defaults=fresh)
        return feed

    @classmethod
    def revoke(cls, user):
        cls.objects.filter(user=user).delete()
