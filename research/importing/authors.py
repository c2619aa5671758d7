"""The author list of an imported publication, each author linked to a known Person when one fits."""

import re

from django.db.models import Q
from django.utils.translation import ngettext

from ..models import Person, PublicationAuthor

NAME_SEPARATORS = re.compile(r"[\s.\-‐]+")


def replace_authors(publication, authors, previous=None):
    """Write the author list in order; returns a description of the change, or "" for none.

    A list shorter than the one already there is ignored, so an export that stops at
    "Samain R, et al." never cuts a full list. An existing link to a Person is kept for the
    same author, found by name or, when a source spells the given name differently, by place.
    ``previous=[]`` says the publication has no authors yet, which saves asking.
    """
    authors = [author for author in authors if author.name]
    previous = list(publication.authors.all()) if previous is None else previous
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
    authors = ngettext("%d author", "%d authors", len(rows)) % len(rows)
    return authors + (ngettext(" (%d linked to people)", " (%d linked to people)", linked) % linked if linked else "")


def existing_link(previous, order, author):
    same_name = next((row.person_id for row in previous if row.name == author.name and row.person_id), None)
    same_place = previous[order] if order < len(previous) else None
    if same_name or not (same_place and author.family):
        return same_name
    return same_place.person_id if author.family.casefold() in same_place.name.casefold() else None


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
