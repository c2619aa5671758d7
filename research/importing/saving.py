"""Saving one ``Record`` as a ``Publication``: the one place an import writes.

It merges with a publication already known by DOI, then by PubMed ID, and fills only the
fields that are empty, so what an editor typed is never blanked or overwritten. The status
only moves forward (ahead of print → published, never back), and the author list is replaced
only when the record has one. A publication the importing user may not edit is left untouched.
"""

import re

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext, gettext_lazy

from ..models import Publication
from ..sources.records import Record
from ..validators import validate_doi, validate_pmid
from .authors import replace_authors
from .outcomes import CREATED, SKIPPED, UPDATED, Outcome

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
UNDECODABLE = re.compile("[\udc80-\udcff]")
WRONG_ENCODING = gettext_lazy(
    "wrong encoding: this entry has characters that are not UTF-8. "
    "Save the file as UTF-8 (Unicode) in the reference manager and import it again"
)


def save_record(record: Record, label="", *, rights, into=None):
    """Create or merge one publication in its own transaction, so a failure leaves nothing half-saved.

    ``rights`` (an ``ImportRights``) says what the user may create and change, and the teams the
    publication joins. ``into`` merges into that publication instead of looking for one by DOI
    or PubMed ID.
    """
    label = label or record.title
    if problem := record_problem(record):
        return Outcome(SKIPPED, label, record.title, reason=problem)
    try:
        with transaction.atomic():
            publication = into or find_existing(record)
            if publication is None:
                if not rights.may_add:
                    return Outcome(SKIPPED, label, record.title, reason=gettext("you may not add publications"))
                outcome = create_publication(record, label)
            elif not rights.may_change(publication):
                return Outcome(SKIPPED, label, record.title, reason=rights.refusal(publication))
            else:
                outcome = update_publication(publication, record, label)
            outcome.publication.teams.add(*rights.teams)
            return outcome
    except ValidationError as error:
        return Outcome(SKIPPED, label, record.title, reason="; ".join(error.messages))
    except DatabaseError as error:
        return Outcome(SKIPPED, label, record.title, reason=gettext("could not be saved (%s)") % error)


def record_problem(record):
    texts = [value for value in vars(record).values() if isinstance(value, str)]
    if any(UNDECODABLE.search(text) for text in texts + [author.name for author in record.authors]):
        return str(WRONG_ENCODING)
    if not record.title:
        return gettext("no title")
    for validate, value, name in (
        (validate_doi, record.doi, "DOI"),
        (validate_pmid, record.pmid, gettext("PubMed ID")),
    ):
        try:
            if value:
                validate(value)
        except ValidationError as error:
            return gettext("invalid %(name)s: %(error)s") % {"name": name, "error": error.messages[0]}
    return ""


def find_existing(record):
    by_doi = Publication.objects.filter(doi=record.doi).first() if record.doi else None
    by_pmid = Publication.objects.filter(pmid=record.pmid).first() if record.pmid else None
    if by_doi and by_pmid and by_doi != by_pmid:
        raise ValidationError(
            gettext(
                "its DOI is that of “%(doi)s” but its PubMed ID is that of “%(pmid)s”: "
                "merge those two publications by hand first"
            )
            % {"doi": by_doi, "pmid": by_pmid}
        )
    return by_doi or by_pmid


def create_publication(record, label):
    publication = Publication(
        status=record.status or Publication.Status.PUBLISHED,
        kind=record.kind or Publication.Kind.ARTICLE,
        **record_values(record),
    )
    # Its DOI and PubMed ID were just looked for (find_existing); the unique indexes still guard a race.
    publication.full_clean(validate_unique=False)
    publication.save()
    changes = [field_label(name) for name in record_values(record)]
    if record.status:
        changes.append(gettext("status “%s”") % publication.get_status_display())
    changes.append(replace_authors(publication, record.authors, previous=[]))
    return Outcome(CREATED, label, publication.title, publication, [change for change in changes if change])


def update_publication(publication, record, label):
    changes = [field_label(name) for name in fill_empty_fields(publication, record)]
    if moves_forward(publication.status, record.status):
        new_status = Publication.Status(record.status)
        changes.append(
            gettext("status %(old)s → %(new)s") % {"old": publication.get_status_display(), "new": new_status.label}
        )
        publication.status = new_status
    if changes:
        publication.full_clean()
        publication.save()
    if record.authors and (authors := replace_authors(publication, record.authors)):
        changes.append(authors)
    if not changes:
        same = "DOI" if record.doi and record.doi == publication.doi else gettext("PubMed ID")
        reason = gettext("already in the newsroom as “%(item)s” (same %(same)s), with nothing new to add") % {
            "item": publication,
            "same": same,
        }
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
    return gettext("date") if name == "published_on" else str(Publication._meta.get_field(name).verbose_name)
