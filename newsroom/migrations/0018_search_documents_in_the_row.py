"""News and events keep their search documents in the row; their bodies stay out of line.

A search ranks up to a thousand matches (``public.search.postgres.RANKED``), and ranking reads
each one's document. Out of line, each was a look-up in the TOAST table's index and a read of its
chunks: at 10,000 articles, 6.6 ms of the search's SQL to rank 1,001 matches, 1.5 ms in the row.
A document (about 1.8 KB for a 600-word article, which compression does not shrink) makes the
row about 3 KB, still far less than a page; the body, which only the article's own page and the
headlines of the few results shown read, stays out of line (migration 0017). Rows already
written are written again here, so they take the new layout. PostgreSQL only.
"""

from django.db import migrations

TABLES = ("newsroom_article", "newsroom_event")


def storage(kind, rewrite):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in TABLES:
            schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE {kind}")
            if rewrite:
                # A new value, not the same one: an unchanged out-of-line value would keep its place.
                schema_editor.execute(f"UPDATE {table} SET search_vector = search_vector || ''::tsvector")

    return operation


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0017_long_texts_out_of_line")]

    operations = [migrations.RunPython(storage("MAIN", rewrite=True), storage("EXTENDED", rewrite=False))]
