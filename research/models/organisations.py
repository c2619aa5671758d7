"""Organisations: partners, funders and institutions."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import IdentifierField
from core.pictures import PictureField
from core.slugs import unique_slug

from ..validators import (
    normalize_funder_id,
    normalize_ror,
    validate_funder_id,
    validate_ror,
)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University")
        HOSPITAL = "hospital", _("Hospital")
        RESEARCH_INSTITUTE = "institute", _("Research institute")
        CORE_FACILITY = "facility", _("Core facility")
        COMPANY = "company", _("Company")
        FOUNDATION = "foundation", _("Foundation or charity")
        FUNDING_AGENCY = "agency", _("Public funding agency")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(
        _("short name"), max_length=60, blank=True, help_text=_("Acronym shown where space is short, e.g. INCa or FRM.")
    )
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, blank=True, help_text=_("Leave empty to make it from the name.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    ror_id = IdentifierField(
        _("ROR id"),
        max_length=9,
        normalize=normalize_ror,
        validators=[validate_ror],
        help_text=_("Research Organization Registry id, e.g. 02feahw73 (a https://ror.org/ link is accepted)."),
    )
    funder_id = IdentifierField(
        _("Crossref Funder id"),
        max_length=20,
        normalize=normalize_funder_id,
        validators=[validate_funder_id],
        help_text=_("Funder Registry id for funders, e.g. 501100006769 (the part after 10.13039/)."),
    )
    logo = PictureField(
        _("logo"),
        upload_to="organisations/",
        blank=True,
        widths=(240, 480),
        help_text=_("A JPEG, PNG or WebP logo (PNG keeps a transparent background)."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("research:organisation-detail", args=[self.slug])

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.short_name or self.name)
        super().save(*args, **kwargs)

    @property
    def ror_url(self):
        return f"https://ror.org/{self.ror_id}" if self.ror_id else ""

    @property
    def funder_doi(self):
        return f"10.13039/{self.funder_id}" if self.funder_id else ""
