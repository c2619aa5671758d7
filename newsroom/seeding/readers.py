"""How a seed key becomes what is stored: converters ``(loader, table, key) -> value`` and link writers
``(loader, table, key, row)``, used by the specs in ``specs.py``."""

from collections.abc import Callable
from dataclasses import dataclass

from core.richtext import sanitize_html
from research.dates import PartialDate, parse_typed
from research.validators import DOI_PATTERN, normalize_doi

from ..models import ArticlePerson

MISSING = object()


@dataclass(frozen=True)
class From:
    """A model field's value: ``convert(loader, table, key)`` of a seed key the table gives.

    With no seed key, the value comes from where the table sits (its parent row, its position).
    """

    key: str | None
    convert: Callable
    default: object = MISSING

    def value(self, loader, table):
        if self.key is None or self.key in table.data:
            return self.convert(loader, table, self.key)
        return self.default


# Converters: (loader, table, key) -> the value to store.
def plain(loader, table, key):
    return table.single(key)


def plains(*keys):
    return {key: From(key, plain) for key in keys}


def choice(choices):
    return lambda loader, table, key: table.choice(key, choices)


def date(loader, table, key):
    return table.date(key)


def partial_date(loader, table, key):
    """A date (2021-01-19), or a year or a month in quotes ("2021", "2021-01") when no more is known."""
    if not isinstance(table.data[key], str):
        day = table.date(key)
        return PartialDate(day.year, day.month, day.day)
    if partial := parse_typed(table.data[key]):
        return partial
    raise table.error(f'{key} should be a date, e.g. {key} = 2021-01-19, or a year or month in quotes ("2021-01").')


def precision(loader, table, key):
    return partial_date(loader, table, key).precision


def moment(loader, table, key):
    return table.moment(key)


def words(loader, table, key):
    return " ".join(table.strings(key))


def lines(loader, table, key):
    return "\n".join(table.strings(key))


def html(loader, table, key):
    # Stored as the model's save() stores it, so that an unchanged seed compares equal.
    return sanitize_html(table.single(key))


def ref(kind, name=str):
    """A row of an earlier kind, found by the name the seed files give it."""
    return lambda loader, table, key: loader.find(table, kind, name(table.data[key]))


def stripped(loader, table, key):
    return str(table.data[key]).strip()


def doi(loader, table, key):
    return normalize_doi(str(table.data[key])) or MISSING


def parent(loader, table, key):
    return table.parent


def position(loader, table, key):
    return table.position


def picture(dimension):
    return lambda loader, table, key: loader.picture_size(table, table.data[key])[dimension]


def stored_picture(loader, table, key):
    return loader.store_picture(table, table.data[key])


# Link writers: (loader, table, key, row), run after the row is written.
def tags(loader, table, key, row):
    getattr(row, key).add(*table.strings(key))
    row.refresh_search_vector()  # keywords are part of what search finds


def linked(kind, name=str):
    def write(loader, table, key, row):
        getattr(row, key).add(*(loader.find(table, kind, name(reference)) for reference in table.strings(key)))

    return write


def linked_tables(spec, kind, name):
    def write(loader, table, key, row):
        getattr(row, key).add(*(loader.find(part, kind, name(part)) for part in table.tables(key, spec)))

    return write


def nested(spec):
    """Tables inside the row's table, each written as a row of ``spec`` under it, in their order."""

    def write(loader, table, key, row):
        for order, part in enumerate(table.tables(key, spec)):
            part.parent, part.position = row, order
            loader.load(spec, part)

    return write


def researchers(loader, table, key, article):
    for order, slug in enumerate(table.strings(key)):
        person = loader.find(table, "person", slug)
        loader.upsert(table, ArticlePerson, {"article": article, "person": person}, {"order": order})


# Names that other tables give a row.
def slug_name(table, row):
    return [table.data["slug"]]


def grant_name(table):
    return (table.data["funder"], str(table.data["award_number"]).strip())


def publication_name(reference):
    """A publication is named by its DOI, written any way, or by its title."""
    doi = normalize_doi(reference)
    return doi if DOI_PATTERN.match(doi) else reference
