"""Site search over live news, teams, people and publications.

On PostgreSQL, articles are matched against their stored, weighted search vector in their own
language (see search_index.py), ranked with ``ts_rank`` and highlighted with ``ts_headline``;
teams, people and publications are few, so their vectors are computed at query time. Elsewhere
(SQLite in development) every word must occur somewhere in the item's text, and items whose
title holds the words come first. Either way, a DOI or PubMed ID finds the publication and the
news that cite it.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    StringAgg,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.search_index import language_search_config, uses_postgres_search
from newsroom.models import Article
from research.models import Membership, Person, Publication, PublicationAuthor, Team
from research.validators import DOI_PATTERN, normalize_doi

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
SNIPPET_LENGTH = 240
# Unlikely characters that ts_headline puts around matches; the text is escaped in Python and
# only then are they turned into <mark>, so no HTML from the database reaches the page unescaped.
START_MARK, STOP_MARK = "\x02", "\x03"
# Characters of websearch syntax and punctuation that the fallback ignores around words.
TERM_EDGES = "\"'()[]{}!&|:*,;?<>«»“”„-+~^"
OPERATOR_WORDS = {"or"}


def normalize_query(raw):
    """What a reader typed, made safe to search for: no control characters, single spaces, capped."""
    text = "".join(" " if unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"} else char for char in raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query):
    """The words of a query, without websearch operators and quotes: for the fallback and highlighting."""
    terms = []
    for word in query.split():
        term = word.strip(TERM_EDGES)
        if term and term.lower() not in OPERATOR_WORDS and term.lower() not in (t.lower() for t in terms):
            terms.append(term)
    return terms[:MAX_TERMS]


def identifier_lookup(query):
    """A DOI or PubMed ID as a publication lookup, or None when the query is neither."""
    doi = normalize_doi(query)
    if DOI_PATTERN.match(doi) and " " not in doi:
        return Q(doi=doi)
    if query.isascii() and query.isdigit() and len(query) <= 12:
        return Q(pmid=query)
    return None


# Highlighting --------------------------------------------------------------------------------


def highlight(text, terms):
    """Escape ``text``, then wrap each occurrence of a term in <mark> (case-insensitive)."""
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))


def headline_html(headline):
    """Turn a ts_headline result made with START_MARK/STOP_MARK into escaped HTML with <mark>."""
    escaped = escape(" ".join((headline or "").split()))
    marked = re.sub(f"{START_MARK}(.*?){STOP_MARK}", r"<mark>\1</mark>", escaped, flags=re.DOTALL)
    return mark_safe(marked.replace(START_MARK, "").replace(STOP_MARK, ""))


def snippet(text, terms):
    """About SNIPPET_LENGTH characters of plain text around the first matched term, cut between words."""
    text = " ".join(strip_tags(text).split())
    lowered = text.lower()
    found = [lowered.find(term.lower()) for term in terms if term.lower() in lowered]
    start = max(min(found, default=0) - SNIPPET_LENGTH // 3, 0)
    if start:
        start = text.find(" ", start) + 1
    excerpt = text[start : start + SNIPPET_LENGTH]
    if start + SNIPPET_LENGTH < len(text):
        excerpt = excerpt.rsplit(" ", 1)[0] + " …"
    return highlight(("… " if start else "") + excerpt, terms)


# Results -------------------------------------------------------------------------------------


@dataclass
class Hit:
    kind: str
    object: object
    url: str
    title: str
    snippet: str
    meta: str = ""


def article_hit(article, terms):
    if hasattr(article, "title_headline"):
        title, text = headline_html(article.title_headline), headline_html(article.text_headline)
    else:
        title, text = highlight(article.title, terms), snippet(f"{article.standfirst} {article.body}", terms)
    date = article.publish_at.date() if article.publish_at else None
    return Hit("news", article, article.get_absolute_url(), title, text, meta=date)


def team_hit(team, terms):
    return Hit(
        "teams", team, team.get_absolute_url(), highlight(team.display_name, terms), snippet(team.summary, terms)
    )


def person_hit(person, terms):
    about = ", ".join(filter(None, [person.position, person.affiliation.name if person.affiliation else ""]))
    return Hit(
        "people",
        person,
        person.get_absolute_url(),
        highlight(person.name_with_honorific, terms),
        highlight(about, terms),
    )


def publication_hit(publication, terms):
    source = " ".join(filter(None, [publication.journal_abbreviation or publication.journal, publication.doi or ""]))
    return Hit(
        "publications",
        publication,
        publication.get_absolute_url(),
        highlight(publication.title, terms),
        highlight(source, terms),
        meta=publication.year,
    )


# Matching, per kind of result ----------------------------------------------------------------


def every_term_in(fields, terms):
    """Fallback match: each term occurs in at least one of the fields."""
    condition = Q()
    for term in terms:
        condition &= Q.create([(f"{field}__icontains", term) for field in fields], connector=Q.OR)
    return condition


def title_first(fields, terms):
    """Fallback rank: 1 when the title fields hold every term, else 0."""
    if not terms:
        # A query of punctuation only has no words to look for; When() refuses an empty condition.
        return Value(0, output_field=IntegerField())
    return Case(When(every_term_in(fields, terms), then=Value(1)), default=Value(0), output_field=IntegerField())


def websearch(query, config):
    return SearchQuery(query, search_type="websearch", config=config)


def names_and_words(query):
    """Names and identifiers are matched as written (simple), other words stemmed as English."""
    return websearch(query, "english") | websearch(query, "simple")


def strip_html(expression):
    return Func(
        expression, Value("<[^>]*>"), Value(" "), Value("g"), function="regexp_replace", output_field=TextField()
    )


def cites_identifier(lookup):
    publications = Publication.objects.filter(lookup).values("pk")
    return Exists(Article.publications.through.objects.filter(article=OuterRef("pk"), publication__in=publications))


def match_articles(queryset, query, terms):
    identifier = identifier_lookup(query)
    cited = cites_identifier(identifier) if identifier else Value(False)
    if uses_postgres_search():
        config = language_search_config()
        search = websearch(query, config)
        marks = {"start_sel": START_MARK, "stop_sel": STOP_MARK, "config": config}
        return (
            queryset.annotate(
                cited=cited,
                rank=SearchRank(F("search_vector"), search) + Case(When(cited=True, then=Value(1.0)), default=0.0),
                title_headline=SearchHeadline("title", search, highlight_all=True, **marks),
                text_headline=SearchHeadline(
                    Concat("standfirst", Value(" "), strip_html(F("body")), output_field=TextField()),
                    search,
                    max_fragments=2,
                    max_words=30,
                    min_words=12,
                    fragment_delimiter=" … ",
                    **marks,
                ),
            )
            .filter(Q(search_vector=search) | Q(cited=True))
            .order_by("-rank", "-publish_at")
        )
    if not terms and not identifier:
        return queryset.none()
    match = every_term_in(("title", "standfirst", "body"), terms) if terms else Q(pk__in=[])
    return (
        queryset.annotate(cited=cited, title_match=title_first(("title",), terms))
        .filter(match | Q(cited=True))
        .order_by("-cited", "-title_match", "-publish_at")
    )


def match_teams(queryset, query, terms):
    if uses_postgres_search():
        vector = (
            SearchVector("acronym", weight="A", config="simple")
            + SearchVector("name", weight="A", config="english")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector("description", weight="C", config="english")
        )
        return ranked(queryset, vector, names_and_words(query), "acronym")
    fields = ("acronym", "name", "summary", "description")
    return fallback(queryset, fields, terms, ("acronym", "name"), "acronym")


def match_people(queryset, query, terms):
    if uses_postgres_search():
        vector = (
            SearchVector("given_name", "family_name", "orcid", weight="A", config="simple")
            + SearchVector("position", weight="B", config="english")
            + SearchVector("distinctions", "bio", weight="C", config="english")
        )
        return ranked(queryset, vector, names_and_words(query), "family_name")
    fields = ("given_name", "family_name", "orcid", "position", "distinctions", "bio")
    return fallback(queryset, fields, terms, ("given_name", "family_name"), "family_name")


def match_publications(queryset, query, terms):
    identifier = identifier_lookup(query)
    exact = Q(identifier) if identifier else Q(pk__in=[])
    if uses_postgres_search():
        authors = (
            PublicationAuthor.objects.filter(publication=OuterRef("pk"))
            .values("publication")
            .annotate(names=StringAgg("name", delimiter=Value(" ")))
            .values("names")
        )
        vector = (
            SearchVector("title", weight="A", config="english")
            + SearchVector("doi", "pmid", weight="A", config="simple")
            + SearchVector(Subquery(authors), "journal", "journal_abbreviation", weight="B", config="simple")
            + SearchVector("abstract", weight="C", config="english")
        )
        return ranked(queryset, vector, names_and_words(query), "-published_on", exact)
    fields = ("title", "doi", "pmid", "journal", "journal_abbreviation", "abstract", "authors__name")
    # Author names join one row per author; matching through a subquery keeps one row per publication.
    matching = Publication.objects.filter(every_term_in(fields, terms)).values("pk") if terms else []
    return (
        queryset.annotate(exact=Case(When(exact, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .annotate(title_match=title_first(("title",), terms))
        .filter(Q(pk__in=matching) | exact)
        .order_by("-exact", "-title_match", F("published_on").desc(nulls_last=True))
    )


def ranked(queryset, vector, search, then_by, exact=None):
    exact = exact or Q(pk__in=[])
    bonus = Case(When(exact, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
    return (
        queryset.annotate(search_vector=vector)
        .annotate(rank=SearchRank(F("search_vector"), search) + bonus)
        .filter(Q(search_vector=search) | exact)
        .order_by("-rank", then_by)
    )


def fallback(queryset, fields, terms, title_fields, then_by):
    if not terms:
        return queryset.none()
    return (
        queryset.filter(every_term_in(fields, terms))
        .annotate(title_match=title_first(title_fields, terms))
        .order_by("-title_match", then_by)
    )


# The kinds of result, their base querysets and filters ----------------------------------------


@dataclass
class Kind:
    key: str
    label: str
    queryset: object
    match: object
    hit: object
    team_lookup: str | None = None
    keyword_lookup: str | None = None
    year_lookup: str | None = None

    def results(self, query, terms, team=None, keyword=None, year=None):
        """Ranked matches, or None when a filter does not apply to this kind (people have no year)."""
        filters = [(self.team_lookup, team), (self.keyword_lookup, keyword), (self.year_lookup, year)]
        if any(value and not lookup for lookup, value in filters):
            return None
        queryset = self.queryset().filter(**{lookup: value for lookup, value in filters if value})
        return self.match(queryset, query, terms)


def live_articles():
    return Article.objects.live().select_related("lead_image")


def public_people():
    return Person.objects.select_related("affiliation")


KINDS = [
    Kind("news", _("News"), live_articles, match_articles, article_hit, "teams", "keywords__slug", "publish_at__year"),
    Kind(
        "teams", _("Teams"), lambda: Team.objects.filter(is_active=True), match_teams, team_hit, "pk", "keywords__slug"
    ),
    Kind(
        "people",
        _("People"),
        public_people,
        match_people,
        person_hit,
        # A person belongs to a team through a current or past membership.
        "pk__in",
    ),
    Kind(
        "publications",
        _("Publications"),
        Publication.objects.all,
        match_publications,
        publication_hit,
        "teams",
        year_lookup="published_on__year",
    ),
]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


def team_value(kind, team):
    """The value a kind's team lookup compares with: the team, its pk, or its members' pks."""
    if team is None:
        return None
    if kind.key == "people":
        return Membership.objects.filter(team=team).values("person")
    return team.pk if kind.team_lookup == "pk" else team


def search(query, *, team=None, keyword=None, year=None, kinds=KINDS):
    """{kind key: ranked queryset} for each kind the filters apply to; empty for an empty query."""
    query = normalize_query(query)
    if not query:
        return {}
    terms = query_terms(query)
    found = {}
    for kind in kinds:
        results = kind.results(query, terms, team_value(kind, team), keyword, year)
        if results is not None:
            found[kind.key] = results
    return found
