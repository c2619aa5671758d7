"""``PictureField``: the model field of every uploaded picture, whatever the model.

An upload is checked like the image library's (format, size, pixels, a complete file), turned
the right way up and re-encoded without metadata before it is stored; a field given ``widths``
also gets WebP and JPEG/PNG renditions at those widths (cropped to ``ratio`` when given), so a
page shows a file of the size of its slot, never the original. Renditions have names derived
from the picture's, so a page finds them without a query; one missing (a picture stored before
this field) is made the first time it is asked for.
"""

import os
from functools import partial

from django import forms
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.fields.files import ImageFieldFile

from . import images
from .page_cache import remembered


class PictureFormField(forms.FileField):
    """A file field with the library's checks, which say precisely what is wrong (and run before anything
    reads the picture's dimensions, which a decompression bomb would break)."""

    default_validators = [images.validate_picture]

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": "image/jpeg,image/png,image/webp"}


class PictureFieldFile(ImageFieldFile):
    def rendition_names(self, width):
        """{"webp": name, "fallback": name} of the rendition ``width`` pixels wide."""
        folder, filename = os.path.split(self.name)
        stem, extension = os.path.splitext(filename)
        fallback = "png" if extension.lower() == ".png" else "jpg"
        return {
            "webp": f"renditions/{folder}/{stem}-{width}.webp",
            "fallback": f"renditions/{folder}/{stem}-{width}.{fallback}",
        }

    def make_renditions(self):
        with images.written_together(self.storage) as save, images.opened_stored(self) as (picture, fallback):
            cropped = images.focal_crop(picture, self.field.ratio, 0.5, 0.5)
            for width in self.field.widths:
                names = self.rendition_names(width)
                for key, image_format, resized in images.encoded_at(cropped, width, fallback):
                    save(names[key], images.encode(resized, image_format))

    def rendition_urls(self, width):
        """{"webp": url, "fallback": url, "fallback_type": …} of the rendition ``width`` pixels wide."""
        if width not in self.field.widths:
            raise ValueError(f"{self.field} has no rendition {width} pixels wide; it has {self.field.widths}.")
        names = self.rendition_names(width)
        if isinstance(self.storage, FileSystemStorage):
            self.ensure_renditions(names["webp"])
        else:
            # On object storage, whether a file exists is a request: asked once while the content
            # stays the same (a new picture is a change), not for every portrait of every page.
            remembered(f"field-renditions:{names['webp']}", partial(self.ensure_renditions, names["webp"]))
        fallback_type = "image/png" if names["fallback"].endswith(".png") else "image/jpeg"
        return {key: self.storage.url(name) for key, name in names.items()} | {"fallback_type": fallback_type}

    def ensure_renditions(self, name):
        """Make the renditions if ``name``, one of them, is not stored; True once they are."""
        if not self.storage.exists(name):
            self.make_renditions()
        return True

    def delete_renditions(self):
        for width in self.field.widths:
            for name in self.rendition_names(width).values():
                images.delete_quietly(self.storage, name)


class PictureField(models.ImageField):
    """An image field whose uploads go through core.images; ``widths`` and ``ratio`` describe its renditions."""

    attr_class = PictureFieldFile

    def __init__(self, *args, widths=(), ratio=None, **kwargs):
        self.widths = tuple(widths)
        self.ratio = ratio
        kwargs.setdefault("validators", [images.validate_picture])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("validators") == [images.validate_picture]:
            del kwargs["validators"]
        if self.widths:
            kwargs["widths"] = self.widths
        if self.ratio is not None:
            kwargs["ratio"] = self.ratio
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PictureFormField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            cleaned = images.cleaned_upload(file)
            try:
                file.save(cleaned.name, cleaned, save=False)
            except OSError as error:
                raise images.not_stored(error) from error
            file = getattr(model_instance, self.attname)
            if self.widths:
                try:
                    file.make_renditions()
                except Exception:
                    images.delete_quietly(file.storage, file.name)
                    raise
        return file
