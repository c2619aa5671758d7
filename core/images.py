"""Pictures for the image library: checking uploads, cleaning them, and making their renditions.

An upload is trusted only once Pillow has opened and verified it: its name and content type
say nothing. Before it is stored, it is turned the right way up (EXIF orientation) and
re-encoded from its pixels, which drops every piece of metadata (GPS position, camera,
dates). Renditions are made once per picture and focal point, kept in storage, and listed
on the image row itself, so a page shows them without a query per picture.
"""

import errno
import io
import os
import warnings
from contextlib import contextmanager, suppress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from PIL import Image as PILImage
from PIL import ImageOps

# Accepted Pillow formats → the format of the fallback rendition for browsers without WebP
# (PNG stays PNG, as it may be transparent).
ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "JPEG"}
ACCEPTED_NAMES = gettext_noop("JPEG, PNG or WebP")
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
SAVE_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 2},
}

# WebP, in which every rendition is also made, holds at most this many pixels on a side.
MAX_SIDE = 16_383

# Shapes a picture is shown in: None keeps the picture's own proportions, a ratio crops it
# around the focal point. The widths are the largest a page ever shows it at, by step.
SHAPES = {
    "full": {"ratio": None, "widths": (480, 800, 1200, 1600)},
    "lead": {"ratio": 16 / 9, "widths": (480, 800, 1200, 1600)},
    "card": {"ratio": 16 / 9, "widths": (480, 800)},
}


def max_upload_bytes():
    return settings.NEWSROOM_IMAGE_MAX_BYTES


def max_pixels():
    return settings.NEWSROOM_IMAGE_MAX_PIXELS


def open_checked(file):
    """The picture in ``file``, opened and decoded, or a ValidationError that says what is wrong."""
    if file.size > max_upload_bytes():
        raise ValidationError(
            _("This file is %(size)s; pictures may be at most %(most)s. Export a smaller version and upload that.")
            % {"size": filesizeformat(file.size), "most": filesizeformat(max_upload_bytes())},
            code="too_large",
        )
    content = read_all(file)
    if b"<svg" in content[:512].lower() or content.lstrip().startswith(b"<"):
        raise ValidationError(
            _("SVG drawings and other text files are not accepted: upload a %s picture.") % _(ACCEPTED_NAMES),
            code="svg",
        )
    with warnings.catch_warnings():
        # A picture just over Pillow's own limit only warns; it is refused all the same.
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        with opened(content) as picture:
            check_size_and_format(picture)
            decode(picture)
    # Pillow closes the file it reads from when the picture is closed, so it reads a copy and the upload stays open.
    return PILImage.open(io.BytesIO(content))


@contextmanager
def opened(content):
    try:
        with PILImage.open(io.BytesIO(content)) as picture:
            yield picture
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as error:
        raise too_many_pixels() from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("This file is not a picture that can be read: upload a %s picture.") % _(ACCEPTED_NAMES),
            code="not_an_image",
        ) from error


def decode(picture):
    """Read every pixel now, so that a cut-short or damaged file is refused here rather than failing later."""
    try:
        picture.load()
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _(
                "This picture is incomplete or damaged (the file may have been cut short while it was copied or "
                "downloaded): open it in a picture editor, export it again and upload that."
            ),
            code="damaged",
        ) from error


def read_all(file):
    if file.closed:
        file.open("rb")  # the image field closes the upload after reading its dimensions
    file.seek(0)
    content = file.read()
    file.seek(0)
    return content


def check_size_and_format(picture):
    if picture.format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("%(format)s pictures are not accepted: upload a %(accepted)s picture.")
            % {"format": picture.format, "accepted": _(ACCEPTED_NAMES)},
            code="format",
        )
    width, height = picture.size
    if width * height > max_pixels():
        raise too_many_pixels()
    if max(width, height) > MAX_SIDE:
        raise ValidationError(
            _(
                "This picture is %(width)s × %(height)s pixels; pictures may be at most %(most)s pixels wide and "
                "%(most)s pixels high. Export a smaller version and upload that."
            )
            % {"width": f"{width:,}", "height": f"{height:,}", "most": f"{MAX_SIDE:,}"},
            code="too_long",
        )


def too_many_pixels():
    megapixels = max_pixels() // 1_000_000
    return ValidationError(
        _(
            "This picture has too many pixels: at most %s megapixels are accepted. "
            "Export a smaller version and upload that."
        )
        % megapixels,
        code="too_many_pixels",
    )


def validate_picture(file):
    """Validator for the model field and the upload form field: a new file must be a picture we accept."""
    if getattr(file, "_committed", False):
        return  # already stored, so it was checked when it came in
    open_checked(file).close()


def cleaned_upload(file):
    """The upload turned the right way up and re-encoded without metadata, named after its real format."""
    with open_checked(file) as picture:
        image_format = picture.format
        upright = ImageOps.exif_transpose(picture)
        content = encode(upright, image_format, icc_profile=picture.info.get("icc_profile"))
    stem = os.path.splitext(os.path.basename(file.name))[0] or "picture"
    return ContentFile(content, name=f"{stem}.{EXTENSIONS[image_format]}")


