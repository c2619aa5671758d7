"""PubMed's MEDLINE format (the ``.nbib`` files of PubMed's "Send to: citation manager").

Each record is a block of tagged lines (``TI  - …``): a tag of up to four letters padded to
four columns, a hyphen, a space, the value. A value goes on over lines indented with six
spaces. Records are separated by blank lines.
"""

import re

from django.utils.translation import gettext as _

from ..validators import normalize_doi
from .pubmed import publication_kind, publication_status
from .records import Author, Entry, Record, clean_pages, clean_text, clean_title, parse_date

TAG_LINE = re.compile(r"([A-Z][A-Z0-9]{0,3}) *- ?(.*)")
TAGGED_ID = re.compile(r"(.+?)\s*\[(\w+)\]$")


def read_medline(text):
    return [read_block(first_line, lines) for first_line, lines in split_blocks(text)]


def split_blocks(text):
    """The groups of non-blank lines as (number of their first line, their lines)."""
    blocks, current = [], None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            current = None
        elif current is None:
            current = (number, [line])
            blocks.append(current)
        else:
            current[1].append(line)
    return blocks


def read_block(first_line, lines):
    label = _("record at line %s") % first_line
    try:
        fields = tagged_fields(lines, first_line)
    except ValueError as error:
        return Entry(label=label, problem=_("unreadable entry: %s") % error)
    pmid = next((value for tag, value in fields if tag == "PMID"), "")
    return Entry(
        label=_("PMID %(pmid)s (line %(line)s)") % {"pmid": pmid, "line": first_line} if pmid else label,
        record=medline_record(fields),
    )


def tagged_fields(lines, first_line):
    """The (tag, value) pairs of a record, continuation lines joined to the value they continue."""
    fields = []
    for offset, line in enumerate(lines):
        if line.startswith("      ") and fields:
            tag, value = fields[-1]
            fields[-1] = (tag, f"{value} {line.strip()}")
        elif (match := TAG_LINE.fullmatch(line.rstrip())) and line[4:6].rstrip() == "-":
            fields.append((match[1], match[2].strip()))
        else:
            raise ValueError(_("line %s is not in the MEDLINE format (“TAG - value”)") % (first_line + offset))
    return fields


def medline_record(fields):
    values = {}
    for tag, value in fields:
        values.setdefault(tag, []).append(value)

    def value(tag):
        return clean_text(values.get(tag, [""])[0])

    ids = tagged_ids(values.get("LID", []) + values.get("AID", []))
    pages = value("PG")
    return Record(
        title=clean_title(value("TI")),
        authors=medline_authors(fields),
        journal=value("JT"),
        journal_abbreviation=value("TA"),
        published_on=parse_date(value("DEP")) or parse_date(value("DP")),
        volume=value("VI"),
        issue=value("IP"),
        pages="" if pages == ids.get("pii") else clean_pages(pages),
        doi=normalize_doi(ids.get("doi", "")),
        pmid=value("PMID"),
        status=publication_status(value("PST"), values.get("PT", [])),
        kind=publication_kind(values.get("PT", [])),
        abstract=value("AB"),
    )


def tagged_ids(values):
    """``{"doi": "10.1016/…", "pii": "S2352-…"}`` from lines such as ``10.1016/… [doi]``."""
    ids = {}
    for value in values:
        if match := TAGGED_ID.match(clean_text(value)):
            ids.setdefault(match[2].lower(), match[1])
    return ids


def medline_authors(fields):
    """Authors from the full names (FAU) when the record has them, else from the short ones (AU)."""
    name_tag = "FAU" if any(tag == "FAU" for tag, _ in fields) else "AU"
    authors = []
    for tag, value in fields:
        if tag == name_tag:
            authors.append(name_author(value, full=tag == "FAU"))
        elif tag == "AUID" and authors and value.upper().startswith("ORCID:"):
            authors[-1] = Author.from_parts(authors[-1].given, authors[-1].family, value.partition(":")[2])
    return authors


def name_author(value, full):
    """``Samain, Rémi`` (FAU) or ``Samain R`` (AU)."""
    if full:
        family, _, given = value.partition(",")
    else:
        family, _, given = clean_text(value).rpartition(" ") if " " in value.strip() else (value, "", "")
    return Author.from_parts(given, family)
