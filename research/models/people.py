"""People: researchers and staff, with their ORCID iD."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import IdentifierField
from core.pictures import PictureField
from core.search_index import DEFAULT_SEARCH_CONFIG, NAMES_CONFIG, SearchIndexed
from core.slugs import unique_slug

from ..validators import (
    normalize_orcid,
    validate_orcid,
)
from .organisations import Organisation


class Person(SearchIndexed, models.Model):
    honorific = models.CharField(
        _("honorific"), max_length=30, blank=True, help_text=_("Shown before the name, e.g. Dr. or Prof.")
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, blank=True, help_text=_("Leave empty to make it from the name.")
    )
    distinctions = models.TextField(
        _("distinctions"),
        blank=True,
        help_text=_("One per line, e.g. “Honored Scientist of the Russian Federation”."),
    )
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("e.g. Deputy Director for Science.")
    )
    orcid = IdentifierField(
        _("ORCID iD"),
        max_length=19,
        normalize=normalize_orcid,
        validators=[validate_orcid],
        help_text=_("e.g. 0000-0002-1825-0097 (a https://orcid.org/ link is accepted)."),
    )
    affiliation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("affiliation"),
    )
    email = models.EmailField(_("email"), blank=True)
    photo = PictureField(
        _("photo"),
        upload_to="people/",
        blank=True,
        ratio=1,
        widths=(96, 160, 192, 320),
        help_text=_(
            "A JPEG, PNG or WebP portrait, shown square (cropped around its centre). "
            "Location and camera details are removed on upload."
        ),
    )
    bio = models.TextField(_("short bio"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text=_("The login of a researcher who edits their own profile and team pages."),
        verbose_name=_("user"),
    )

    search_parts = (
        ("given_name", "A", NAMES_CONFIG),
        ("family_name", "A", NAMES_CONFIG),
        ("orcid", "A", NAMES_CONFIG),
        ("position", "B", DEFAULT_SEARCH_CONFIG),
        ("distinctions", "C", DEFAULT_SEARCH_CONFIG),
        ("bio", "C", DEFAULT_SEARCH_CONFIG),
    )

    class Meta:
        verbose_name = _("person")
        ordering = ["family_name", "given_name"]
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("research:person-detail", args=[self.slug])

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.full_name)
        super().save(*args, **kwargs)
        self.refresh_search_vector()

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}"

    @property
    def name_with_honorific(self):
        return f"{self.honorific} {self.full_name}".strip()

    @property
    def distinction_list(self):
        return [line.strip() for line in self.distinctions.splitlines() if line.strip()]

    @property
    def orcid_url(self):
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""
