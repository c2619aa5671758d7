"""Grants, by funder and award number."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.fields import IdentifierField

from ..validators import (
    str_stripped,
)
from .organisations import Organisation
from .people import Person
from .teams import Team


class Grant(models.Model):
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("funder"),
    )
    award_number = IdentifierField(
        _("award number"),
        max_length=100,
        normalize=str_stripped,
        unique=False,
        null=False,
        blank=False,
        help_text=_("As the funder writes it, e.g. 19-75-30016."),
    )
    title = models.CharField(_("title"), max_length=500, blank=True)
    programme = models.CharField(_("programme"), max_length=255, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    principal_investigator = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grants_led",
        verbose_name=_("principal investigator"),
    )
    teams = models.ManyToManyField(Team, related_name="grants", blank=True, verbose_name=_("teams"))

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["funder__name", "award_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["funder", "award_number"],
                name="unique_award_number_per_funder",
                violation_error_message=_("This funder already has a grant with this award number."),
            )
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("research:grant-detail", args=[self.pk])

    @property
    def display_name(self):
        """The one way a grant is named, in the active language: "Russian Science Foundation — No. 19-75-30016"
        ("n°" in French, "№" in Russian). Pages, breadcrumbs, structured data and the admin all use it."""
        return gettext("%(funder)s — No. %(award_number)s") % {
            "funder": self.funder.name,
            "award_number": self.award_number,
        }
