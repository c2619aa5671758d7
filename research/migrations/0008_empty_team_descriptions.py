"""Team descriptions that show nothing (the editor's empty ``<p></p>``) become empty, as on save."""

from html import unescape

from django.db import migrations
from django.utils.html import strip_tags


def shows_something(html):
    return bool(unescape(strip_tags(html)).strip()) or "<img" in html


def empty_blank_descriptions(apps, schema_editor):
    Team = apps.get_model("research", "Team")
    blank = [team.pk for team in Team.objects.exclude(description="") if not shows_something(team.description)]
    Team.objects.filter(pk__in=blank).update(description="")


class Migration(migrations.Migration):
    dependencies = [("research", "0007_merge_0006_merge_20261201_2302_0006_search_indexes")]

    operations = [migrations.RunPython(empty_blank_descriptions, migrations.RunPython.noop)]
