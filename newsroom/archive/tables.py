"""CSV files with a column mapping: which column holds the title, the date, the body and so on."""

import csv
import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .items import ArchiveItem, Author, Picture, UnreadableArchive, dated

FIELDS = {
    "guid": gettext_lazy("a unique identifier of the item (the old address serves if there is none)"),
    "url": gettext_lazy("the old address of the item"),
    "title": gettext_lazy("the title"),
    "date": gettext_lazy("the original publish time"),
    "body": gettext_lazy("the text, in HTML"),
    "standfirst": gettext_lazy("the summary"),
    "keywords": gettext_lazy("keywords and categories, separated by commas or semicolons"),
    "authors": gettext_lazy("author names or e-mail addresses, separated by semicolons"),
    "picture": gettext_lazy("the lead picture's file name or address"),
    "alt": gettext_lazy("the lead picture's alt text"),
}
REQUIRED = ("title",)


def parse_mapping(text):
    """{"title": "Headline", …} from "title=Headline, date=Published on"; refuses unknown fields."""
    mapping = {}
    for part in filter(None, (piece.strip() for piece in (text or "").split(","))):
        field, equals, column = part.partition("=")
        if not equals or not column.strip():
            raise UnreadableArchive(_("“%(part)s” in the column mapping is not field=column.") % {"part": part})
        if field.strip() not in FIELDS:
            raise UnreadableArchive(
                _("“%(field)s” is not a field of an article; the fields are: %(fields)s.")
                % {"field": field.strip(), "fields": ", ".join(FIELDS)}
            )
        mapping[field.strip()] = column.strip()
    return mapping


def read(filename, content, mapping):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableArchive(_("“%(name)s” is not a UTF-8 text file.") % {"name": filename}) from None
    try:
        rows = csv.DictReader(io.StringIO(text, newline=""))
        columns = rows.fieldnames or []
        check_mapping(mapping, columns)
        return [read_row(row, mapping) for row in rows]
    except csv.Error as error:
        raise UnreadableArchive(
            _("“%(name)s” is not a CSV file this import can read (%(error)s).") % {"name": filename, "error": error}
        ) from None


def check_mapping(mapping, columns):
    missing = [field for field in REQUIRED if field not in mapping]
    if "guid" not in mapping and "url" not in mapping:
        missing.append("guid or url")
    if missing:
        raise UnreadableArchive(
            _("The column mapping must name a column for: %(fields)s.") % {"fields": ", ".join(missing)}
        )
    unknown = [column for column in mapping.values() if column not in columns]
    if unknown:
        raise UnreadableArchive(
            _("The column mapping names %(unknown)s, which the file does not have; its columns are: %(columns)s.")
            % {"unknown": ", ".join(f"“{c}”" for c in unknown), "columns": ", ".join(f"“{c}”" for c in columns)}
        )


def read_row(row, mapping):
    def value(field):
        return (row.get(mapping[field]) or "").strip() if field in mapping else ""

    item = ArchiveItem(
        guid=value("guid") or value("url"),
        title=value("title"),
        old_url=value("url"),
        body=value("body"),
        standfirst=value("standfirst"),
        keywords=list(dict.fromkeys(k.strip() for k in value("keywords").replace(";", ",").split(",") if k.strip())),
        authors=[author(name.strip()) for name in value("authors").split(";") if name.strip()],
    )
    if value("picture"):
        item.lead_picture = Picture(source=value("picture"), alt=value("alt"))
    return dated(item, value("date")).check()


def author(text):
    return Author(email=text) if "@" in text else Author(name=text)
