"""Text search configurations that ignore accents, and trigram matching, on PostgreSQL only.

``newsroom_english``, ``newsroom_french`` and ``newsroom_russian`` stem as PostgreSQL's own
configurations do, after ``unaccent`` (so "pancreas" meets "pancréas" and "ё" meets "е");
``newsroom_simple`` only unaccents and lower-cases, for names and identifiers. ``pg_trgm``
finds the words a misspelling was meant to be ("did you mean"). SQLite has none of these;
there this migration does nothing and the search falls back (see public/search/).
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CONFIGURATIONS = {"newsroom_english": "english", "newsroom_french": "french", "newsroom_russian": "russian"}
WORDS = "hword, hword_part, word"  # the tokens with letters beyond ASCII; ASCII ones need no unaccent


def create_sql():
    statements = []
    for name, base in CONFIGURATIONS.items():
        statements += [
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {base})",
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR {WORDS} WITH unaccent, {base}_stem",
        ]
    return statements + [
        "CREATE TEXT SEARCH CONFIGURATION newsroom_simple (COPY = simple)",
        f"ALTER TEXT SEARCH CONFIGURATION newsroom_simple ALTER MAPPING FOR {WORDS} WITH unaccent, simple",
    ]


def drop_sql():
    return [f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}" for name in [*CONFIGURATIONS, "newsroom_simple"]]


def on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements():
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(on_postgres(create_sql), on_postgres(drop_sql)),
    ]
