"""Reading the seed files: every table parsed and checked against its kind's keys before anything is written."""

import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from django.utils import timezone


class SeedError(Exception):
    """A seed file that cannot be loaded; the message names the file and what is wrong."""


@dataclass
class Table:
    """One table of a seed file, checked against its kind's keys, with where it came from.

    A table inside another one (a team's member, an article's partner) knows the row it belongs to
    and its place in the list once that row is written.
    """

    data: dict
    where: str
    parent: object = None
    position: int = 0

    @classmethod
    def checked(cls, data, spec, where):
        if data is None:
            raise SeedError(f"{where}: missing.")
        if not isinstance(data, dict):
            raise SeedError(f"{where}: this {spec.kind} should be a table of keys and values, not {data!r}.")
        table = cls(data, where)
        table.check_keys(spec.required, spec.optional)
        return table

    def check_keys(self, required, optional):
        if missing := sorted(required - self.data.keys()):
            raise self.error(f"missing {', '.join(missing)}.")
        if unknown := sorted(self.data.keys() - required - optional):
            allowed = ", ".join(sorted(required | optional))
            raise self.error(f"unknown key {', '.join(unknown)} (the keys here are: {allowed}).")

    def error(self, message):
        return SeedError(f"{self.where}: {message}")

    def single(self, key):
        """A plain value, refusing lists and tables."""
        if isinstance(self.data[key], list | dict):
            raise self.error(f"{key} should be a single value, not a list or table.")
        return self.data[key]

    def strings(self, key):
        values = self.data.get(key, [])
        if not isinstance(values, list) or not all(isinstance(value, str) and value.strip() for value in values):
            raise self.error(f'{key} should be a list of texts in quotes, e.g. {key} = ["first", "second"].')
        return values

    def tables(self, key, spec):
        values = self.data.get(key, [])
        if not isinstance(values, list):
            raise self.error(f"{key} should be a list.")
        return [self.part(value, spec, f"{key} entry {number}") for number, value in enumerate(values, 1)]

    def part(self, data, spec, label):
        return Table.checked(data, spec, f"{self.where}, {label}")

    def choice(self, key, choices):
        """The stored value of a choice written by its label ("Research highlight") or value ("highlight")."""
        written = self.data[key]
        for value, label in choices.choices:
            if str(written).strip().lower() in {value.lower(), str(label).lower()}:
                return value
        labels = ", ".join(str(label) for label in choices.labels)
        raise self.error(f"{key} “{written}” is not one of: {labels}.")

    def date(self, key):
        value = self.data[key]
        if type(value) is not date:
            raise self.error(f"{key} should be a date without quotes, e.g. {key} = 2021-01-19.")
        return value

    def moment(self, key):
        """A date-time; one without an offset is taken in the site's time zone."""
        value = self.data[key]
        if type(value) is date:
            value = datetime.combine(value, time())
        if not isinstance(value, datetime):
            raise self.error(f"{key} should be a date and time without quotes, e.g. {key} = 2021-02-09T10:00:00+01:00.")
        return timezone.make_aware(value) if timezone.is_naive(value) else value


def read_seeds(root, specs):
    """``[(spec, tables)]`` for every seed file under ``root``, parsed and checked, in loading order."""
    root = Path(root)
    if not root.is_dir():
        raise SeedError(f"{root}: there is no seeds folder here.")
    for folder in (root / spec.folder for spec in specs if spec.folder):
        if not folder.is_dir():
            raise SeedError(f"{folder}: the {folder.name} folder is missing.")
    return [(spec, tables_of(root, spec)) for spec in specs]


def tables_of(root, spec):
    """The tables of one kind: a folder of one-table files, one ``[table]``, or ``[[table]]`` tables."""
    if spec.folder:
        names = [path.relative_to(root) for path in sorted((root / spec.folder).glob("*.toml"))]
        return [Table.checked(read_toml(root, name), spec, str(name)) for name in names]
    document = document_of(root, spec.file, spec.kind)
    if spec.single:
        return [Table.checked(document.get(spec.kind), spec, f"{spec.file}, [{spec.kind}]")]
    values = document.get(spec.kind, [])
    if not isinstance(values, list):
        raise SeedError(f"{spec.file}: write each {spec.kind} as a [[{spec.kind}]] table.")
    return [
        Table.checked(data, spec, label_of(spec.file, spec.kind, number, data)) for number, data in enumerate(values, 1)
    ]


def read_toml(root, name):
    try:
        with (root / name).open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        raise SeedError(f"{name}: the file is missing from {root}.") from None
    except UnicodeDecodeError:
        raise SeedError(f"{name}: the file is not UTF-8 text.") from None
    except tomllib.TOMLDecodeError as error:
        raise SeedError(f"{name}: this is not valid TOML: {error}.") from None


def document_of(root, name, kind):
    """A seed file holding only ``kind`` tables: a misspelt table name is an error, not an empty list."""
    document = read_toml(root, name)
    if unknown := sorted(document.keys() - {kind}):
        raise SeedError(f"{name}: unknown table {', '.join(unknown)} (this file holds only {kind} tables).")
    return document


def label_of(name, kind, number, data):
    """``people.toml, person 3 (vladimir-perelmuter)``: enough for an editor to find the table."""
    data = data if isinstance(data, dict) else {}
    key = data.get("slug") or data.get("award_number") or data.get("title")
    return f"{name}, {kind} {number}" + (f" ({str(key)[:60]})" if key else "")
