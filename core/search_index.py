"""The stored search document of every searchable row, kept current by ``refresh_search_vector()``.

A model lists what it is searched by in ``search_parts``: (source, weight, config) where the
source is a field, or a path through a relation (``keywords__name``, ``authors__name``) whose
values are joined. On PostgreSQL the document is a weighted tsvector made with the project's
text search configurations, which stem each language and ignore accents (core migration 0001);
elsewhere it is the same text casefolded and stripped of accents, which the fallback search
matches word prefixes against.

``save()`` refreshes the document; rows whose keywords or authors are written after the row
itself (the admin's ``save_related``, the seed loader, author lists) call it again then.
"""

import re
import unicodedata
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import connection, models, transaction
from django.db.models import Case, CharField, OuterRef, StringAgg, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

# Languages of settings.LANGUAGES and the configuration that stems them (see core migration 0001).
SEARCH_CONFIGS = {"en": "newsroom_english", "fr": "newsroom_french", "ru": "newsroom_russian"}
DEFAULT_SEARCH_CONFIG = SEARCH_CONFIGS["en"]
# Names, acronyms and identifiers: lower-cased and unaccented, never stemmed.
NAMES_CONFIG = "newsroom_simple"
ALL_CONFIGS = (*SEARCH_CONFIGS.values(), NAMES_CONFIG)
# A part of a document in the row's own language (its ``language`` column).
ROW_LANGUAGE = "row language"


def uses_postgres_search():
    return connection.vendor == "postgresql"


# For the transaction of a search: no table scan where an index serves; index reads as cheap as they
# are once the site is warm (in memory); and no JIT compilation, which a table scan left over would
# now look dear enough for, and which takes longer than any of these queries.
SEARCH_PLANNING = {"enable_seqscan": "off", "random_page_cost": "1.1", "jit": "off"}


@contextmanager
def planned():
    """Around the queries of a search: the documents are read through their GIN indexes only (PostgreSQL).

    A row's search document is several kilobytes, stored compressed: testing one against the query
    costs far more than the planner assumes, so for a common word it would rather scan the whole
    table, and read and decompress every document, than use the index (ten times slower at 10,000
    articles, and growing with the archive).
    """
    if not uses_postgres_search():
        yield
        return
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if nested:
            cursor.execute(f"SELECT {', '.join(f'current_setting({name!r})' for name in SEARCH_PLANNING)}")
            before = cursor.fetchone()
        set_for_transaction(cursor, SEARCH_PLANNING.items())
        try:
            yield
        finally:
            # Settings made for a transaction outlive a savepoint: inside an outer transaction (a
            # test's) they are read first and put back by hand; otherwise they end with it.
            if nested:
                set_for_transaction(cursor, zip(SEARCH_PLANNING, before, strict=True))


def set_for_transaction(cursor, settings):
    settings = list(settings)
    cursor.execute(
        f"SELECT {', '.join(['set_config(%s, %s, true)'] * len(settings))}",
        [value for setting in settings for value in setting],
    )


class Addressed(models.Expression):
    """A condition for ``filter()``: the row is one of those that ``rows`` names (a queryset of the
    same table, which may be ordered and sliced), found by their addresses (ctid) rather than by
    their keys: a read of each row's page, not a walk of the primary key's index first. The
    addresses are read in the same statement, so they name the rows it sees (PostgreSQL)."""

    conditional = True
    output_field = models.BooleanField()

    def __init__(self, rows):
        super().__init__()
        self.rows = rows

    def as_sql(self, compiler, connection):
        table = connection.ops.quote_name(self.rows.model._meta.db_table)
        address = RawSQL(f"{table}.ctid", (), output_field=models.TextField())
        sql, params = self.rows.values_list(address).query.get_compiler(connection=connection).as_sql()
        # The row being filtered, under whatever name the query it is part of gives its table.
        outer = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{outer}.ctid = ANY(ARRAY({sql}))", params


