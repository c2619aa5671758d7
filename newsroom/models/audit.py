"""The audit log of the publishable kinds other than articles (events, basic pages).

Articles keep their own log (``EditorialEvent``), which points at the article; this one names
its item by content type and id, so that one table serves every other kind and an entry
outlives the item it tells of.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.publishing import Action


class AuditEntry(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"), db_index=True)
    object_title = models.CharField(_("object title"), max_length=255)
    action = models.CharField(_("action"), max_length=20, choices=Action)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("user")
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log of events and pages")

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_title}"


class Audited(models.Model):
    """A publishable kind whose workflow writes to ``AuditEntry``."""

    class Meta:
        abstract = True

    def record_event(self, user, action, comment=""):
        return AuditEntry.objects.create(
            content_type=ContentType.objects.get_for_model(self),
            object_id=self.pk,
            object_title=str(self),
            action=action,
            user=user,
            comment=comment,
        )

    @property
    def audit_entries(self):
        return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(self), object_id=self.pk)
