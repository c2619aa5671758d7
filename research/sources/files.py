"""Reading an uploaded reference file: its encoding, its format, then its entries."""

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .bibtex import read_bibtex
from .medline import read_medline
from .ris import read_ris


class UnreadableFile(Exception):
    """The file as a whole cannot be read; the message tells the editor what to upload instead."""


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    marker: re.Pattern
    read: Callable[[str], list]
    hint: str


FORMATS = (
    Format("BibTeX", (".bib", ".bibtex"), re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.M), read_bibtex, "“@article{…”"),
    Format("RIS", (".ris",), re.compile(r"^TY  -", re.M), read_ris, "“TY  - ”"),
    Format("PubMed/MEDLINE", (".nbib", ".medline"), re.compile(r"^PMID- ?\d", re.M), read_medline, "“PMID- ”"),
)
WHAT_TO_UPLOAD = gettext_lazy(
    "Export the references as BibTeX (.bib), RIS (.ris) or PubMed/MEDLINE (.nbib) and upload that file."
)


def read_file(filename, data):
    """The file's format and its entries; raises ``UnreadableFile`` when nothing in it can be read."""
    text = decode(data)
    file_format = detect_format(filename, text)
    entries = file_format.read(text)
    if not entries:
        raise UnreadableFile(
            _("“%(file)s” looks like a %(format)s file but holds no reference.")
            % {"file": filename, "format": file_format.name}
        )
    return file_format, entries


def file_format(filename, data):
    """The format of a file, found quickly (before its entries are read); raises ``UnreadableFile``."""
    return detect_format(filename, decode(data))


def decode(data):
    """Text from UTF-8 (or BOM-marked UTF-16). Bytes that are not UTF-8 are kept as escapes,
    so that only the entries that contain them are refused, not the whole file."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UnreadableFile(f"{_('The file says it is UTF-16 text but is not.')} {WHAT_TO_UPLOAD}") from error
    text = data.decode("utf-8-sig", errors="surrogateescape")
    if "\x00" in text:
        raise UnreadableFile(f"{_('This is not a text file.')} {WHAT_TO_UPLOAD}")
    return text


def detect_format(filename, text):
    """The format the content shows; the extension decides only when the content fits several."""
    extension = PurePath(filename or "").suffix.lower()
    named = next((candidate for candidate in FORMATS if extension in candidate.extensions), None)
    found = {candidate: match.start() for candidate in FORMATS if (match := candidate.marker.search(text))}
    if named in found:
        return named
    if found:
        return min(found, key=found.get)
    if named:
        raise UnreadableFile(
            _(
                "“%(file)s” is named like a %(format)s file, but no %(format)s reference was found in it "
                "(they start with %(hint)s)."
            )
            % {"file": filename, "format": named.name, "hint": named.hint}
            + f" {WHAT_TO_UPLOAD}"
        )
    raise UnreadableFile(_("“%s” is not a BibTeX, RIS or PubMed/MEDLINE file.") % filename + f" {WHAT_TO_UPLOAD}")
