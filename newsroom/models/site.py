"""The institute's details shown on every page."""

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.pictures import PictureField

User = get_user_model()

PREVIEW_SALT = "newsroom.preview-link"


class SiteSettings(models.Model):
    """The institute's details shown on every page; a single row edited in the admin."""

    institute_name = models.CharField(_("institute name"), max_length=200, default="Research Institute")
    short_name = models.CharField(_("short name"), max_length=40, blank=True, help_text=_("e.g. CRCT."))
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    contact_url = models.URLField(_("contact page"), blank=True)
    careers_text = models.CharField(
        _("careers call to action"), max_length=200, blank=True, help_text=_("e.g. “Want to join the CRCT team?”")
    )
    careers_url = models.URLField(_("careers link"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    bluesky_url = models.URLField(_("Bluesky"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    logo = PictureField(
        _("logo"),
        upload_to="site/",
        blank=True,
        widths=(600,),
        help_text=_("The institute's logo, named as the publisher of its news to search engines."),
    )
    favicon = PictureField(
        _("favicon"),
        upload_to="site/",
        blank=True,
        widths=(32, 180),
        ratio=1,
        help_text=_(
            "The small square icon of browser tabs and bookmarks (cropped square). Leave empty to use the logo."
        ),
    )
    share_image = PictureField(
        _("default share image"),
        upload_to="site/",
        blank=True,
        widths=(1200,),
        help_text=_("Shown when a page other than an article is shared on social media. Leave empty to use the logo."),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("site settings")

    def __str__(self):
        return self.institute_name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @property
    def icon_url(self):
        """The favicon's address: the favicon, or else the logo; "" when there is neither."""
        if self.favicon:
            return self.favicon.rendition_urls(32)["fallback"]
        return self.logo.rendition_urls(600)["fallback"] if self.logo else ""

    @property
    def share_image_url(self):
        """The picture of shared pages other than articles: the default share image, or else the logo."""
        if self.share_image:
            return self.share_image.rendition_urls(1200)["fallback"]
        return self.logo.rendition_urls(600)["fallback"] if self.logo else ""

    @classmethod
    def load(cls):
        return cls.objects.get_or_create(pk=1)[0]
