"""The stored full-text search vector of articles, on PostgreSQL.

Each article is indexed with the text search configuration of its own language, so that
French and Russian words are stemmed as French and Russian. The title weighs most (A), then
the standfirst (B), then the body (C). On other databases nothing is stored: the search
falls back to plain substring matching (see search.py).
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Case, CharField, Value, When

# Languages of settings.LANGUAGES and the PostgreSQL configuration that stems them.
SEARCH_CONFIGS = {"en": "english", "fr": "french", "ru": "russian"}
DEFAULT_SEARCH_CONFIG = "english"


def uses_postgres_search():
    return connection.vendor == "postgresql"


def language_search_config(field="language"):
    """The text search configuration of each row, chosen by its language column."""
    return Case(
        *(When(**{field: code}, then=Value(config)) for code, config in SEARCH_CONFIGS.items()),
        default=Value(DEFAULT_SEARCH_CONFIG),
        output_field=CharField(),
    )


def article_search_vector():
    config = language_search_config()
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("standfirst", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


def update_article_search_vector(article):
    """Recompute one article's vector from what is now saved; nothing to do outside PostgreSQL."""
    if uses_postgres_search():
        type(article).objects.filter(pk=article.pk).update(search_vector=article_search_vector())
