"""Journalists' requests to interview an expert, sent from the public expert finder to the press
office: kept here, shown to editors in their inbox and e-mailed to the site's press address."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MediaRequest(models.Model):
    class Forwarding(models.TextChoices):
        PENDING = "pending", _("E-mail waiting to be sent")
        RETRYING = "retrying", _("E-mail failed, will be tried again")
        SENT = "sent", _("E-mailed to the press office")
        FAILED = "failed", _("E-mail could not be sent")
        NO_ADDRESS = "no-address", _("No press office e-mail in the site settings")

    expert = models.ForeignKey(
        "research.Person", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("expert")
    )
    expert_name = models.CharField(_("expert asked for"), max_length=200)
    name = models.CharField(_("name"), max_length=200)
    outlet = models.CharField(_("media outlet"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    deadline = models.CharField(_("deadline"), max_length=200, blank=True)
    message = models.TextField(_("request"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    forwarding = models.CharField(_("e-mail"), max_length=20, choices=Forwarding, default=Forwarding.PENDING)
    attempts = models.PositiveSmallIntegerField(_("sending attempts"), default=0)
    forwarding_error = models.TextField(_("last sending error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("media request")

    def __str__(self):
        return f"{self.name} ({self.outlet}) → {self.expert_name}"
