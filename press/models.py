"""The press room's data: accredited journalists, the media kit of a release, the record of who read
an embargoed release, and the e-mails sent to journalists.

A journalist is accredited while approved and before the end of the accreditation; both are
checked on every request (``Journalist.is_accredited``), so an expiry or a withdrawal takes effect
at once.
"""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.models import Article, Image
from research.models import Person


def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


def institute_time_zone():
    return settings.TIME_ZONE


class JournalistQuerySet(models.QuerySet):
    def accredited(self):
        return self.filter(status=Journalist.Status.APPROVED, accredited_until__gte=timezone.localdate())


class Journalist(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting a decision")
        APPROVED = "approved", _("Accredited")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    name = models.CharField(_("name"), max_length=200)
    outlet = models.CharField(_("outlet"), max_length=200, help_text=_("The newspaper, magazine, broadcaster…"))
    email = models.EmailField(_("e-mail address"), unique=True)
    work_url = models.URLField(
        _("link to your work"), max_length=500, help_text=_("A page of the outlet that shows your articles.")
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default=institute_time_zone, choices=time_zone_choices)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    accredited_until = models.DateField(
        _("accredited until"), null=True, blank=True, help_text=_("The last day of the accreditation.")
    )
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    applied_from = models.GenericIPAddressField(_("applied from"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="journalist",
    )
    objects = JournalistQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_at", "-pk"]
        verbose_name = _("journalist")
        verbose_name_plural = _("journalists")

    def __str__(self):
        return f"{self.name} ({self.outlet})"

    def clean(self):
        super().clean()
        if self.status == self.Status.APPROVED and self.accredited_until is None:
            raise ValidationError({"accredited_until": _("An accreditation needs its last day.")})

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_accredited(self):
        """Mirrors ``JournalistQuerySet.accredited()``."""
        return (
            self.status == self.Status.APPROVED
            and self.accredited_until is not None
            and self.accredited_until >= timezone.localdate()
        )


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_ND = "cc-by-nd-4.0", "CC BY-ND 4.0"
    CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
    CC0 = "cc0-1.0", "CC0 1.0"
    PRESS_ONLY = "press-only", _("Free for press coverage of this release only")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


class MediaKit(models.Model):
    """What a release offers journalists beyond its text: a summary for them, pictures and contacts."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="media_kit")
    summary = models.TextField(
        _("summary for journalists"),
        blank=True,
        help_text=_("A few sentences on what is new and why it matters, shown only in the press room."),
    )

    class Meta:
        verbose_name = _("media kit")
        verbose_name_plural = _("media kit")

    def __str__(self):
        return str(self.article)


class MediaPicture(models.Model):
    """A high-resolution picture of the image library offered with a release."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="media_pictures")
    image = models.ForeignKey(Image, on_delete=models.PROTECT, related_name="media_kits")
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Leave empty to use the image library's credit.")
    )
    licence = models.CharField(_("licence"), max_length=30, choices=Licence, default=Licence.CC_BY)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("high-resolution picture")
        verbose_name_plural = _("high-resolution pictures")

    def __str__(self):
        return str(self.image)

    @property
    def credit_text(self):
        return self.credit or self.image.credit

    @property
    def download_name(self):
        extension = self.image.file.name.rsplit(".", 1)[-1].lower()
        return f"{self.article.slug}-{self.order + 1:02d}-{self.pk}.{extension}"


class PressContact(models.Model):
    """A person journalists may call about a release; the direct details are for accredited journalists only."""

    class Role(models.TextChoices):
        PRESS_OFFICER = "press-officer", _("Press officer")
        INTERVIEW = "interview", _("Available for interview")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="press_contacts")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="press_contacts")
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.INTERVIEW)
    phone = models.CharField(_("direct phone"), max_length=40, blank=True)
    email = models.EmailField(_("direct e-mail"), blank=True)
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("The languages of an interview, e.g. French, English.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["role", "order", "pk"]
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        constraints = [models.UniqueConstraint(fields=["article", "person", "role"], name="unique_press_contact")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class ReleaseAccess(models.Model):
    """One view or download of a release by a journalist before its embargo lifted."""

    class What(models.TextChoices):
        VIEW = "view", _("Read the release")
        KIT = "kit", _("Downloaded the media kit")
        TEXT = "text", _("Downloaded the text")
        PICTURE = "picture", _("Downloaded a picture")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="press_accesses")
    journalist = models.ForeignKey(Journalist, on_delete=models.CASCADE, related_name="accesses")
    what = models.CharField(_("what"), max_length=20, choices=What)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access before the embargo lifted")
        verbose_name_plural = _("accesses before the embargo lifted")

    def __str__(self):
        return f"{self.journalist.name}: {self.get_what_display()}"


class PressEmail(models.Model):
    """An e-mail to a journalist and where its delivery stands; the text is written when it is sent."""

    class Kind(models.TextChoices):
        APPROVED = "approved", _("Accreditation approved")
        REFUSED = "refused", _("Application refused")
        WITHDRAWN = "withdrawn", _("Accreditation withdrawn")
        SIGN_IN = "sign-in", _("Sign-in link")
        RELEASE = "release", _("Embargoed release")

    class Delivery(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        RETRYING = "retrying", _("Sending failed, will be tried again")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Sending failed")
        SKIPPED = "skipped", _("Not sent: no longer due")

    journalist = models.ForeignKey(Journalist, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, blank=True, related_name="press_emails")
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery, default=Delivery.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    delivery_error = models.TextField(_("delivery error"), blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail to a journalist")
        verbose_name_plural = _("e-mails to journalists")
        constraints = [
            # An embargoed release reaches each journalist once, however often it is published.
            models.UniqueConstraint(
                fields=["journalist", "article"], condition=models.Q(kind="release"), name="one_release_email_each"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.journalist.email}"
