"""RIS files (EndNote, Zotero, Mendeley, Web of Science and publishers' "export citation")."""

import rispy
from django.utils.translation import gettext as _

from ..models import Publication
from ..validators import is_pmid, normalize_doi
from .records import Author, Entry, Record, clean_pages, clean_text, clean_title, kind_from_type, page_range, parse_date

STATUSES = {"INPR": Publication.Status.IN_PRESS}


def read_ris(text):
    """One ``Entry`` per ``TY  - `` … ``ER  - `` record; lines between records are ignored."""
    return [read_record(first_line, lines) for first_line, lines in split_records(text)]


def split_records(text):
    """The records as (number of their first line, their lines); a record need not be closed."""
    records, current = [], None
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("TY  -"):
            current = (number, [line])
            records.append(current)
        elif current is not None:
            current[1].append(line)
            if line.startswith("ER  -"):
                current = None
    return records


def read_record(first_line, lines):
    label = _("record at line %s") % first_line
    if not lines[-1].startswith("ER  -"):
        return Entry(label=label, problem=_("unreadable entry: the record does not end with an “ER  - ” line"))
    parsed = rispy.loads("\n".join(lines), skip_unknown_tags=True)
    if len(parsed) != 1:
        return Entry(label=label, problem=_("unreadable entry: the RIS lines of this record could not be read"))
    return Entry(label=label, record=ris_record(parsed[0]))


def ris_record(fields):
    def value(*names):
        return next((clean_text(fields[name]) for name in names if clean_text(fields.get(name))), "")

    journal = value("secondary_title", "alternate_title3", "journal_name")
    abbreviation = value("alternate_title1", "alternate_title2", "journal_name")
    reference_type = value("type_of_reference").upper()
    return Record(
        title=clean_title(value("title", "primary_title")),
        authors=[name_author(name) for name in fields.get("authors") or fields.get("first_authors") or []],
        journal=journal,
        journal_abbreviation=abbreviation if abbreviation != journal else "",
        published_on=parse_date(value("date")) or parse_date(value("year", "publication_year")),
        volume=value("volume"),
        issue=value("number"),
        pages=clean_pages(page_range(value("start_page"), value("end_page"))),
        doi=normalize_doi(value("doi")),
        pmid=pubmed_accession(fields),
        status=STATUSES.get(reference_type, ""),
        kind=kind_from_type(reference_type),
        abstract=value("abstract", "notes_abstract"),
    )


def name_author(name):
    """``Samain, Rémi`` as most exports write it, or ``Rémi Samain``."""
    family, comma, given = clean_text(name).partition(",")
    if not comma:
        given, _, family = family.rpartition(" ")
    return Author.from_parts(given, family)


def pubmed_accession(fields):
    # The accession number is a PubMed ID only when the record says it came from PubMed.
    database = " ".join(clean_text(fields.get(name)) for name in ("name_of_database", "database_provider")).lower()
    accession = clean_text(fields.get("accession_number"))
    return accession if is_pmid(accession) and ("pubmed" in database or "medline" in database) else ""
