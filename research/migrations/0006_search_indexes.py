"""GIN indexes on the stored search vectors and trigram indexes on names (PostgreSQL only), and
the search documents of the rows already here (on every database).

The parts repeat the models' ``search_parts`` as they are now, so that this migration keeps
working whatever the models become.
"""

from django.db import migrations

from core.search_index import keywords_in_migration, refresh_search_documents

PARTS = {
    "team": (
        ("acronym", "A", "newsroom_simple"),
        ("name", "A", "newsroom_english"),
        ("keywords", "A", "newsroom_english"),
        ("summary", "B", "newsroom_english"),
        ("description", "C", "newsroom_english"),
    ),
    "person": (
        ("given_name", "A", "newsroom_simple"),
        ("family_name", "A", "newsroom_simple"),
        ("orcid", "A", "newsroom_simple"),
        ("position", "B", "newsroom_english"),
        ("distinctions", "C", "newsroom_english"),
        ("bio", "C", "newsroom_english"),
    ),
    "publication": (
        ("title", "A", "newsroom_english"),
        ("doi", "A", "newsroom_simple"),
        ("pmid", "A", "newsroom_simple"),
        ("authors__name", "B", "newsroom_simple"),
        ("journal", "B", "newsroom_simple"),
        ("journal_abbreviation", "B", "newsroom_simple"),
        ("abstract", "C", "newsroom_english"),
    ),
}
INDEXES = {
    "research_team_search_vector_gin": "research_team USING gin (search_vector)",
    "research_person_search_vector_gin": "research_person USING gin (search_vector)",
    "research_publication_search_vector_gin": "research_publication USING gin (search_vector)",
    "research_team_name_trgm": "research_team USING gin (name gin_trgm_ops)",
    "research_team_acronym_trgm": "research_team USING gin (acronym gin_trgm_ops)",
    "research_person_family_name_trgm": "research_person USING gin (family_name gin_trgm_ops)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, target in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def fill_documents(apps, schema_editor):
    for model_name, parts in PARTS.items():
        model = apps.get_model("research", model_name)
        keywords = keywords_in_migration(apps, "research", model_name)
        parts = [(keywords if source == "keywords" else source, weight, config) for source, weight, config in parts]
        refresh_search_documents(model._base_manager.all(), parts)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_search_configurations"), ("research", "0005_search_vectors")]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
        migrations.RunPython(fill_documents, migrations.RunPython.noop),
    ]
