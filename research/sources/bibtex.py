"""BibTeX and BibLaTeX files, as reference managers and Google Scholar export them."""

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware, NormalizeFieldKeys, SeparateCoAuthors, SplitNameParts
from bibtexparser.model import DuplicateBlockKeyBlock, MiddlewareErrorBlock, ParsingFailedBlock
from bibtexparser.model import Entry as BibtexEntry
from django.utils.translation import gettext as _

from ..models import Publication
from ..validators import normalize_doi
from .records import Author, Entry, Record, clean_pages, clean_text, clean_title, kind_from_type, make_date, parse_date

# BibLaTeX's pubstate field; plain BibTeX has no way to say it.
STATUSES = {
    "inpress": Publication.Status.IN_PRESS,
    "forthcoming": Publication.Status.IN_PRESS,
    "prepublished": Publication.Status.PREPRINT,
}


def read_bibtex(text):
    """One ``Entry`` per ``@article{…}`` (or other) block of the file, in the order they appear."""
    library = bibtexparser.parse_string(
        text, append_middleware=[NormalizeFieldKeys(), LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()]
    )
    return [read_block(block) for block in library.blocks if isinstance(block, BibtexEntry | ParsingFailedBlock)]


def read_block(block):
    line = (block.start_line or 0) + 1
    if isinstance(block, BibtexEntry):
        return Entry(label=_("%(key)s (line %(line)s)") % {"key": block.key, "line": line}, record=entry_record(block))
    if isinstance(block, DuplicateBlockKeyBlock):
        key = block.ignore_error_block.key
        label = _("%(key)s (line %(line)s)") % {"key": key, "line": line}
        return Entry(label=label, problem=_("the key “%s” is used twice in the file") % key)
    if isinstance(block, MiddlewareErrorBlock):
        key = block.ignore_error_block.key
        label = _("%(key)s (line %(line)s)") % {"key": key, "line": line}
        return Entry(label=label, problem=_("unreadable entry: %s") % block.error)
    return Entry(
        label=_("line %s") % line,
        problem=_("unreadable entry: the BibTeX is broken here (a brace or quote is missing)"),
    )


def entry_record(entry):
    fields = {field.key: field.value for field in entry.fields}

    def value(*names):
        return next((clean_text(fields[name]) for name in names if isinstance(fields.get(name), str)), "")

    return Record(
        title=clean_title(value("title").replace("{", "").replace("}", "")),
        authors=[author for name in fields.get("author") or [] if (author := name_author(name))],
        journal=value("journal", "journaltitle", "booktitle"),
        journal_abbreviation=value("shortjournal"),
        published_on=parse_date(value("date")) or make_date(value("year"), value("month"), value("day")),
        volume=value("volume"),
        issue=value("number", "issue"),
        pages=clean_pages(value("pages")),
        doi=normalize_doi(value("doi")),
        pmid=value("pmid"),
        status=STATUSES.get(value("pubstate").lower(), ""),
        kind=kind_from_type(entry.entry_type),
        abstract=value("abstract"),
    )


def name_author(parts):
    # "and others" is BibTeX's "et al.", not an author.
    if parts.last == ["others"] and not parts.first:
        return None
    return Author.from_parts(" ".join(parts.first), " ".join(parts.von + parts.last + parts.jr))
