"""Which reader an export file needs, decided from its content (and a column mapping for CSV)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import feeds, tables, wxr, xml
from .items import UnreadableArchive

NOT_AN_ARCHIVE = gettext_lazy(
    "An archive is a WordPress export (WXR), an RSS or Atom feed, or a CSV file with a column mapping."
)


def read_archive(filename, content, mapping=None):
    """(format name, [ArchiveItem]) of an export file; raises UnreadableArchive with a message to show."""
    if mapping or filename.lower().endswith(".csv"):
        if not mapping:
            raise UnreadableArchive(_("A CSV file needs a column mapping, e.g. title=Headline, url=Link."))
        return "CSV", tables.read(filename, content, mapping)
    if not content.lstrip()[:1] == b"<":
        raise UnreadableArchive(
            _("“%(name)s” is not an XML file. %(hint)s") % {"name": filename, "hint": NOT_AN_ARCHIVE}
        )
    root = xml.parse(filename, content)
    namespace, local = xml.split(root.tag)
    if local == "rss" and xml.children(root, "channel"):
        if xml.wordpress_version(root):
            return "WordPress (WXR)", wxr.read(root)
        return "RSS", feeds.read_rss(root)
    if local == "feed" and namespace == xml.ATOM:
        return "Atom", feeds.read_atom(root)
    raise UnreadableArchive(
        _("“%(name)s” is XML, but neither a WordPress export nor a feed. %(hint)s")
        % {"name": filename, "hint": NOT_AN_ARCHIVE}
    )
