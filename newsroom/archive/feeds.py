"""RSS 2.0 and Atom feeds of the old site: each item or entry, its full text where the feed has it."""

from . import xml
from .items import ArchiveItem, Author, Picture, dated


def read_rss(root):
    channel = xml.children(root, "channel")[0]
    return [read_rss_item(entry) for entry in xml.children(channel, "item")]


def read_rss_item(entry):
    link = xml.text(entry, "link")
    description = xml.text(entry, "description")
    body = xml.text(entry, "encoded", xml.CONTENT)
    item = ArchiveItem(
        guid=xml.text(entry, "guid") or link,
        title=xml.text(entry, "title"),
        old_url=link,
        # With full text, the description is the summary; without it, the description is all there is.
        body=body or description,
        standfirst=description if body else "",
        keywords=unique(c.text for c in xml.children(entry, "category")),
        authors=[Author(name=name) for name in unique([xml.text(entry, "creator", xml.DUBLIN_CORE)])]
        or rss_authors(xml.text(entry, "author")),
    )
    for enclosure in xml.children(entry, "enclosure"):
        if enclosure.get("type", "").startswith("image/") and enclosure.get("url"):
            item.lead_picture = Picture(source=enclosure.get("url"))
            break
    return dated(item, xml.text(entry, "pubDate") or xml.text(entry, "date", xml.DUBLIN_CORE)).check()


def rss_authors(text):
    """RSS's author is "email (Name)"."""
    if not text:
        return []
    address, _, name = text.partition("(")
    return [Author(name=name.rstrip(") ").strip(), email=address.strip() if "@" in address else "")]


def read_atom(root):
    return [read_atom_entry(entry) for entry in xml.children(root, "entry", xml.ATOM)]


def read_atom_entry(entry):
    links = xml.children(entry, "link", xml.ATOM)
    alternate = next((link.get("href", "") for link in links if link.get("rel", "alternate") == "alternate"), "")
    item = ArchiveItem(
        guid=xml.text(entry, "id", xml.ATOM) or alternate,
        title=xml.text(entry, "title", xml.ATOM),
        old_url=alternate,
        body=xml.text(entry, "content", xml.ATOM),
        standfirst=xml.text(entry, "summary", xml.ATOM),
        keywords=unique(c.get("term") for c in xml.children(entry, "category", xml.ATOM)),
        authors=[
            Author(name=xml.text(author, "name", xml.ATOM), email=xml.text(author, "email", xml.ATOM))
            for author in xml.children(entry, "author", xml.ATOM)
        ],
    )
    if not item.body:
        item.body, item.standfirst = item.standfirst, ""
    for link in links:
        if link.get("rel") == "enclosure" and link.get("type", "").startswith("image/"):
            item.lead_picture = Picture(source=link.get("href", ""), alt=link.get("title", ""))
            break
    published = xml.text(entry, "published", xml.ATOM) or xml.text(entry, "updated", xml.ATOM)
    return dated(item, published).check()


def unique(texts):
    return list(dict.fromkeys(text.strip() for text in texts if text and text.strip()))