class Matching(models.Expression):
    """A condition for ``filter()``: the row's stored document matches ``search`` (a SearchQuery), or
    the row meets ``also``, and it meets ``within``; the matching rows found through indexes alone
    (PostgreSQL).

    They are named by their addresses (``Addressed``), read in a subquery of their own whose only
    conditions are these, so the GIN indexes are the only way to them; the query's other filters
    and its order then apply to those rows, fetched by address. Given the test of a document
    beside other conditions, the planner takes it for a cheap filter, and would rather walk an
    ordering index or the whole table and read and decompress every row's document (several
    kilobytes) than use the index: for a word in most articles, 350 ms instead of 60 at 100,000
    articles.
    """

    conditional = True
    output_field = models.BooleanField()

    def __init__(self, model, search, also=None, within=None):
        super().__init__()
        self.model, self.search, self.also, self.within = model, search, also, within

    def rows(self):
        """The rows the subquery names."""
        condition = models.Q(search_vector=self.search) if self.search is not None else models.Q(pk__in=[])
        condition |= self.also or models.Q()
        # A part of the table an index names (the latest news): the GIN's matches and that index's
        # rows are intersected before any row is read.
        condition &= self.within or models.Q()
        return self.model._base_manager.filter(condition).order_by()

    def as_sql(self, compiler, connection):
        return Addressed(self.rows()).as_sql(compiler, connection)


def websearch(text):
    """``text`` as a web search (quoted phrases, -word, or), for ``Matching``; None if it asks for no word."""
    return one_query(text, "websearch")


# A tsquery as PostgreSQL writes it: quoted lexemes (with their prefix and weight marks) and operators.
TSQUERY_TOKEN = re.compile(r"'(?:[^'\\]|''|\\.)*'(?::[*A-D]+)?|<->|<\d+>|[&|!()]")
PARSERS = {"raw": "to_tsquery", "websearch": "websearch_to_tsquery"}


class ParsedQuery(SearchQuery):
    """A tsquery already parsed (by ``one_query``), used as it is."""

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql})::tsquery", params


def one_query(text, search_type="raw"):
    """``text`` parsed in every configuration, as one tsquery holding each alternative once; None
    if no configuration finds a word in it. One query.

    The configurations mostly parse a word alike ("breast" is "breast" in four of them): OR-ed as
    they are, the GIN index would look every copy up again (it never merges two look-ups of a
    query), and a prefix look-up of a common word costs milliseconds at 100,000 articles.
    """
    columns = ", ".join([f"{PARSERS[search_type]}(%s::regconfig, %s)::text"] * len(ALL_CONFIGS))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}", [value for config in ALL_CONFIGS for value in (config, text)])
        parses = cursor.fetchone()
    combined = fewest_alternatives(parses)
    return ParsedQuery(combined) if combined else None


def fewest_alternatives(parses):
    """The tsquery texts ``parses`` OR-ed, each once and without those another one's matches include
    (``'metastasi':*`` beside ``'metastas':*``); "" if all are empty."""
    shapes = {text: TSQUERY_TOKEN.findall(text) for text in parses if text}
    kept = [
        text
        for text, tokens in shapes.items()
        if not any(other != text and includes(other_tokens, tokens) for other, other_tokens in shapes.items())
    ]
    return " | ".join(f"( {text} )" for text in kept) if len(kept) > 1 else "".join(kept)


def includes(wider, narrower):
    """Whether every row the tsquery of tokens ``narrower`` matches is matched by ``wider``: the same
    operators, with no negation, and each lexeme the same or begun by the other's prefix."""
    if len(wider) != len(narrower) or "!" in wider:
        return False
    for one, other in zip(wider, narrower, strict=True):
        if not one.startswith("'"):
            if one != other:
                return False
            continue
        word, _, marks = one.rpartition("'")
        other_word, _, other_marks = other.rpartition("'")
        if marks != other_marks or not (word == other_word or ("*" in marks and other_word.startswith(word))):
            return False
    return True


