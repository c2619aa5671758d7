"""What a reader typed, as words to look for, and the marks put around them in results."""

import re
import unicodedata

from django.db.models import Q
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from core.search_index import fold
from research.validators import DOI_PATTERN, is_pmid, normalize_doi

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
SNIPPET_LENGTH = 240
# Characters of websearch syntax and punctuation that are ignored around words.
TERM_EDGES = "\"'()[]{}!&|:*,;?<>«»“”„-+~^"
OPERATOR_WORDS = {"or"}
# Words this long or longer are matched by the fallback without their last two letters, a rough
# stemming that lets "метастазы" meet "метастазирования" and "metastasis" meet "metastases".
STEMMED_LENGTH = 7


def normalize_query(raw):
    """What a reader typed, made safe to search for: no control characters, single spaces, capped."""
    text = "".join(" " if unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"} else char for char in raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query):
    """The words of a query, without websearch operators and quotes."""
    terms = []
    for word in query.split():
        term = word.strip(TERM_EDGES)
        if term and term.lower() not in OPERATOR_WORDS and term.lower() not in (t.lower() for t in terms):
            terms.append(term)
    return terms[:MAX_TERMS]


def stems(terms):
    """The beginnings of words that count as a match: casefolded, without accents, roughly stemmed."""
    folded = (fold(term) for term in terms)
    return [term[:-2] if len(term) >= STEMMED_LENGTH else term for term in folded if term]


def identifier_lookup(query):
    """A DOI or PubMed ID as a publication lookup, or None when the query is neither."""
    doi = normalize_doi(query)
    if DOI_PATTERN.match(doi) and " " not in doi:
        return Q(doi=doi)
    if query.isascii() and is_pmid(query):
        return Q(pmid=query)
    return None


def folded_with_positions(text):
    """``text`` folded, and for each folded character the index of the character it came from."""
    if text.isascii():
        return text.lower(), range(len(text))
    folded, positions = [], []
    for index, char in enumerate(text):
        for piece in fold(char):
            folded.append(piece)
            positions.append(index)
    return "".join(folded), positions


def highlight(text, terms):
    """Escape ``text``, then mark every word that begins a matched stem, ignoring case and accents."""
    marks = stems(terms)
    if not marks or not text:
        return escape(text)
    folded, positions = folded_with_positions(text)
    alternatives = "|".join(re.escape(mark) for mark in sorted(marks, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})")
    pieces, last = [], 0
    for match in pattern.finditer(folded):
        start = positions[match.start()]
        if start < last:
            continue
        end = positions[match.end() - 1] + 1
        end += len(re.match(r"\w*", text[end:]).group())
        pieces += [escape(text[last:start]), f"<mark>{escape(text[start:end])}</mark>"]
        last = end
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))


def snippet(text, terms):
    """About SNIPPET_LENGTH characters of plain text around the first matched term, cut between words."""
    text = " ".join(strip_tags(text).split())
    folded, positions = folded_with_positions(text)
    found = [positions[folded.find(mark)] for mark in stems(terms) if mark in folded]
    start = max(min(found, default=0) - SNIPPET_LENGTH // 3, 0)
    if start:
        start = text.find(" ", start) + 1
    excerpt = text[start : start + SNIPPET_LENGTH]
    if start + SNIPPET_LENGTH < len(text):
        excerpt = excerpt.rsplit(" ", 1)[0] + " …"
    return highlight(("… " if start else "") + excerpt, terms)
