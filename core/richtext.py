"""The one allow-list for HTML that editors enter, and the editor that writes within it.

Both apps use it (an article's body, a team's description), so it lives in ``research``,
which ``newsroom`` may import and not the other way round. The editor's toolbar offers exactly what the
sanitiser keeps, so nothing an editor writes in it is lost on save.
"""

from html import unescape
from urllib.parse import urlsplit

import nh3
from django import forms
from django.conf import settings
from django.utils.html import linebreaks, strip_tags
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "cite",
    "q",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "abbr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    # data-file: the id of a picture of the library, which public pages show with its renditions.
    "img": {"src", "alt", "width", "height", "data-file"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed with everything inside them, not just unwrapped: their text is code or markup, not prose.
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "template",
    "noscript",
    "textarea",
    "select",
    "title",
    "xmp",
    "noembed",
    "noframes",
}

# What the admin's rich-text editor offers (django-prose-editor's extension names).
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Image": True,
    "Figure": True,
    "Caption": True,
    # Spelling is checked, in the article's language (static/core/richtext.js).
    "NoSpellCheck": False,
}


def is_library_image(src):
    """Pictures in rich text come from the image library, never from another site (tracking, hot-linking)."""
    parts = urlsplit(src)
    media_path = "/" + settings.MEDIA_URL.lstrip("/")
    return not (parts.scheme or parts.netloc) and parts.path.startswith(media_path) and ".." not in parts.path


def _filter_attribute(tag, attribute, value):
    if tag == "img" and attribute == "src" and not is_library_image(value):
        return None
    if tag == "img" and attribute in {"width", "height", "data-file"} and not value.isdigit():
        return None
    return value


def sanitize_html(html):
    """Keep harmless formatting as written; drop scripts, styles, event handlers and unsafe URLs.

    Every link gets ``rel="noopener noreferrer"``, so an external page opened from it cannot
    reach back into ours. HTML that shows nothing (the editor's empty ``<p></p>``) is stored as
    an empty string, so a page leaves out the heading it would have stood under.
    """
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return cleaned if shows_something(cleaned) else ""


def shows_something(html):
    """Whether the HTML has text (spaces and non-breaking spaces aside) or a picture."""
    return bool(unescape(strip_tags(html or "")).strip()) or "<img" in (html or "")


def plain_text_as_html(text):
    """Text written before the field was rich text (no tags at all) becomes paragraphs, as it was shown."""
    text = text or ""
    return text if "<" in text else linebreaks(text)


def editor_formfield(db_field, image_chooser_url=None, **kwargs):
    """The admin's rich-text editor for a TextField, offering what ``sanitize_html`` keeps; spelling
    is checked in the language chosen in the form. With ``image_chooser_url``, its picture button
    opens that chooser over the image library (static/core/image_chooser.js)."""
    # Imported here: the editor's widgets need the admin, which models (importing this module) come before.
    from django_prose_editor.fields import ProseEditorFormField
    from django_prose_editor.widgets import AdminProseEditorWidget

    class RichTextWidget(AdminProseEditorWidget):
        @property
        def media(self):
            return super().media + forms.Media(
                js=["core/image_chooser.js", "core/richtext.js"], css={"all": ["core/image_chooser.css"]}
            )

    attrs = {"spellcheck": "true", "data-language-field": "language"}
    if image_chooser_url:
        attrs["data-image-chooser"] = str(image_chooser_url)
        attrs["data-image-button-label"] = _("Insert a picture from the library")
    kwargs = {
        "required": not db_field.blank,
        "label": db_field.verbose_name.capitalize(),
        "help_text": db_field.help_text,
    } | kwargs
    return ProseEditorFormField(
        config={"extensions": EDITOR_EXTENSIONS}, sanitize=sanitize_html, widget=RichTextWidget(attrs=attrs), **kwargs
    )
