"""``{% picture image sizes=… %}``: the one way a library picture is shown on the public site, also
inside rich text (``{% rich_text article.body %}``)."""

import re

from django import template
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from newsroom.models import Image

register = template.Library()


def images_hidden(context):
    """Whether the reader chose to hide images in the low-vision version: the picture tags then show the
    picture's text alternative in its place, written into the page so that it needs no JavaScript."""
    low_vision = context.get("low_vision")
    return bool(low_vision and low_vision.hides_images)


def srcset(renditions):
    return ", ".join(f"{default_storage.url(name)} {width}w" for name, width, _height in renditions)


@register.inclusion_tag("includes/picture.html", takes_context=True)
def picture(context, image, sizes="100vw", shape="full", loading="lazy", css_class=""):
    """A ``<picture>`` with WebP and JPEG/PNG sources at several widths; the browser picks the smallest
    that fills ``sizes``. ``width`` and ``height`` give the box its proportions before it loads."""
    if images_hidden(context):
        return {"hidden": True, "alt": "" if image.is_decorative else image.alt_text}
    webp, fallback, fallback_type = image.rendition_set(shape)
    default_name, width, height = fallback[-1]
    return {
        "image": image,
        "sizes": sizes,
        "loading": loading,
        "css_class": css_class,
        "webp_srcset": srcset(webp),
        "fallback_srcset": srcset(fallback),
        "fallback_type": fallback_type,
        "src": default_storage.url(fallback[0][0]),
        "width": width,
        "height": height,
    }


@register.inclusion_tag("includes/field_picture.html", takes_context=True)
def field_picture(context, file, width, alt="", css_class="", loading="lazy"):
    """A ``<picture>`` of an uploaded picture (a portrait, a logo) for a slot ``width`` CSS pixels wide:
    its renditions at that width and, where there is one, twice it for sharp screens; never the original."""
    if images_hidden(context):
        return {"hidden": True, "alt": alt}
    ratio = file.field.ratio
    return {
        "one": file.rendition_urls(width),
        "two": file.rendition_urls(2 * width) if 2 * width in file.field.widths else None,
        "alt": alt,
        "css_class": css_class,
        "loading": loading,
        "width": width if ratio else None,
        "height": round(width / ratio) if ratio else None,
    }


# An editor's picture from the library, as the sanitiser keeps it (core.richtext): its id in data-file.
LIBRARY_IMG = re.compile(r'<img\b[^>]*\bdata-file="(\d+)"[^>]*>')
BODY_SIZES = "(min-width: 48rem) 46rem, 100vw"


@register.simple_tag(takes_context=True)
def rich_text(context, html):
    """Sanitised rich text with each picture from the library as its responsive ``<picture>``
    (renditions, WebP first), or as its text alternative when the reader hides images."""
    html = html or ""
    ids = {int(found) for found in LIBRARY_IMG.findall(html)}
    if not ids:
        return mark_safe(html)  # noqa: S308 - sanitised on save (core.richtext.sanitize_html)
    images = Image.objects.in_bulk(ids)

    def as_picture(match):
        image = images.get(int(match.group(1)))
        if image is None or not image.file:
            return match.group(0)
        return render_to_string("includes/picture.html", picture(context, image, sizes=BODY_SIZES))

    return mark_safe(LIBRARY_IMG.sub(as_picture, html))  # noqa: S308 - sanitised, and our own template
