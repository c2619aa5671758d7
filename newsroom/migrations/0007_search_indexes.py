"""The article's search document in the accent-insensitive configurations, with its keywords;
trigram indexes on titles and keywords for "did you mean" (PostgreSQL only).

The parts repeat ``Article.search_parts`` as they are now, so that this migration keeps working
whatever the model becomes. The GIN index on the vector itself is migration 0004's.
"""

from django.db import migrations

from core.search_index import ROW_LANGUAGE, keywords_in_migration, refresh_search_documents

PARTS = (
    ("title", "A", ROW_LANGUAGE),
    ("keywords", "A", ROW_LANGUAGE),
    ("standfirst", "B", ROW_LANGUAGE),
    ("body", "C", ROW_LANGUAGE),
)
INDEXES = {
    "newsroom_article_title_trgm": "newsroom_article USING gin (title gin_trgm_ops)",
    "taggit_tag_name_trgm": "taggit_tag USING gin (name gin_trgm_ops)",
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
    article = apps.get_model("newsroom", "Article")
    keywords = keywords_in_migration(apps, "newsroom", "article")
    parts = [(keywords if source == "keywords" else source, weight, config) for source, weight, config in PARTS]
    refresh_search_documents(article._base_manager.all(), parts)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_search_configurations"),
        ("research", "0006_search_indexes"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("newsroom", "0006_merge_image_library"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
        migrations.RunPython(fill_documents, migrations.RunPython.noop),
    ]
