"""Crossref's REST API: the metadata a publisher registered for a DOI."""

from urllib.parse import quote

from django.utils.translation import gettext as _

from ..models import Publication
from ..validators import normalize_doi
from .http import BadResponse, client_for, get
from .records import Author, Record, clean_pages, clean_text, clean_title, kind_from_type, make_date, strip_markup

WORKS_URL = "https://api.crossref.org/works/"


def fetch_doi(doi, client=None):
    """The ``Record`` Crossref holds for ``doi``; raises a ``LookupFailed`` when there is none."""
    with client_for(client) as http:
        response = get(http, WORKS_URL + quote(doi, safe="/:;()"), source="Crossref", what=_("the DOI %s") % doi)
    work = work_from(response, doi)
    try:
        return parse_work(work)
    except (AttributeError, IndexError, KeyError, TypeError, ValueError) as error:
        raise BadResponse(
            _("Crossref's record for %(doi)s could not be read (%(error)s).") % {"doi": doi, "error": error}
        ) from error


def work_from(response, doi):
    try:
        data = response.json()
    except ValueError as error:
        raise BadResponse(_("Crossref answered for %s with something that is not its usual JSON.") % doi) from error
    if not isinstance(data, dict) or data.get("message-type") != "work" or not isinstance(data.get("message"), dict):
        raise BadResponse(_("Crossref answered for %s, but not with a publication record.") % doi)
    return data["message"]


def parse_work(work):
    return Record(
        title=work_title(work),
        authors=[work_author(author) for author in work.get("author") or []],
        journal=first(work.get("container-title")),
        journal_abbreviation=first(work.get("short-container-title")),
        published_on=work_date(work),
        volume=clean_text(work.get("volume")),
        issue=clean_text(work.get("issue")),
        pages=clean_pages(work.get("page") or work.get("article-number")),
        doi=normalize_doi(work.get("DOI")),
        status=work_status(work),
        kind=kind_from_type(work.get("subtype"), work.get("type")),
        abstract=strip_markup(work.get("abstract")),
    )


def first(values):
    return clean_text(values[0]) if values else ""


def work_title(work):
    title, subtitle = clean_title(first(work.get("title"))), clean_title(first(work.get("subtitle")))
    return f"{title}: {subtitle}" if title and subtitle else title


def work_author(author):
    if "family" not in author and author.get("name"):
        return Author(name=clean_text(author["name"]), family=clean_text(author["name"]))
    return Author.from_parts(author.get("given"), author.get("family"), author.get("ORCID"))


def work_date(work):
    """Online publication first: it is the date the seed pages and PubMed show for a new paper."""
    for key in ("published-online", "published-print", "issued"):
        parts = (work.get(key) or {}).get("date-parts") or [[]]
        if parts[0] and parts[0][0]:
            return make_date(*parts[0][:3])
    return None


def work_status(work):
    """Crossref has no status field: a paper online but in no issue yet is ahead of print."""
    if work.get("type") == "posted-content":
        return Publication.Status.PREPRINT
    in_an_issue = work.get("volume") or work.get("issue") or work.get("published-print")
    if work.get("published-online") and not in_an_issue:
        return Publication.Status.AHEAD_OF_PRINT
    return Publication.Status.PUBLISHED
