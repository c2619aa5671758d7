"""An index of the publications' order, so that a page of the list reads twenty rows of it rather
than sorting every publication. PostgreSQL only: SQLite cannot index NULLS LAST (and its small
development databases sort quickly)."""

from django.db import migrations

INDEX = "publication_list_order"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON research_publication (published_on DESC NULLS LAST, title)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("research", "0013_expert_finder")]

    operations = [migrations.RunPython(create_index, drop_index)]
