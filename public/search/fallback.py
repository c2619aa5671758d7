"""Search elsewhere (SQLite in development): every word, casefolded and without accents, must
begin somewhere in the row's stored search text; rows whose title holds the words come first.
Highlighting is done in Python, on the results shown only."""

from django.db.models import Case, IntegerField, Q, Value, When
from taggit.models import Tag

from newsroom.models import Article
from research.models import Person, Team

from .text import stems

# Bounds on the words "did you mean" compares a misspelling with, so that it costs the same on any site.
SUGGESTION_ROWS = 2000
# Every match is ranked and counted (see postgres.RANKED).
RANKED = None


def every_term_in(fields, terms):
    condition = Q()
    for term in terms:
        condition &= Q.create([(f"{field}__icontains", term) for field in fields], connector=Q.OR)
    return condition


def parsed(query):
    """Nothing to prepare: the fallback matches the query's terms."""
    return query


def match(kind, queryset, query, terms, identifier):
    exact = kind.identifier_match(identifier) if identifier and kind.identifier_match else None
    words = stems(terms)
    if not words and exact is None:
        return queryset.none()
    found = Q.create([("search_vector__contains", word) for word in words]) if words else Q(pk__in=[])
    title_match = (
        Case(
            When(every_term_in(kind.title_fields, terms), then=Value(1)), default=Value(0), output_field=IntegerField()
        )
        if terms
        else Value(0, output_field=IntegerField())
    )
    exact_match = Case(When(exact, then=Value(1)), default=Value(0)) if exact is not None else Value(0)
    return (
        queryset.filter(found | (exact or Q(pk__in=[])))
        .annotate(exact_match=exact_match, title_match=title_match)
        .order_by("-exact_match", "-title_match", *kind.order)
    )


def hits(kind, objects, query, terms):
    return [kind.hit(item, terms) for item in objects]


def suggestion_texts(terms):
    return [
        *Tag.objects.values_list("name", flat=True)[:SUGGESTION_ROWS],
        *Article.objects.live().values_list("title", flat=True)[:SUGGESTION_ROWS],
        *Team.objects.filter(is_active=True).values_list("acronym", flat=True)[:SUGGESTION_ROWS],
        *Person.objects.values_list("family_name", flat=True)[:SUGGESTION_ROWS],
    ]
