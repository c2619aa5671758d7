"""The one shape every source produces: a publication as it was read, before it is saved.

Sources write what they know and leave the rest empty; an empty ``status`` or ``kind``
means the source does not say, so saving never overrides what an editor chose.
"""

import html
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from ..dates import PartialDate
from ..models import Publication
from ..validators import normalize_orcid, validate_orcid

MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)}
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
DATE_PARTS = re.compile(r"(\d{4})(?:[-/ .]+([A-Za-z]+|\d{1,2}))?(?:[-/ .]+(\d{1,2}))?")
COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
MARKUP = re.compile(r"<[^>]+>")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
DASHES = re.compile(r"\s*[‐‑‒–—−]+\s*|\s*--\s*")

KINDS = {
    "journal-article": Publication.Kind.ARTICLE,
    "journal article": Publication.Kind.ARTICLE,
    "article": Publication.Kind.ARTICLE,
    "jour": Publication.Kind.ARTICLE,
    "ejour": Publication.Kind.ARTICLE,
    "review": Publication.Kind.REVIEW,
    "systematic review": Publication.Kind.REVIEW,
    "posted-content": Publication.Kind.PREPRINT,
    "preprint": Publication.Kind.PREPRINT,
    "book-chapter": Publication.Kind.CHAPTER,
    "chapter": Publication.Kind.CHAPTER,
    "chap": Publication.Kind.CHAPTER,
    "incollection": Publication.Kind.CHAPTER,
    "inbook": Publication.Kind.CHAPTER,
}


@dataclass
class Author:
    name: str
    given: str = ""
    family: str = ""
    orcid: str = ""

    @classmethod
    def from_parts(cls, given="", family="", orcid=""):
        given, family = clean_text(given), clean_text(family)
        return cls(name=" ".join(filter(None, (given, family))), given=given, family=family, orcid=clean_orcid(orcid))


@dataclass
class Record:
    title: str = ""
    authors: list[Author] = field(default_factory=list)
    journal: str = ""
    journal_abbreviation: str = ""
    published_on: PartialDate | None = None
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    status: str = ""
    kind: str = ""
    abstract: str = ""


@dataclass
class Entry:
    """One entry of an uploaded file: the record read from it, or why it could not be read."""

    label: str
    record: Record | None = None
    problem: str = ""


def clean_text(value):
    """One line of text with single spaces; ``None`` becomes an empty string.

    Control characters go: PostgreSQL refuses NUL in text, and none belongs in a title."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", str(value or "")).split())


def strip_markup(value):
    """Plain text from the JATS or HTML fragments some sources put in titles and abstracts."""
    return clean_text(html.unescape(MARKUP.sub(" ", value or "")))


def clean_title(value):
    # PubMed ends every title with a full stop that the journal does not print.
    title = strip_markup(value)
    return title[:-1] if title.endswith(".") and not title.endswith("..") else title


def clean_pages(value):
    return DASHES.sub("-", clean_text(value))


def page_range(start, end):
    start, end = clean_text(start), clean_text(end)
    return f"{start}-{end}" if start and end and end != start else start


def clean_orcid(value):
    """The ORCID iD in its stored form, or an empty string when it is not a valid one."""
    orcid = normalize_orcid(value)
    try:
        validate_orcid(orcid)
    except ValidationError:
        return ""
    return orcid


def month_number(value):
    text = clean_text(value).lower()
    if text.isdigit():
        return int(text)
    return MONTHS.get(text[:3]) or SEASONS.get(text)


def make_date(year, month=None, day=None):
    """The date as far as the parts tell it (a ``PartialDate``): a missing or impossible day or month stays unknown."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        return None
    month = month_number(month) if month else None
    day = int(day) if str(day or "").isdigit() else None
    for parts in ((year, month, day), (year, month, None)):
        try:
            return PartialDate(*parts)
        except (TypeError, ValueError):
            continue
    return PartialDate(year) if 1000 <= year <= 9999 else None


def parse_date(value):
    """A date from the forms sources write: ``2021 Jan 19``, ``2021/01/19/``, ``2021-01``, ``20210119``."""
    text = clean_text(value)
    compact = COMPACT_DATE.fullmatch(text)
    match = compact or DATE_PARTS.search(text)
    return make_date(*match.groups()) if match else None


def kind_from_type(*types):
    """The first publication kind that one of the source's type names stands for, or ``""``."""
    for name in types:
        kind = KINDS.get(clean_text(name).lower())
        if kind:
            return kind
    return ""
