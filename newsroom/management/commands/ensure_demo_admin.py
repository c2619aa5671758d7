import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from newsroom.demo import DEMO_PASSWORD, ensure_demo_users

DEFAULT_USERNAME = "admin"
DEFAULT_PASSWORD = "newsroom-demo"


class Command(BaseCommand):
    help = (
        "Make sure the demo superuser exists (admin / newsroom-demo, or DEMO_ADMIN_USERNAME and "
        "DEMO_ADMIN_PASSWORD) and print how to log in. A password changed since is kept unless "
        "--reset-password is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-password", action="store_true", help="Set the demo password again if it was changed."
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off. Only for a public demo site."
        )
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="Address of the site, for the login link."
        )

    def handle(self, *args, reset_password, force, base_url, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a production site: a demo account with a published "
                "password would be an open door. Use --force only if this is a demo site."
            )
        username = os.environ.get("DEMO_ADMIN_USERNAME") or DEFAULT_USERNAME
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or DEFAULT_PASSWORD
        user, created = self.ensure_superuser(username, password)
        if reset_password and not created:
            user.set_password(password)
            user.save(update_fields=["password"])
        self.report(user, created, password, base_url)
        self.ensure_role_users()

    def ensure_superuser(self, username, password):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            return User.objects.create_superuser(username=username, email="", password=password), True
        # An account of that name that lost its rights is given them back; its password is kept.
        if not (user.is_active and user.is_staff and user.is_superuser):
            user.is_active = user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_active", "is_staff", "is_superuser"])
        return user, False

    def ensure_role_users(self):
        call_command("ensure_roles", verbosity=0)
        self.stdout.write("Demo logins for the three roles:")
        for user, _created, note in ensure_demo_users():
            group = ", ".join(user.groups.values_list("name", flat=True))
            known = DEMO_PASSWORD if user.check_password(DEMO_PASSWORD) else "changed since"
            self.stdout.write(f"  {group}: username {user.get_username()}, password {known} {note}".rstrip())

    def report(self, user, created, password, base_url):
        login_url = base_url.rstrip("/") + reverse("admin:index")
        action = "Created the demo superuser" if created else "The demo superuser is there"
        self.stdout.write(self.style.SUCCESS(f"{action}. Log in at {login_url}"))
        if user.check_password(password):
            self.stdout.write(f"  username: {user.get_username()}\n  password: {password}")
        else:
            self.stdout.write(
                f"  username: {user.get_username()}\n  password: changed since (run with --reset-password "
                "to set the demo password again)"
            )
