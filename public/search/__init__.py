"""Site search over live news, teams, people and publications.

Every searchable row stores its search document (core/search_index.py). The backend that
matches and highlights is chosen once, by database: PostgreSQL's full-text search (postgres.py)
or the fallback of other databases (fallback.py). Either way a DOI or PubMed ID finds the
publication and the news that cite it, and a query that finds nothing gets a "did you mean".
"""

import difflib
import re

from django.db import connection

from core.search_index import fold, planned

from . import fallback, postgres
from .kinds import KINDS, KINDS_BY_KEY, Hit, Kind
from .text import identifier_lookup, normalize_query, query_terms

__all__ = [
    "KINDS",
    "KINDS_BY_KEY",
    "Hit",
    "Kind",
    "counted",
    "did_you_mean",
    "hits",
    "normalize_query",
    "planned",
    "query_terms",
    "search",
]

backend = postgres if connection.vendor == "postgresql" else fallback
WORDS = re.compile(r"\w[\w'-]*")
SUGGESTED_TERMS = 5


def search(query, *, team=None, keyword=None, year=None, language=None, kinds=KINDS):
    """{kind key: ranked queryset} for each kind the filters apply to; empty for an empty query."""
    query = normalize_query(query)
    if not query:
        return {}
    terms = query_terms(query)
    identifier = identifier_lookup(query)
    prepared = backend.parsed(query)
    found = {}
    for kind in kinds:
        queryset = kind.filtered(team=team, keyword=keyword, year=year, language=language)
        if queryset is not None:
            found[kind.key] = backend.match(kind, queryset, prepared, terms, identifier)
    return found


def counted(total):
    """(total shown, whether there are more than that): a PostgreSQL search ranks and counts a bounded number."""
    cap = backend.RANKED
    return (cap, True) if cap is not None and total > cap else (total, False)


def hits(kind, objects, query):
    """The results shown, highlighted."""
    query = normalize_query(query)
    return backend.hits(kind, list(objects), query, query_terms(query))


def did_you_mean(query):
    """The query with its misspelt words replaced by the nearest word of a title, keyword or name;
    None when there is nothing better to offer."""
    terms = [term for term in query_terms(normalize_query(query)) if len(term) > 2][:SUGGESTED_TERMS]
    if not terms:
        return None
    words = {}
    for text in backend.suggestion_texts(terms):
        for word in WORDS.findall(text):
            words.setdefault(fold(word), word.lower())
    suggestion = query
    for term in terms:
        if fold(term) in words:
            continue
        close = difflib.get_close_matches(fold(term), words, n=1, cutoff=0.75)
        if close:
            suggestion = suggestion.replace(term, words[close[0]])
    return suggestion if suggestion != query else None
