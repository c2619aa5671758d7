"""Publications from a pasted DOI or PubMed ID, looked up at Crossref or PubMed."""

import re
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..sources.crossref import fetch_doi
from ..sources.http import MalformedIdentifier
from ..sources.pubmed import fetch_pmid
from ..sources.records import clean_text
from ..validators import DOI_PATTERN, PMID_PATTERN, normalize_doi, validate_pmid
from .outcomes import record_history
from .saving import save_record

DOI, PMID = "doi", "pmid"
SOURCES = {DOI: ("Crossref", fetch_doi), PMID: ("PubMed", fetch_pmid)}
PUBMED_ID = re.compile(
    r"(?:pmid:?\s*|https?://(?:pubmed\.ncbi\.nlm\.nih\.gov|(?:www\.)?ncbi\.nlm\.nih\.gov/pubmed)/)?"
    rf"({PMID_PATTERN.pattern})/?(?:[?#].*)?",
    re.IGNORECASE,
)


def parse_identifier(text):
    """``("doi", "10.…")`` or ``("pmid", "…")`` from what an editor pasted: a DOI with or without
    its ``doi:`` or https://doi.org/ prefix, a PubMed ID, or a PubMed link."""
    text = clean_text(text)
    if match := PUBMED_ID.fullmatch(text):
        try:
            validate_pmid(match[1])
        except ValidationError as error:
            raise MalformedIdentifier(error.messages[0]) from error
        return PMID, match[1]
    doi = normalize_doi(unquote(text) if text.lower().startswith("http") else text)
    if DOI_PATTERN.match(doi):
        return DOI, doi
    raise MalformedIdentifier(
        _(
            "“%s” is neither a DOI nor a PubMed ID. Paste a DOI such as 10.1016/j.jcmgh.2021.01.008 "
            "(a https://doi.org/ link works too), a PubMed ID such as 33482394, or a PubMed link."
        )
        % text
    )


def fetch_record(kind, identifier, client=None):
    """The record Crossref (for a DOI) or PubMed (for a PubMed ID) holds; raises ``LookupFailed``."""
    record = SOURCES[kind][1](identifier, client)
    if kind == DOI:
        record.doi = record.doi or identifier
    else:
        record.pmid = record.pmid or identifier
    return record


def import_identifier(text, client=None, *, rights):
    """Look a pasted DOI or PubMed ID up and save it; raises ``LookupFailed`` when the look-up fails."""
    kind, identifier = parse_identifier(text)
    outcome = save_record(fetch_record(kind, identifier, client), label=identifier, rights=rights)
    outcome.source = SOURCES[kind][0]
    record_history([outcome], rights.user, f"from {outcome.source}")
    return outcome


def refresh_publication(publication, client=None, *, rights):
    """Fetch a publication again (Crossref by DOI, else PubMed) and fill in what has appeared since."""
    kind, identifier = (DOI, publication.doi) if publication.doi else (PMID, publication.pmid)
    record = fetch_record(kind, identifier, client)
    outcome = save_record(record, label=str(publication), into=publication, rights=rights)
    outcome.source = SOURCES[kind][0]
    return outcome
