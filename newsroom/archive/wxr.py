"""WordPress exports (WXR): posts with their excerpt, categories, tags, author and featured image."""

from django.utils.translation import gettext as _

from . import xml
from .items import ArchiveItem, Author, Picture, dated

SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}


def read(root):
    channel = xml.children(root, "channel")[0]
    wp = xml.wordpress_version(root)
    excerpt = f"{wp}excerpt/"
    authors = {
        xml.text(author, "author_login", wp): Author(
            name=xml.text(author, "author_display_name", wp)
            or " ".join(
                filter(None, (xml.text(author, "author_first_name", wp), xml.text(author, "author_last_name", wp)))
            ),
            email=xml.text(author, "author_email", wp),
        )
        for author in xml.children(channel, "author", wp)
    }
    entries = xml.children(channel, "item")
    attachments = {
        xml.text(entry, "post_id", wp): attachment_picture(entry, wp, excerpt)
        for entry in entries
        if xml.text(entry, "post_type", wp) == "attachment"
    }
    return [
        read_post(entry, wp, excerpt, authors, attachments)
        for entry in entries
        if xml.text(entry, "post_type", wp) in ("post", "")
    ]


def wordpress_author(author, wp):
    full_name = " ".join(filter(None, (xml.text(author, f"author_{part}_name", wp) for part in ("first", "last"))))
    return Author(
        name=full_name or xml.text(author, "author_display_name", wp), email=xml.text(author, "author_email", wp)
    )


def read_post(entry, wp, excerpt, authors, attachments):
    link = xml.text(entry, "link")
    item = ArchiveItem(
        guid=xml.text(entry, "guid") or link,
        title=xml.text(entry, "title"),
        old_url=link,
        body=xml.text(entry, "encoded", xml.CONTENT),
        standfirst=xml.text(entry, "encoded", excerpt),
        slug=xml.text(entry, "post_name", wp),
        keywords=list(dict.fromkeys(c.text.strip() for c in xml.children(entry, "category") if (c.text or "").strip())),
    )
    creator = xml.text(entry, "creator", xml.DUBLIN_CORE)
    if creator:
        item.authors = [authors.get(creator) or Author(name=creator)]
    meta = {xml.text(m, "meta_key", wp): xml.text(m, "meta_value", wp) for m in xml.children(entry, "postmeta", wp)}
    if meta.get("_thumbnail_id"):
        item.lead_picture = attachments.get(meta["_thumbnail_id"]) or Picture(
            source=f"attachment {meta['_thumbnail_id']}"
        )
    # The time in UTC when WordPress knows it (drafts have none), else the site's local time.
    utc = xml.text(entry, "post_date_gmt", wp)
    if utc and not utc.startswith("0000"):
        dated(item, f"{utc.replace(' ', 'T')}+00:00")
    else:
        dated(item, xml.text(entry, "post_date", wp) or xml.text(entry, "pubDate"))
    status = xml.text(entry, "status", wp)
    if status in SKIPPED_STATUSES:
        item.problem = _("its status in WordPress is “%(status)s”") % {"status": status}
    return item.check()


def attachment_picture(entry, wp, excerpt):
    meta = {xml.text(m, "meta_key", wp): xml.text(m, "meta_value", wp) for m in xml.children(entry, "postmeta", wp)}
    return Picture(
        source=xml.text(entry, "attachment_url", wp) or xml.text(entry, "guid"),
        alt=meta.get("_wp_attachment_image_alt", ""),
        caption=xml.text(entry, "encoded", excerpt),
    )