def encode(picture, image_format, **options):
    if image_format == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    # Pillow writes some of what it read back out (a JPEG's comment segment, which may hold markup or a
    # place): only the transparency of a palette picture is kept.
    picture.info = {key: value for key, value in picture.info.items() if key == "transparency"}
    buffer = io.BytesIO()
    # Only the pixels (and the colour profile, which is not personal) are written: no EXIF, no XMP, no comment.
    options = {key: value for key, value in options.items() if value}
    picture.save(buffer, image_format, **SAVE_OPTIONS[image_format], **options)
    return buffer.getvalue()


def displayable(picture):
    """The picture in a mode every rendition format can take and resizing handles smoothly."""
    if picture.mode in ("RGB", "RGBA", "L"):
        return picture
    transparent = picture.mode in ("LA", "PA") or "transparency" in picture.info
    return picture.convert("RGBA" if transparent else "RGB")


def focal_crop(picture, ratio, focal_x, focal_y):
    """The largest box of the given width/height ratio that keeps the focal point as central as possible."""
    width, height = picture.size
    if ratio is None:
        return picture
    if width / height > ratio:
        crop_width, crop_height = round(height * ratio), height
    else:
        crop_width, crop_height = width, round(width / ratio)
    left = min(max(round(focal_x * width - crop_width / 2), 0), width - crop_width)
    top = min(max(round(focal_y * height - crop_height / 2), 0), height - crop_height)
    return picture.crop((left, top, left + crop_width, top + crop_height))


def rendition_widths(shape_widths, source_width):
    """The shape's widths the source can fill without upscaling, or the source's own width when it is smaller."""
    widths = [width for width in shape_widths if width <= source_width]
    return widths or [source_width]


def make_renditions(image):
    """Write every rendition of ``image`` to storage and return their description for ``Image.renditions``."""
    stem = os.path.splitext(os.path.basename(image.file.name))[0]
    shapes = {}
    with written_together(image.file.storage) as save, opened_stored(image.file) as (picture, fallback):
        for shape, spec in SHAPES.items():
            cropped = focal_crop(picture, spec["ratio"], image.focal_x, image.focal_y)
            shapes[shape] = {"webp": [], "fallback": [], "fallback_type": f"image/{fallback.lower()}"}
            for width in rendition_widths(spec["widths"], cropped.width):
                for key, image_format, resized in encoded_at(cropped, width, fallback):
                    name = f"renditions/{image.pk}/{stem}-{shape}-{width}.{EXTENSIONS[image_format]}"
                    shapes[shape][key].append([save(name, encode(resized, image_format)), *resized.size])
    # The original's size in bytes, for feeds' enclosures: asking object storage costs a request a picture.
    size = image.file.size
    return {"source": image.file.name, "bytes": size, "focal": [image.focal_x, image.focal_y], "shapes": shapes}


@contextmanager
def opened_stored(file):
    """The stored picture ready to resize, and the format of its fallback renditions."""
    with file.open("rb") as source, PILImage.open(source) as picture:
        picture.load()
        yield displayable(picture), ACCEPTED_FORMATS.get(picture.format, "JPEG")


def encoded_at(picture, width, fallback):
    """(key, format, picture) of the WebP and fallback renditions ``width`` pixels wide (never upscaled)."""
    width = min(width, picture.width)
    height = max(round(picture.height * width / picture.width), 1)
    resized = picture.resize((width, height), PILImage.Resampling.LANCZOS)
    return [("webp", "WEBP", resized), ("fallback", fallback, resized)]


class PictureNotStored(Exception):
    """A picture or one of its renditions could not be written; nothing of it was kept."""


def not_stored(error):
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = _("the media folder is full")
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.ENOENT):
        reason = _("the media folder cannot be written to")
    else:
        reason = _("the picture could not be converted or written (%(error)s)") % {"error": error}
    return PictureNotStored(
        _(
            "The picture was not saved: %(reason)s. Nothing was changed. Ask the site's administrator to check "
            "the media storage, then upload the picture again."
        )
        % {"reason": reason}
    )


@contextmanager
def written_together(storage):
    """A ``save(name, content)`` that writes to ``storage``; if anything fails, what it wrote is deleted."""
    written = []

    def save(name, content):
        storage.delete(name)
        written.append(storage.save(name, ContentFile(content)))
        return written[-1]

    try:
        yield save
    except Exception as error:
        for name in written:
            delete_quietly(storage, name)
        if isinstance(error, OSError):
            raise not_stored(error) from error
        raise


def delete_quietly(storage, name):
    with suppress(OSError):  # a storage that cannot be written to may not allow deleting either
        storage.delete(name)


def delete_renditions(renditions, storage):
    for shape in renditions.get("shapes", {}).values():
        for name, _width, _height in shape["webp"] + shape["fallback"]:
            storage.delete(name)
