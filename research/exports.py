"""Publications as files for reference managers and reports: BibTeX, RIS, CSL-JSON, and a plain
list in the one citation style (``Publication.citation_text``).

The public site and the API offer the same files; give ``Publication.objects.with_authors()``
so that a list of any length costs two queries.
"""

import json
import re

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from django.http import HttpResponse
from django.utils.text import slugify

from .dates import Precision
from .models import Publication

BIBTEX_TYPES = {Publication.Kind.CHAPTER: "incollection", Publication.Kind.PREPRINT: "misc"}
RIS_TYPES = {Publication.Kind.CHAPTER: "CHAP", Publication.Kind.PREPRINT: "UNPB"}
CSL_TYPES = {Publication.Kind.CHAPTER: "chapter", Publication.Kind.PREPRINT: "article"}
FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
    "txt": ("text/plain; charset=utf-8", "txt"),
}


def split_name(printed):
    """("Schmid", "H A") from "H A Schmid": lists print initials first and the family name last."""
    given, _, family = printed.strip().rpartition(" ")
    return family, given


def braces_removed(value):
    # An unbalanced brace would end a BibTeX value early; the text reads the same without them.
    return re.sub(r"[{}]", "", str(value))


def bibtex_key(publication, taken):
    authors = list(publication.authors.all())
    family = split_name(authors[0].name)[0] if authors else "anon"
    key = slugify(f"{family}{publication.year or ''}").replace("-", "") or f"publication{publication.pk}"
    while key in taken:
        key += "a"
    taken.add(key)
    return key


def bibtex_fields(publication):
    names = [", ".join(part for part in split_name(author.name) if part) for author in publication.authors.all()]
    values = {
        "author": " and ".join(names),
        "title": publication.title,
        "journal": publication.journal,
        "year": publication.year or "",
        "month": bibtex_month(publication.published),
        "volume": publication.volume,
        "number": publication.issue,
        "pages": publication.pages.replace("-", "--"),
        "doi": publication.doi,
        "pmid": publication.pmid,
        "abstract": publication.abstract,
    }
    return [Field(name, braces_removed(value)) for name, value in values.items() if value]


def bibtex_month(partial):
    return partial.strftime("%b").lower() if partial and partial.precision != Precision.YEAR else ""


def ris_date(partial):
    """RIS's YYYY/MM/DD/ with the parts not known left empty: "2021/01//", "2021///"."""
    return "/".join([*(f"{part:02d}" for part in partial.parts()), "", ""][:3]) + "/" if partial else ""


def to_bibtex(publications):
    library, taken = bibtexparser.Library(), set()
    for publication in publications:
        kind = BIBTEX_TYPES.get(publication.kind, "article")
        library.add(Entry(kind, bibtex_key(publication, taken), bibtex_fields(publication)))
    return bibtexparser.write_string(library)


def ris_entry(publication):
    entry = {
        "type_of_reference": RIS_TYPES.get(publication.kind, "JOUR"),
        "title": publication.title,
        "authors": [", ".join(part for part in split_name(a.name) if part) for a in publication.authors.all()],
        "journal_name": publication.journal,
        "alternate_title2": publication.journal_abbreviation,
        "year": str(publication.year or ""),
        "date": ris_date(publication.published),
        "volume": publication.volume,
        "number": publication.issue,
        "doi": publication.doi,
        "abstract": publication.abstract,
        "accession_number": publication.pmid,
    }
    start, _, end = publication.pages.partition("-")
    entry.update(start_page=start, end_page=end)
    return {name: value for name, value in entry.items() if value}


def to_ris(publications):
    return rispy.dumps([ris_entry(publication) for publication in publications])


def csl_item(publication):
    item = {
        "id": f"publication-{publication.pk}",
        "type": CSL_TYPES.get(publication.kind, "article-journal"),
        "title": publication.title,
        "author": [
            {"family": family, "given": given} if given else {"literal": family}
            for family, given in (split_name(author.name) for author in publication.authors.all())
        ],
        "container-title": publication.journal,
        "container-title-short": publication.journal_abbreviation,
        "volume": publication.volume,
        "issue": publication.issue,
        "page": publication.pages,
        "DOI": publication.doi,
        "PMID": publication.pmid,
        "abstract": publication.abstract,
    }
    if publication.published_on:
        item["issued"] = {"date-parts": [publication.published.parts()]}
    return {name: value for name, value in item.items() if value}


def to_csl_json(publications):
    return json.dumps([csl_item(publication) for publication in publications], ensure_ascii=False, indent=2)


def to_text(publications):
    return "".join(f"{publication.citation_text(full=True)}\n" for publication in publications)


WRITERS = {"bib": to_bibtex, "ris": to_ris, "json": to_csl_json, "txt": to_text}


def export_response(publications, file_format, name):
    """The download of ``publications`` in ``file_format`` (one of FORMATS), as ``name``.<extension>."""
    content_type, extension = FORMATS[file_format]
    response = HttpResponse(WRITERS[file_format](publications), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "publications"}.{extension}"'
    return response
