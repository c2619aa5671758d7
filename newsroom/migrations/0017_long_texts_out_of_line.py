"""Articles and publications keep their long texts (body, abstract, search document) out of line.

PostgreSQL moves a row's largest values to its TOAST table only once the row passes 2 KB; below
that, an article's compressed body and search document stay in the row and make it several
times wider than what lists and filters read. A search reads every matching row for its filters
and order (one row in six for a common word), and each took a page of its own. With a target of
1,024 bytes the long values go out of line and the table is half its size, while the title and
standfirst, which every list shows, stay in the row (at 256 bytes they went out too, and a list
or a search of titles fetched them one by one). Rows written before keep their layout until they
are next written (or ``VACUUM FULL``). PostgreSQL only.
"""

from django.db import migrations

TABLES = ("newsroom_article", "research_publication")


def table_setting(change):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table in TABLES:
                schema_editor.execute(f"ALTER TABLE {table} {change}")

    return operation


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0016_site_press_email"), ("research", "0014_publication_list_order")]

    operations = [
        migrations.RunPython(
            table_setting("SET (toast_tuple_target = 1024)"), table_setting("RESET (toast_tuple_target)")
        )
    ]
