"""Text that XML can carry: characters XML 1.0 forbids are removed from every text field on save.

A vertical tab pasted from a word processor is harmless in HTML but makes an RSS or Atom feed
that contains it unwritable. Every model's text fields are cleaned before each save by one
``pre_save`` receiver (connected in ``CoreConfig.ready``), so no model, including those of other
apps (users, keywords), has to remember it; feeds and sitemaps clean what they write as well,
for rows stored before this rule or written with ``update()``.
"""

import re

from django.db import models

# XML 1.0 allows tab, line feed and carriage return among the C0 controls, and no surrogates,
# U+FFFE or U+FFFF. Vertical tab and form feed are line breaks in word processors: they become spaces.
FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
LINE_BREAKS = str.maketrans({"\x0b": " ", "\x0c": " "})


def xml_safe(text):
    """``text`` without the characters XML 1.0 forbids (non-strings are returned as they are)."""
    if not isinstance(text, str):
        return text
    return FORBIDDEN.sub("", text.translate(LINE_BREAKS))


def clean_text_fields(sender, instance, raw=False, **kwargs):
    """``pre_save`` receiver: strip forbidden characters from the instance's char and text fields."""
    if raw:
        return  # fixtures are loaded as they are
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, xml_safe(value))
