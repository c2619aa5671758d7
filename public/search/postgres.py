"""Search on PostgreSQL: the stored, weighted vectors, ranked; headlines made by the database.

The query is read as websearch syntax (quoted phrases, ``-word``, ``or``) and every other word
matches as a prefix ("метастаз" finds "метастазирования"). It is parsed in each language's
configuration and the results OR-ed, so the query is one constant tsquery and the GIN index on
the vectors serves it, whatever the language of each row.
"""

import json
import re
from typing import NamedTuple

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import Case, F, FloatField, Func, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe
from taggit.models import Tag

from core.page_cache import remembered
from core.search_index import Addressed, Matching, language_search_config, one_query
from newsroom.models import Article
from research.models import Person, Team

from .text import MAX_TERMS, TERM_EDGES

# Unlikely characters that ts_headline puts around matches; the text is escaped in Python and
# only then are they turned into <mark>, so no HTML from the database reaches the page unescaped.
START_MARK, STOP_MARK = "\x02", "\x03"
TOKENS = re.compile(r'"([^"]*)"?|(\S+)')
# A word of letters joined by hyphens ("single-cell", "научно-исследовательский") asks for each of its
# parts, so that it finds "single cell" too; as a phrase, every candidate row's whole document would
# be read to check the parts' positions (a common one took 50 ms at 100,000 articles, its
# highlights 80 ms more). The parts are whole words, matched whole as in a quoted phrase: as
# prefixes, "cell" of "single-cell" would be every word beginning so, in nearly every article (the
# index's look-up took 12 ms rather than 5 at 100,000 articles).
HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
SUGGESTION_ROWS = 20
# A query that matches more rows of a kind ranks the first RANKED in the kind's order (the newest news)
# and says "more than": ranking reads each match's whole search document, so the work stays bounded
# however large the archive; the newest thousand are also what a reader pages through.
RANKED = 1000
# A kind ordered newest first (``Kind.recent``) is searched in its latest RECENT rows first, when the
# planner's statistics promise LATEST_MARGIN times RANKED matches there (its estimates are a fair way
# off). When they hold more than RANKED, those are the newest matches of all, whatever the rest
# holds, and the older rows are never read: for a common word, a sixth of 100,000 articles would be.
# When they hold fewer, the older rows are searched next, a second look-up in the index.
RECENT = 20 * RANKED
LATEST_MARGIN = 1.5


def lexeme(word):
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery_text(query):
    """``to_tsquery`` text for a websearch-style query, or "" when it asks for no word."""
    operands, joiner, positive = [], " & ", False
    for phrase, token in TOKENS.findall(query):
        if token.lower() == "or":
            joiner = " | " if operands else joiner
            continue
        if phrase:
            words = [word for word in (w.strip(TERM_EDGES) for w in phrase.split()) if word]
            operand = "(" + " <-> ".join(map(lexeme, words)) + ")" if words else ""
        else:
            negated = token.startswith("-") and len(token) > 1
            word = token.strip(TERM_EDGES)
            if not word:
                operand = ""
            elif negated:
                operand = "!" + lexeme(word)
            elif HYPHENATED.fullmatch(word):
                operand = "(" + " & ".join(map(lexeme, word.split("-"))) + ")"
            else:
                operand = lexeme(word) + ":*"
        if not operand or len(operands) >= MAX_TERMS * 2:
            continue
        positive = positive or not operand.startswith("!")
        operands += [joiner, operand] if operands else [operand]
        joiner = " & "
    return "".join(operands) if positive else ""


class Parsed(NamedTuple):
    search: object  # the tsquery every kind's matches are found with, None when it asks for no word
    headline: object  # the query as ts_headline reads a row's text (headline_query)


def parsed(query):
    """The query as the matches of every kind read it, and as the headlines of the news read it."""
    text = tsquery_text(query)
    return Parsed(one_query(text), headline_query(text)) if text else Parsed(None, None)


def match(kind, queryset, prepared, terms, identifier):
    results = matched(kind, queryset, prepared.search, identifier)
    return with_headlines(results, prepared.headline) if kind.key == "news" else results


