"""What an import did, entry by entry, and the summary of a whole file."""

from dataclasses import dataclass, field

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext

from ..models import Publication

CREATED, UPDATED, SKIPPED = "created", "updated", "skipped"


@dataclass
class Outcome:
    """What happened to one record: created, updated, or skipped with the reason why."""

    action: str
    label: str = ""
    title: str = ""
    publication: Publication | None = None
    changes: list[str] = field(default_factory=list)
    reason: str = ""
    source: str = ""

    def __post_init__(self):
        self.label, self.title = displayable(self.label), displayable(self.title)

    @property
    def details(self):
        return (
            self.reason if self.action == SKIPPED else gettext("filled in %s") % ", ".join(str(c) for c in self.changes)
        )


@dataclass
class FileImport:
    """The summary of one uploaded file."""

    filename: str
    format_name: str
    outcomes: list[Outcome]

    def _with(self, action):
        return [outcome for outcome in self.outcomes if outcome.action == action]

    @property
    def created(self):
        return self._with(CREATED)

    @property
    def updated(self):
        return self._with(UPDATED)

    @property
    def skipped(self):
        return self._with(SKIPPED)


def record_history(outcomes, user, how):
    """Imports show in each publication's admin history like any other edit, under the importing user."""
    if user is None:
        return
    flags = {CREATED: ADDITION, UPDATED: CHANGE}
    content_type = ContentType.objects.get_for_model(Publication)
    LogEntry.objects.bulk_create(
        LogEntry(
            user_id=user.pk,
            content_type=content_type,
            object_id=str(outcome.publication.pk),
            object_repr=str(outcome.publication)[:200],
            action_flag=flags[outcome.action],
            change_message=f"Imported {how}: {outcome.details}.",
        )
        for outcome in outcomes
        if outcome.action in flags
    )


def count(number, noun):
    return f"{number} {noun}{'' if number == 1 else 's'}"


def displayable(text):
    """Text safe to show even when it holds bytes that were not UTF-8 (shown as �)."""
    return str(text or "").encode("utf-8", "surrogateescape").decode("utf-8", "replace")
