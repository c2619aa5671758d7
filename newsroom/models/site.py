"""The institute's details shown on every page."""

from django.contrib.auth import get_user_model
from django.db import models

from core.pictures import PictureField

User = get_user_model()

PREVIEW_SALT = "newsroom.preview-link"


class SiteSettings(models.Model):
    """The institute's details shown on every page; a single row edited in the admin."""

    institute_name = models.CharField(max_length=200, default="Research Institute")
    short_name = models.CharField(max_length=40, blank=True, help_text="e.g. CRCT.")
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    press_email = models.EmailField(
        "press office e-mail",
        blank=True,
        help_text="Where journalists' interview requests from the expert finder are sent (editors also see them "
        "in their inbox).",
    )
    contact_url = models.URLField("contact page", blank=True)
    careers_text = models.CharField(
        "careers call to action", max_length=200, blank=True, help_text="e.g. “Want to join the CRCT team?”"
    )
    careers_url = models.URLField("careers link", blank=True)
    mastodon_url = models.URLField("Mastodon", blank=True)
    bluesky_url = models.URLField("Bluesky", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)
    logo = PictureField(
        upload_to="site/",
        blank=True,
        widths=(600,),
        help_text="The institute's logo, named as the publisher of its news to search engines.",
    )
    favicon = PictureField(
        upload_to="site/",
        blank=True,
        widths=(32, 180),
        ratio=1,
        help_text="The small square icon of browser tabs and bookmarks (cropped square). Leave empty to use the logo.",
    )
    share_image = PictureField(
        "default share image",
        upload_to="site/",
        blank=True,
        widths=(1200,),
        help_text="Shown when a page other than an article is shared on social media. Leave empty to use the logo.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "site settings"

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
