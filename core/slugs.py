"""Readable slugs: transliterated, cut at a word boundary, and made free with ``-2``, ``-3``…"""

from slugify import slugify


def readable_slug(text, max_length=80):
    """Transliterated ASCII slug, cut at a word boundary: "Химиотерапия рака" → ``khimioterapiia-raka``."""
    slug = slugify(text or "")
    if len(slug) > max_length:
        slug = slug[: max_length + 1].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug.strip("-") or "item"


def unique_slug(instance, text, max_length=80, reserved=()):
    """A readable slug for ``text``, unique among the rows of the instance's model and not ``reserved``."""
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, number = readable_slug(text, max_length), 2
    while slug in reserved or others.filter(slug=slug).exists():
        suffix = f"-{number}"
        # Cut again for the shorter room, so the number never follows half a word.
        slug = readable_slug(text, max_length - len(suffix)) + suffix
        number += 1
    return slug


class FreeSlugFormMixin:
    """A slug typed (or kept) in a form that another row already has becomes the next free one,
    ``-2``, ``-3``…, instead of refusing the form; an empty slug is made from the title on save."""

    def clean_slug(self):
        slug = self.cleaned_data.get("slug", "")
        if not slug:
            return slug
        model = self._meta.model
        max_length = model._meta.get_field("slug").max_length
        return unique_slug(self.instance, slug, max_length, reserved=getattr(model, "RESERVED_SLUGS", ()))


class FreeSlugAdminMixin:
    """Gives the admin's form the free-slug rule above, whatever form class the admin builds."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (FreeSlugFormMixin, form), {})
