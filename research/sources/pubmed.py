"""PubMed through NCBI's E-utilities: the MEDLINE citation for a PubMed ID."""

from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

from ..models import Publication
from ..validators import normalize_doi
from .http import BadResponse, NotFound, client_for, contact_email, get
from .records import Author, Record, clean_pages, clean_text, clean_title, kind_from_type, make_date, parse_date

EFETCH_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi"
STATUSES = {
    "aheadofprint": Publication.Status.AHEAD_OF_PRINT,
    "ppublish": Publication.Status.PUBLISHED,
    "epublish": Publication.Status.PUBLISHED,
    "ecollection": Publication.Status.PUBLISHED,
}
# A paper is tagged both "Journal Article" and "Review": the more specific type wins.
KIND_PRIORITY = ("Preprint", "Review", "Systematic Review")


def fetch_pmid(pmid, client=None):
    """The ``Record`` PubMed holds for ``pmid``; raises a ``LookupFailed`` when there is none."""
    params = {"db": "pubmed", "id": pmid, "retmode": "xml", "tool": "newsroom", "email": contact_email()}
    with client_for(client) as http:
        response = get(http, EFETCH_URL, params=params, source="PubMed", what=_("the PubMed ID %s") % pmid)
    article = article_from(response.content, pmid)
    try:
        return parse_article(article)
    except (AttributeError, TypeError, ValueError) as error:
        raise BadResponse(
            _("PubMed's record for %(pmid)s could not be read (%(error)s).") % {"pmid": pmid, "error": error}
        ) from error


def article_from(content, pmid):
    try:
        root = fromstring(content)
    except (ParseError, DefusedXmlException) as error:
        raise BadResponse(_("PubMed answered for %s with something that is not its usual XML.") % pmid) from error
    article = root.find("PubmedArticle") if root.tag == "PubmedArticleSet" else None
    if article is None and root.tag in ("PubmedArticleSet", "eFetchResult"):
        raise NotFound(_("PubMed does not know the PubMed ID %s. Check the number for typing mistakes.") % pmid)
    if article is None:
        raise BadResponse(_("PubMed answered for %s, but not with a PubMed article.") % pmid)
    return article


def parse_article(element):
    article = element.find("MedlineCitation/Article")
    ids = {item.get("IdType"): text(item) for item in element.iterfind("PubmedData/ArticleIdList/ArticleId")}
    locations = {item.get("EIdType"): text(item) for item in article.iterfind("ELocationID")}
    types = [text(item) for item in article.iterfind("PublicationTypeList/PublicationType")]
    issue = article.find("Journal/JournalIssue")
    return Record(
        title=clean_title(text(article.find("ArticleTitle"))),
        authors=[author for item in article.iterfind("AuthorList/Author") if (author := article_author(item))],
        journal=text(article.find("Journal/Title")),
        journal_abbreviation=text(article.find("Journal/ISOAbbreviation"))
        or text(element.find("MedlineCitation/MedlineJournalInfo/MedlineTA")),
        published_on=article_date(article),
        volume=text(issue.find("Volume")) if issue is not None else "",
        issue=text(issue.find("Issue")) if issue is not None else "",
        pages=real_pages(text(article.find("Pagination/MedlinePgn")), {locations.get("pii"), ids.get("pii")}),
        doi=normalize_doi(locations.get("doi") or ids.get("doi")),
        pmid=text(element.find("MedlineCitation/PMID")),
        status=publication_status(text(element.find("PubmedData/PublicationStatus")), types),
        kind=publication_kind(types),
        abstract=abstract(article),
    )


def text(element):
    """All the text of an element, inline markup (<i>, <sup>) included; empty for a missing element."""
    return clean_text("".join(element.itertext())) if element is not None else ""


def article_author(element):
    if element.get("ValidYN") == "N":
        return None
    if collective := text(element.find("CollectiveName")):
        return Author(name=collective, family=collective)
    orcid = next((text(item) for item in element.iterfind("Identifier") if item.get("Source") == "ORCID"), "")
    given = text(element.find("ForeName")) or text(element.find("Initials"))
    return Author.from_parts(given, text(element.find("LastName")), orcid)


def article_date(article):
    """The electronic publication date when there is one, as PubMed shows it first."""
    electronic = article.find("ArticleDate")
    if electronic is not None:
        return make_date(text(electronic.find("Year")), text(electronic.find("Month")), text(electronic.find("Day")))
    published = article.find("Journal/JournalIssue/PubDate")
    if published is None:
        return None
    if published.find("Year") is None:
        return parse_date(text(published.find("MedlineDate")))
    return make_date(text(published.find("Year")), text(published.find("Month")), text(published.find("Day")))


def real_pages(pages, publisher_ids):
    # Before a paper is in an issue PubMed puts the publisher's item id (PII) where the pages go.
    return "" if pages in publisher_ids else clean_pages(pages)


def abstract(article):
    parts = []
    for item in article.iterfind("Abstract/AbstractText"):
        label = item.get("Label")
        parts.append(f"{label}: {text(item)}" if label else text(item))
    return "\n\n".join(part for part in parts if part)


def publication_status(code, types=()):
    if "Preprint" in types:
        return Publication.Status.PREPRINT
    return STATUSES.get(clean_text(code).lower(), "")


def publication_kind(types):
    return kind_from_type(*[name for name in KIND_PRIORITY if name in types], *types)
