"""Publications from identifiers and files: Crossref, PubMed, BibTeX, RIS and MEDLINE.

Every source produces a ``Record``; ``save_record`` is the one place a record becomes a
``Publication``. It merges with a publication already known by DOI, then by PubMed ID, and
fills only the fields that are empty, so what an editor typed is never blanked or
overwritten. The status only moves forward (ahead of print → published, never back), and
the author list is replaced only when the record has one, each author linked to a known
Person by ORCID, then by family name and given name or initials.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q

from .models import Person, Publication, PublicationAuthor
from .sources.crossref import fetch_doi
from .sources.files import read_file
from .sources.http import MalformedIdentifier
from .sources.pubmed import fetch_pmid
from .sources.records import Record, clean_text
from .validators import DOI_PATTERN, PMID_PATTERN, normalize_doi, validate_doi, validate_pmid

CREATED, UPDATED, SKIPPED = "created", "updated", "skipped"
DOI, PMID = "doi", "pmid"
SOURCES = {DOI: ("Crossref", fetch_doi), PMID: ("PubMed", fetch_pmid)}

FILLABLE_FIELDS = (
    "title",
    "journal",
    "journal_abbreviation",
    "published_on",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "abstract",
)
STATUS_ORDER = (
    Publication.Status.PREPRINT,
    Publication.Status.IN_PRESS,
    Publication.Status.AHEAD_OF_PRINT,
    Publication.Status.PUBLISHED,
)
PUBMED_ID = re.compile(
    r"(?:pmid:?\s*|https?://(?:pubmed\.ncbi\.nlm\.nih\.gov|(?:www\.)?ncbi\.nlm\.nih\.gov/pubmed)/)?"
    rf"({PMID_PATTERN.pattern})/?(?:[?#].*)?",
    re.IGNORECASE,
)
NAME_SEPARATORS = re.compile(r"[\s.\-‐]+")
UNDECODABLE = re.compile("[\udc80-\udcff]")
WRONG_ENCODING = (
    "wrong encoding: this entry has characters that are not UTF-8. "
    "Save the file as UTF-8 (Unicode) in the reference manager and import it again"
)


@dataclass
class Outcome:
    """What happened to one record: created, updated, or skipped with the reason why."""

    action: str
    label: str = ""
    title: str = ""
    publication: Publication | None = None
    changes: list[str] = field(default_factory=list)
    reason: str = ""
    source: str = ""

    def __post_init__(self):
        self.label, self.title = displayable(self.label), displayable(self.title)

    @property
    def details(self):
        return self.reason if self.action == SKIPPED else "filled in " + ", ".join(self.changes)


@dataclass
class FileImport:
    """The summary of one uploaded file."""

    filename: str
    format_name: str
    outcomes: list[Outcome]

    def _with(self, action):
        return [outcome for outcome in self.outcomes if outcome.action == action]

    @property
    def created(self):
        return self._with(CREATED)

    @property
    def updated(self):
        return self._with(UPDATED)

    @property
    def skipped(self):
        return self._with(SKIPPED)


def parse_identifier(text):
    """``("doi", "10.…")`` or ``("pmid", "…")`` from what an editor pasted: a DOI with or without
    its ``doi:`` or https://doi.org/ prefix, a PubMed ID, or a PubMed link."""
    text = clean_text(text)
    if match := PUBMED_ID.fullmatch(text):
        return PMID, match[1]
    doi = normalize_doi(unquote(text) if text.lower().startswith("http") else text)
    if DOI_PATTERN.match(doi):
        return DOI, doi
    raise MalformedIdentifier(
        f"“{text}” is neither a DOI nor a PubMed ID. Paste a DOI such as 10.1016/j.jcmgh.2021.01.008 "
        "(a https://doi.org/ link works too), a PubMed ID such as 33482394, or a PubMed link."
    )


def fetch_record(kind, identifier, client=None):
    """The record Crossref (for a DOI) or PubMed (for a PubMed ID) holds; raises ``LookupFailed``."""
    record = SOURCES[kind][1](identifier, client)
    if kind == DOI:
        record.doi = record.doi or identifier
    else:
        record.pmid = record.pmid or identifier
    return record


