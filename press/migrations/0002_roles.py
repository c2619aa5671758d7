"""The roles given their rights on the press room, whose permissions exist only from the previous migration."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def update_roles(apps, schema_editor):
    from newsroom.roles import ensure_roles

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [("press", "0001_initial")]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
