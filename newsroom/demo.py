"""Demo logins for the three roles, so that a new user can try each one after `make run`."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from research.models import Person

from .roles import AUTHOR, EDITOR, RESEARCHER

DEMO_PASSWORD = "newsroom-demo"
# username, first name, last name, group, slug of the Person the login belongs to
DEMO_USERS = (
    ("editor", "Emma", "Editor", EDITOR, None),
    ("author", "Arthur", "Author", AUTHOR, None),
    ("researcher", "Corinne", "Bousquet", RESEARCHER, "corinne-bousquet"),
)


def ensure_demo_users(password=DEMO_PASSWORD):
    """Create the demo users, or put their group and person back. Passwords changed since are kept.
    Returns [(user, created, note)]."""
    results = []
    for username, first_name, last_name, role, person_slug in DEMO_USERS:
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": first_name, "last_name": last_name, "is_staff": True}
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        elif not (user.is_staff and user.is_active):
            user.is_staff = user.is_active = True
            user.save(update_fields=["is_staff", "is_active"])
        user.groups.set([Group.objects.get(name=role)])
        results.append((user, created, link_person(user, person_slug)))
    return results


def link_person(user, person_slug):
    if person_slug is None:
        return ""
    person = Person.objects.filter(slug=person_slug).first()
    if person is None:
        return f"(person “{person_slug}” not found: run loadseeds first)"
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])
    return f"linked to {person.full_name}"