def import_identifier(text, client=None):
    """Look a pasted DOI or PubMed ID up and save it; raises ``LookupFailed`` when the look-up fails."""
    kind, identifier = parse_identifier(text)
    outcome = save_record(fetch_record(kind, identifier, client), label=identifier)
    outcome.source = SOURCES[kind][0]
    return outcome


def import_file(filename, data):
    """Save every reference of an uploaded file; raises ``UnreadableFile`` when none can be read."""
    file_format, entries = read_file(filename, data)
    outcomes = [
        save_record(entry.record, entry.label) if entry.record else Outcome(SKIPPED, entry.label, reason=entry.problem)
        for entry in entries
    ]
    return FileImport(displayable(filename), file_format.name, outcomes)


def refresh_publication(publication, client=None):
    """Fetch a publication again (Crossref by DOI, else PubMed) and fill in what has appeared since."""
    kind, identifier = (DOI, publication.doi) if publication.doi else (PMID, publication.pmid)
    outcome = save_record(fetch_record(kind, identifier, client), label=str(publication), into=publication)
    outcome.source = SOURCES[kind][0]
    return outcome


def save_record(record: Record, label="", into=None):
    """Create or merge one publication in its own transaction, so a failure leaves nothing half-saved.

    ``into`` merges into that publication instead of looking for one by DOI or PubMed ID.
    """
    label = label or record.title
    if problem := record_problem(record):
        return Outcome(SKIPPED, label, record.title, reason=problem)
    try:
        with transaction.atomic():
            publication = into or find_existing(record)
            if publication is None:
                return create_publication(record, label)
            return update_publication(publication, record, label)
    except ValidationError as error:
        return Outcome(SKIPPED, label, record.title, reason="; ".join(error.messages))
    except DatabaseError as error:
        return Outcome(SKIPPED, label, record.title, reason=f"could not be saved ({error})")


def record_problem(record):
    texts = [value for value in vars(record).values() if isinstance(value, str)]
    if any(UNDECODABLE.search(text) for text in texts + [author.name for author in record.authors]):
        return WRONG_ENCODING
    if not record.title:
        return "no title"
    for validate, value, name in ((validate_doi, record.doi, "DOI"), (validate_pmid, record.pmid, "PubMed ID")):
        try:
            if value:
                validate(value)
        except ValidationError as error:
            return f"invalid {name}: {error.messages[0]}"
    return ""


def find_existing(record):
    by_doi = Publication.objects.filter(doi=record.doi).first() if record.doi else None
    by_pmid = Publication.objects.filter(pmid=record.pmid).first() if record.pmid else None
    if by_doi and by_pmid and by_doi != by_pmid:
        raise ValidationError(
            f"its DOI is that of “{by_doi}” but its PubMed ID is that of “{by_pmid}”: "
            "merge those two publications by hand first"
        )
    return by_doi or by_pmid


def create_publication(record, label):
    publication = Publication(
        status=record.status or Publication.Status.PUBLISHED,
        kind=record.kind or Publication.Kind.ARTICLE,
        **record_values(record),
    )
    publication.full_clean()
    publication.save()
    changes = [field_label(name) for name in record_values(record)]
    if record.status:
        changes.append(f"status “{publication.get_status_display()}”")
    changes.append(replace_authors(publication, record.authors))
    return Outcome(CREATED, label, publication.title, publication, [change for change in changes if change])


def update_publication(publication, record, label):
    changes = [field_label(name) for name in fill_empty_fields(publication, record)]
    if moves_forward(publication.status, record.status):
        new_status = Publication.Status(record.status)
        changes.append(f"status {publication.get_status_display()} → {new_status.label}")
        publication.status = new_status
    if changes:
        publication.full_clean()
        publication.save()
    if record.authors and (authors := replace_authors(publication, record.authors)):
        changes.append(authors)
    if not changes:
        same = "DOI" if record.doi and record.doi == publication.doi else "PubMed ID"
        reason = f"already in the newsroom as “{publication}” (same {same}), with nothing new to add"
        return Outcome(SKIPPED, label, record.title, publication, reason=reason)
    return Outcome(UPDATED, label, publication.title, publication, changes)


