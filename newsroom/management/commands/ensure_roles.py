from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

from newsroom.roles import ROLES, ensure_roles


class Command(BaseCommand):
    help = (
        "Create the editor, author and researcher groups with their permissions, or put them right. Safe to run again."
    )

    def handle(self, *args, verbosity, **options):
        for app_config in apps.get_app_configs():
            create_permissions(app_config, verbosity=0)
        ensure_roles(Group, Permission)
        if verbosity:
            self.stdout.write(self.style.SUCCESS("Roles in place: " + ", ".join(ROLES)))
