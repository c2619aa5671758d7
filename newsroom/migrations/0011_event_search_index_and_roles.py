"""The GIN index on Event.search_vector (PostgreSQL only; SQLite has none), and the roles given
their rights on events, pages and menus, whose permissions exist only from the previous migration."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def update_roles(apps, schema_editor):
    from newsroom.roles import ensure_roles

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0010_events_pages_menus")]

    operations = [
        migrations.RunPython(
            on_postgres(
                "CREATE INDEX IF NOT EXISTS newsroom_event_search_vector_gin ON newsroom_event USING gin (search_vector)"
            ),
            on_postgres("DROP INDEX IF EXISTS newsroom_event_search_vector_gin"),
        ),
        migrations.RunPython(update_roles, migrations.RunPython.noop),
    ]
