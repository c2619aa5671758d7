"""The downloads of a release: its text, and the media kit as one zip (the text, the pictures at
full resolution and their credits). Each file opens with the embargo notice while it holds."""

import tempfile
import zipfile

from django.template.loader import render_to_string
from django.utils.html import strip_tags

from .embargo import embargo_lines

SPOOL_BYTES = 16 * 1024 * 1024


def release_text(article, journalist):
    notice = embargo_lines(article.embargo_until, journalist.time_zone) if article.is_under_embargo else []
    kit = getattr(article, "media_kit", None)
    context = {
        "article": article,
        "notice": notice,
        "body": strip_tags(article.body.replace("</p>", "</p>\n\n")).strip(),
        "summary": kit.summary if kit else "",
        "contacts": article.press_contacts.all(),
        "pictures": article.media_pictures.all(),
    }
    return render_to_string("press/release.txt", context)


def media_kit_zip(article, journalist):
    """The kit as a zip in a temporary file (kept in memory while small), ready to stream."""
    archive = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (the response closes it)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as kit:
        text = release_text(article, journalist)
        kit.writestr(f"{article.slug}.txt", text)
        if article.is_under_embargo:
            kit.comment = embargo_lines(article.embargo_until)[0].encode()[:65535]
        for picture in article.media_pictures.all():
            try:
                with picture.image.file.open("rb") as stored:
                    # Pictures are compressed already: stored as they are.
                    kit.writestr(f"pictures/{picture.download_name}", stored.read(), compress_type=zipfile.ZIP_STORED)
            except OSError:
                continue  # a picture missing from the storage leaves the rest of the kit whole
    archive.seek(0)
    return archive
