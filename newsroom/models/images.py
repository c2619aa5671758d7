"""The image library: pictures with alt text, credit, focal point and renditions."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from core import images
from core.pictures import PictureField

User = get_user_model()

PREVIEW_SALT = "newsroom.preview-link"


class Image(models.Model):
    file = PictureField(
        _("file"),
        upload_to="images/%Y/%m/",
        width_field="width",
        height_field="height",
        help_text=_("A JPEG, PNG or WebP picture. Location and camera details are removed on upload."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, null=True)
    height = models.PositiveIntegerField(_("height"), editable=False, null=True)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it. Required unless the picture is decorative."),
    )
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_(
            "Tick only when the picture adds nothing to the text (a texture, a mood); it then has no alt text."
        ),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Photographer or source, and licence.")
    )
    focal_x = models.FloatField(
        _("focal x"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Horizontal focal point, 0 (left) to 1 (right)."),
    )
    focal_y = models.FloatField(
        _("focal y"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Vertical focal point, 0 (top) to 1 (bottom)."),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # Which renditions exist (see newsroom.images.make_renditions); made once per picture and focal point.
    renditions = models.JSONField(_("renditions"), default=dict, editable=False)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.caption or self.alt_text or self.file.name

    def clean(self):
        if self.is_decorative and self.alt_text.strip():
            raise ValidationError(
                {"alt_text": _("A decorative picture has no alt text: empty this field or untick “decorative”.")}
            )
        if not self.is_decorative and not self.alt_text.strip():
            raise ValidationError(
                {"alt_text": _("Describe the picture for people who cannot see it, or tick “decorative”.")}
            )

    def save(self, *args, **kwargs):
        """Save the row and the renditions of a new picture or focal point together, or neither."""
        new_file = self.file and not self.file._committed
        try:
            with transaction.atomic():
                super().save(*args, **kwargs)  # the file field checks, cleans and stores a new picture
                if self.file and not self.renditions_are_current:
                    self.refresh_renditions()
        except Exception:
            if new_file and self.file._committed:
                images.delete_quietly(self.file.storage, self.file.name)
            raise

    @property
    def renditions_are_current(self):
        made = self.renditions or {}
        return (
            made.get("source") == self.file.name
            and made.get("focal") == [self.focal_x, self.focal_y]
            and set(made.get("shapes", ())) == set(images.SHAPES)  # a shape added since they were made
        )

    def refresh_renditions(self):
        """Replace the renditions with ones of the current picture and focal point, and keep them."""
        images.delete_renditions(self.renditions or {}, self.file.storage)
        self.renditions = images.make_renditions(self)
        type(self).objects.filter(pk=self.pk).update(renditions=self.renditions)

    def rendition_set(self, shape="full"):
        """``(webp, fallback, fallback_type)`` lists of ``[name, width, height]``, made now if missing."""
        if not self.renditions_are_current:
            self.refresh_renditions()
        made = self.renditions["shapes"][shape]
        return made["webp"], made["fallback"], made["fallback_type"]