def record_values(record):
    """The record's non-empty values for the publication's fields, cut to the length each field allows."""
    values = {name: getattr(record, name) for name in FILLABLE_FIELDS if getattr(record, name)}
    for name, value in values.items():
        max_length = Publication._meta.get_field(name).max_length
        if max_length and name not in ("doi", "pmid"):
            values[name] = value[:max_length]
    return values


def fill_empty_fields(publication, record):
    filled = []
    for name, value in record_values(record).items():
        if not getattr(publication, name):
            setattr(publication, name, value)
            filled.append(name)
    return filled


def moves_forward(current, new):
    return bool(new) and new in STATUS_ORDER and STATUS_ORDER.index(new) > STATUS_ORDER.index(current)


def field_label(name):
    return "date" if name == "published_on" else str(Publication._meta.get_field(name).verbose_name)


def replace_authors(publication, authors):
    """Write the author list in order; returns a description of the change, or "" for none.

    A list shorter than the one already there is ignored, so an export that stops at
    "Samain R, et al." never cuts a full list. An existing link to a Person is kept for the
    same author, found by name or, when a source spells the given name differently, by place.
    """
    authors = [author for author in authors if author.name]
    previous = list(publication.authors.all())
    if len(authors) < len(previous):
        return ""
    rows = [
        PublicationAuthor(
            publication=publication,
            name=author.name[:200],
            person_id=existing_link(previous, order, author) or (person.pk if person else None),
            order=order,
        )
        for order, (author, person) in enumerate(zip(authors, match_people(authors), strict=True))
    ]
    if [(row.name, row.person_id) for row in rows] == [(row.name, row.person_id) for row in previous]:
        return ""
    publication.authors.all().delete()
    PublicationAuthor.objects.bulk_create(rows)
    linked = sum(1 for row in rows if row.person_id)
    return count(len(rows), "author") + (f" ({linked} linked to people)" if linked else "")


def existing_link(previous, order, author):
    same_name = next((row.person_id for row in previous if row.name == author.name and row.person_id), None)
    same_place = previous[order] if order < len(previous) else None
    if same_name or not (same_place and author.family):
        return same_name
    return same_place.person_id if author.family.casefold() in same_place.name.casefold() else None


def count(number, noun):
    return f"{number} {noun}{'' if number == 1 else 's'}"


def match_people(authors):
    """The known Person for each author, or None; one query for the whole list."""
    orcids = {author.orcid for author in authors if author.orcid}
    families = {author.family.casefold() for author in authors if author.family}
    if not orcids and not families:
        return [None] * len(authors)
    query = Q(orcid__in=orcids)
    for family in families:
        query |= Q(family_name__iexact=family)
    candidates = list(Person.objects.filter(query))
    return [match_person(author, candidates) for author in authors]


def match_person(author, people):
    if author.orcid:
        by_orcid = next((person for person in people if person.orcid == author.orcid), None)
        if by_orcid:
            return by_orcid
    same_name = [
        person
        for person in people
        if person.family_name.casefold() == author.family.casefold()
        and same_given_name(person.given_name, author.given)
        and not (author.orcid and person.orcid)  # two different ORCID iDs are two different people
    ]
    return same_name[0] if len(same_name) == 1 else None


def same_given_name(first, second):
    """“Corinne” = “corinne”; “C” = “Corinne”; “M P”, “M.-P.” and “MP” = “Marie-Pierre”."""
    if not first or not second:
        return False
    if looks_like_initials(first) or looks_like_initials(second):
        return initials(first) == initials(second)
    return first.casefold() == second.casefold()


def name_parts(name):
    return [part for part in NAME_SEPARATORS.split(name) if part]


def looks_like_initials(name):
    parts = name_parts(name)
    compact = len(parts) == 1 and parts[0].isupper() and len(parts[0]) <= 3
    return compact or (bool(parts) and all(len(part) == 1 for part in parts))


def initials(name):
    parts = name_parts(name)
    if len(parts) == 1 and parts[0].isupper() and len(parts[0]) <= 3:
        return parts[0]
    return "".join(part[0] for part in parts).upper()


def displayable(text):
    """Text safe to show even when it holds bytes that were not UTF-8 (shown as �)."""
    return str(text or "").encode("utf-8", "surrogateescape").decode("utf-8", "replace")
