"""Research identifiers mentioned in free text: DOIs, PubMed IDs, and award numbers next to a funder.

Pure text analysis: it knows identifiers and funders' names, nothing about news. It works on
plain text; ``text_of_html`` turns rich text into that, keeping link addresses (a DOI is often
only in a link).
"""

import html
import re
from dataclasses import dataclass

from django.utils.html import strip_tags

from .validators import PMID_PATTERN, normalize_doi

DOI, PMID, AWARD = "doi", "pmid", "award"

# A DOI ends at white space, a quote or a tag; trailing punctuation belongs to the sentence.
DOI_IN_TEXT = re.compile(r"\b10\.\d{4,9}/[^\s\"'<>]+")
TRAILING_PUNCTUATION = ".,;:!?)]}»”’"
PMID_IN_TEXT = re.compile(rf"\bPMID\s*:?\s*({PMID_PATTERN.pattern})\b", re.IGNORECASE)
HREF = re.compile(r"""href\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
# An award number has a digit and is not a bare year: "19-75-30016", "ANR-19-CE14-0001", "U54CA274370".
AWARD_NUMBER = re.compile(
    r"(?<![\w-])(?=[\w/.-]*\d)(?:[A-Z0-9]+(?:[-/.][A-Z0-9]+)+|[A-Z]*\d{5,}[A-Z0-9]*)(?![\w-])", re.IGNORECASE
)
# How far after a funder's name its award numbers may be: the bracket that follows it, or else
# the rest of the sentence.
AFTER_FUNDER = re.compile(r"\s*(\([^()]*\)|(?:\bNos?\.|[^.;()]|\.(?=\S))*)", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    kind: str
    value: str
    funder: object = None  # the funder an award number was found next to


def text_of_html(rich_text):
    """The words of rich text, with link addresses kept after their links."""
    addresses = " ".join(HREF.findall(rich_text or ""))
    return html.unescape(f"{strip_tags(rich_text or '')} {addresses}")


def find_dois(text):
    found = (normalize_doi(match.rstrip(TRAILING_PUNCTUATION)) for match in DOI_IN_TEXT.findall(text))
    return unique(Mention(DOI, doi) for doi in found)


def find_pmids(text):
    return unique(Mention(PMID, pmid) for pmid in PMID_IN_TEXT.findall(text))


def funder_pattern(funder):
    """Any of the funder's names (``funder.names``: name, short name, abbreviations, translations)."""
    names = sorted(set(funder.names), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name) for name in names) + r")(?!\w)", re.IGNORECASE)


def award_pattern(funder):
    """The funder's own award-number pattern as a whole word of the text, or ``None`` when it has none."""
    pattern = (funder.award_number_pattern or "").removeprefix("^").removesuffix("$")
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])") if pattern else None


def find_awards(text, funders):
    """Award numbers of the funders the text names.

    A funder with an award-number pattern (FWO's G0C5323N) has the numbers that match it anywhere
    in the text; any other has the numbers that follow one of its names, e.g. "RSF (No. 19-75-30016,
    No. 14-15-00318)" or "РНФ № 19-75-30016 и № 14-15-00318".
    """
    mentions = []
    for funder in funders:
        named = list(funder_pattern(funder).finditer(text))
        if named and (pattern := award_pattern(funder)):
            mentions += [Mention(AWARD, number.group(0), funder) for number in pattern.finditer(text)]
            continue
        for name in named:
            following = AFTER_FUNDER.match(text, name.end()).group(1)
            mentions += [Mention(AWARD, number, funder) for number in AWARD_NUMBER.findall(following)]
    return unique(mentions)


def find_mentions(text, funders=()):
    """Every DOI, PubMed ID and award number next to one of ``funders`` in ``text``, in that order."""
    return find_dois(text) + find_pmids(text) + find_awards(text, funders)


def unique(mentions):
    return list(dict.fromkeys(mentions))