def matched(kind, queryset, search, identifier):
    exact = kind.identifier_match(identifier) if identifier and kind.identifier_match else None
    if search is None and exact is None:
        return queryset.none()
    rank = SearchRank(F("search_vector"), search) if search is not None else Value(0.0)
    if exact is not None:
        rank = rank + Case(When(exact, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
    in_order = queryset.order_by(*kind.order, "-pk").values_list("pk", flat=True)
    if search is None:
        return ranked(queryset, in_order.filter(exact), rank, kind)
    since = recent_start(kind) if kind.recent else None
    matching = in_order.filter(Matching(queryset.model, search, also=exact))
    if since is None:
        return ranked(queryset, matching, rank, kind)

    def dated(lookup):
        within = Q(**{f"{kind.recent}__{lookup}": since}, **kind.recent_index_filters)
        return Matching(queryset.model, search, also=exact, within=within)

    latest = dated("gte")
    if expected_rows(latest.rows()) < LATEST_MARGIN * RANKED:
        # Too few among the latest, by the planner's statistics: the whole archive, read once.
        return ranked(queryset, matching, rank, kind)
    newest = list(in_order.filter(latest)[: RANKED + 1])
    if len(newest) <= RANKED:
        # All the latest matches, then the newest of the older ones.
        newest += in_order.filter(dated("lt"))[: RANKED + 1 - len(newest)]
    return ranked(queryset, newest, rank, kind)


def expected_rows(queryset):
    """How many rows the planner expects ``queryset`` to give, from its statistics (EXPLAIN: not run)."""
    return json.loads(queryset.explain(format="json"))[0]["Plan"]["Plan Rows"]


def ranked(queryset, newest, rank, kind):
    """The rows ``newest`` names (at most RANKED + 1 of them, newest first: a queryset of their keys,
    or a list of keys already read), best first."""
    newest = newest[: RANKED + 1]
    named = Q(pk__in=newest) if isinstance(newest, list) else Addressed(newest)
    return queryset.filter(named).annotate(rank=rank).order_by("-rank", *kind.order)


def recent_start(kind):
    """The date of the RECENT-th latest row of the kind, None when it has fewer; kept like the menus
    (core.page_cache.remembered). Any date would give the same results: it only decides how much is read."""
    latest = kind.queryset().order_by(f"-{kind.recent}").values_list(kind.recent, flat=True)
    return remembered(f"search-recent-start:{kind.key}:{RECENT}", lambda: latest[RECENT - 1 : RECENT].first())


def strip_html(expression):
    return Func(
        expression, Value("<[^>]*>"), Value(" "), Value("g"), function="regexp_replace", output_field=TextField()
    )


def headline_html(headline):
    """Turn a ts_headline result made with START_MARK/STOP_MARK into escaped HTML with <mark>."""
    # The parts of a hyphenated word ("CSF-1" is "CSF" and "-1"; "single-cell" is "single", "-" and
    # "cell") come marked one by one: one mark.
    text = " ".join((headline or "").split())
    text = text.replace(STOP_MARK + START_MARK, "").replace(f"{STOP_MARK}-{START_MARK}", "-")
    escaped = escape(text)
    marked = re.sub(f"{START_MARK}(.*?){STOP_MARK}", r"<mark>\1</mark>", escaped, flags=re.DOTALL)
    return mark_safe(marked.replace(START_MARK, "").replace(STOP_MARK, ""))


def headline_query(text):
    """The query's ``tsquery_text`` parsed in each row's own language, the configuration ts_headline
    reads its text with.

    Not the query of every configuration that finds the rows: the text's words are the row
    language's lexemes, which no other parse of the query adds to, and ts_headline tries each
    alternative at every position of the text (four of them made a hyphenated word take seconds).
    """
    return SearchQuery(text, search_type="raw", config=language_search_config())


def with_headlines(articles, search):
    """The articles with their title and text highlighted by the database. In the final projection,
    after the order and the limit: only the rows shown are highlighted, in the query that reads them."""
    if search is None:
        return articles
    marks = {"start_sel": START_MARK, "stop_sel": STOP_MARK, "config": language_search_config()}
    text = Concat("standfirst", Value(" "), strip_html(F("body")), output_field=TextField())
    return articles.annotate(
        title_headline=SearchHeadline("title", search, highlight_all=True, **marks),
        text_headline=SearchHeadline(
            text, search, max_fragments=2, max_words=30, min_words=12, fragment_delimiter=" … ", **marks
        ),
    )


def hits(kind, objects, query, terms):
    return [kind.hit(item, terms, headlines(item)) for item in objects]


def headlines(item):
    title = getattr(item, "title_headline", None)
    return None if title is None else (headline_html(title), headline_html(item.text_headline))


def suggestion_texts(terms):
    """Titles, keywords and names that hold a word like one of the terms (pg_trgm, indexed): one query."""

    def near(queryset, field):
        condition = Q.create([(f"{field}__trigram_word_similar", term) for term in terms], connector=Q.OR)
        return queryset.filter(condition).order_by().values_list(field, flat=True)[:SUGGESTION_ROWS]

    sources = [
        near(Tag.objects.all(), "name"),
        near(Article.objects.live(), "title"),
        near(Team.objects.filter(is_active=True), "acronym"),
        near(Team.objects.filter(is_active=True), "name"),
        near(Person.objects.all(), "family_name"),
    ]
    return list(sources[0].union(*sources[1:], all=True))
