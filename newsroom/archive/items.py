"""What every reader returns: one ``ArchiveItem`` per news item of the old site."""

import email.utils
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _


class UnreadableArchive(Exception):
    """The file (or its column mapping, or its pictures) cannot be read at all: the message says why."""


@dataclass
class Picture:
    source: str  # the picture's address or path in the export
    alt: str = ""
    caption: str = ""


@dataclass
class Author:
    name: str = ""
    email: str = ""

    def __str__(self):
        return f"{self.name} <{self.email}>" if self.name and self.email else self.name or self.email


@dataclass
class ArchiveItem:
    guid: str  # what a re-run recognises the item by: the old guid, else the old address
    title: str = ""
    old_url: str = ""
    published_at: datetime | None = None
    body: str = ""
    standfirst: str = ""
    slug: str = ""
    keywords: list[str] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    lead_picture: Picture | None = None
    # Why the item cannot be imported, when its reader found it broken (no title, a date it cannot read).
    problem: str = ""

    def check(self):
        """Set ``problem`` for what every format needs; return the item."""
        if not self.problem and not self.title.strip():
            self.problem = _("it has no title")
        if not self.problem and not self.guid.strip():
            self.problem = _("it has neither a guid nor an address, so a re-run could not recognise it")
        return self


def parse_date(text):
    """An aware datetime from ISO 8601, RFC 822 (RSS) or WordPress's "YYYY-MM-DD HH:MM:SS"; None if empty.

    Raises ValueError for text that is none of them. A time without a zone is the site's time zone."""
    text = (text or "").strip()
    if not text or text.startswith("0000-00-00"):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            raise ValueError(_("“%(text)s” is not a date this import can read") % {"text": text}) from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def dated(item, text):
    """Set the item's publish time from ``text``, or its problem if the date cannot be read."""
    try:
        item.published_at = parse_date(text)
    except ValueError as error:
        item.problem = str(error)
    return item