def fold(text):
    """Casefolded, without accents: "Pancréas" -> "pancreas"; what the fallback compares."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def language_search_config(field="language"):
    """The text search configuration of each row, chosen by its language column."""
    return Case(
        *(When(**{field: code}, then=Value(config)) for code, config in SEARCH_CONFIGS.items()),
        default=Value(DEFAULT_SEARCH_CONFIG),
        output_field=CharField(),
    )


class SearchIndexed(models.Model):
    search_parts = ()

    # Its GIN index is made by a PostgreSQL-only migration, because SQLite cannot build one.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    class Meta:
        abstract = True

    def refresh_search_vector(self):
        """Recompute this row's stored search document from what is saved now: one UPDATE."""
        if self.pk is not None:
            refresh_search_documents(type(self)._base_manager.filter(pk=self.pk), self.search_parts)


def refresh_search_documents(queryset, parts):
    """Store the search document of every row of ``queryset``. A part's source may also be an
    expression (migrations, whose models have no keyword relation, pass a subquery)."""
    if uses_postgres_search():
        queryset.update(search_vector=search_vector_expression(queryset.model, parts))
        return
    expressions = {
        f"search_part_{i}": part[0] for i, part in enumerate(parts) if hasattr(part[0], "resolve_expression")
    }
    # The related names of all rows in one query a relation, and the documents in one bulk update.
    relations = {part[0].split("__", 1)[0] for part in parts if isinstance(part[0], str) and "__" in part[0]}
    rows = list(queryset.annotate(**expressions).prefetch_related(*relations))
    for row in rows:
        row.search_vector = search_text(row, parts)
    queryset.model._base_manager.bulk_update(rows, ["search_vector"], batch_size=500)


def search_vector_expression(model, parts):
    vectors = [
        SearchVector(search_source(model, source), weight=weight, config=search_config(config))
        for source, weight, config in parts
    ]
    document = vectors[0]
    for vector in vectors[1:]:
        document = document + vector
    return document


def search_source(model, source):
    if hasattr(source, "resolve_expression") or "__" not in source:
        return source
    relation, rest = source.split("__", 1)
    field = model._meta.get_field(relation)
    if isinstance(field, TaggableManager):
        # The keyword links of the row, looked up by their own index: through the generic relation,
        # the link's integer object_id would be cast to the row's bigint key, which no index serves,
        # and every document would scan all the links of the site.
        links = field.through.objects.filter(content_type=ContentType.objects.get_for_model(model))
        rows, key, path = links.filter(object_id=OuterRef("pk")), "object_id", f"tag__{rest}"
    else:
        rows, key, path = model._base_manager.filter(pk=OuterRef("pk")), "pk", source
    joined = rows.values(key).annotate(text=StringAgg(path, delimiter=Value(" "))).values("text")
    return Subquery(joined, output_field=models.TextField())


def search_config(config):
    return language_search_config() if config == ROW_LANGUAGE else Value(config)


def search_text(row, parts):
    texts = []
    for number, (source, _weight, _config) in enumerate(parts):
        if hasattr(source, "resolve_expression"):
            texts.append(getattr(row, f"search_part_{number}") or "")
        elif "__" in source:
            relation, field = source.split("__", 1)
            texts += [str(getattr(related, field)) for related in getattr(row, relation).all()]
        else:
            texts.append(str(getattr(row, source) or ""))
    return fold(strip_tags(" ".join(texts)))


def keywords_in_migration(apps, app_label, model_name):
    """The joined keyword names of each row, for migrations (their models have no keyword relation)."""
    tagged = apps.get_model("taggit", "TaggedItem")
    names = (
        tagged.objects.filter(
            content_type__app_label=app_label, content_type__model=model_name, object_id=OuterRef("pk")
        )
        .values("object_id")
        .annotate(text=StringAgg("tag__name", delimiter=Value(" ")))
        .values("text")
    )
    return Subquery(names, output_field=models.TextField())
