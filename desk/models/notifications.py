"""What the desk tells staff: notifications (an inbox entry and, if wanted, an e-mail) and each
staff member's preferences."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for review")
    SENT_BACK = "sent-back", _("Sent back")
    PUBLISHED = "published", _("Published")
    SCHEDULED = "scheduled", _("Scheduled")
    UNPUBLISHED = "unpublished", _("Unpublished")
    EXPIRED = "expired", _("Expired")
    COMMENT = "comment", _("Review comment or reply")
    IMPORT_DONE = "import-done", _("Import finished")
    IMPORT_FAILED = "import-failed", _("Import failed")


class DeskProfile(models.Model):
    """A staff member's choices: the language of their e-mails, and the kinds kept to the inbox."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_profile", verbose_name=_("user")
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    inbox_only = models.JSONField(
        _("kinds kept to the inbox"), default=list, blank=True, help_text=_("No e-mail is sent for these kinds.")
    )

    class Meta:
        verbose_name_plural = _("desk profiles")
        verbose_name = _("desk profile")

    def __str__(self):
        return str(self.user)

    @classmethod
    def of(cls, user):
        return cls.objects.get_or_create(user=user)[0]

    def wants_email(self, kind):
        return kind not in self.inbox_only


class Notification(models.Model):
    class Delivery(models.TextChoices):
        INBOX_ONLY = "inbox-only", _("Inbox only")
        PENDING = "pending", _("E-mail waiting to be sent")
        RETRYING = "retrying", _("E-mail failed, will be tried again")
        SENT = "sent", _("E-mail sent")
        FAILED = "failed", _("E-mail could not be sent")
        NO_ADDRESS = "no-address", _("No e-mail address")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    article = models.ForeignKey(
        "newsroom.Article", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("article")
    )
    # Written in the recipient's language when the notification is made.
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    url = models.CharField(_("url"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    delivery = models.CharField(_("e-mail"), max_length=20, choices=Delivery, default=Delivery.PENDING)
    attempts = models.PositiveSmallIntegerField(_("sending attempts"), default=0)
    delivery_error = models.TextField(_("last sending error"), blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("inbox")

    def __str__(self):
        return self.subject

    @property
    def is_read(self):
        return self.read_at is not None


class ExpiryNotice(models.Model):
    """That the expiry of an article at this time has been announced: it is announced once."""

    article = models.ForeignKey(
        "newsroom.Article", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )
    expire_at = models.DateTimeField(_("expire at"))

    class Meta:
        verbose_name = _("expiry notice")
        verbose_name_plural = _("expiry notices")
        constraints = [models.UniqueConstraint(fields=["article", "expire_at"], name="unique_expiry_notice")]

    def __str__(self):
        return f"{self.article_id} @ {self.expire_at}"
