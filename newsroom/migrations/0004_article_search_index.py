"""The GIN index on Article.search_vector and the vectors of existing articles, on PostgreSQL only.

SQLite has neither tsvector nor GIN indexes; there the search falls back to substring matching
and this migration does nothing. The SQL repeats newsroom.search_index.article_search_vector()
so that the migration keeps working whatever that module becomes.
"""

from django.db import migrations

CONFIG = "(CASE language WHEN 'fr' THEN 'french' WHEN 'ru' THEN 'russian' ELSE 'english' END)::regconfig"

FILL_VECTORS = f"""
UPDATE newsroom_article SET search_vector =
    setweight(to_tsvector({CONFIG}, coalesce(title, '')), 'A')
    || setweight(to_tsvector({CONFIG}, coalesce(standfirst, '')), 'B')
    || setweight(to_tsvector({CONFIG}, coalesce(body, '')), 'C')
"""


def on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0003_article_search_vector_and_translations")]

    operations = [
        migrations.RunPython(
            on_postgres(
                "CREATE INDEX IF NOT EXISTS newsroom_article_search_vector_gin "
                "ON newsroom_article USING gin (search_vector)"
            ),
            on_postgres("DROP INDEX IF EXISTS newsroom_article_search_vector_gin"),
        ),
        migrations.RunPython(on_postgres(FILL_VECTORS), migrations.RunPython.noop),
    ]
