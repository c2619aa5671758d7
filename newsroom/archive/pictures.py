"""The picture files given beside an export: a folder or a zip archive, searched by path and file name.

An export names its pictures by address (``https://old.example.org/wp-content/uploads/2019/05/lab.jpg``);
the files given beside it may keep WordPress's folders or not. A picture is the file whose path ends
with the longest part of the address's path: ``uploads/2019/05/lab.jpg`` before plain ``lab.jpg``.
Nothing is ever fetched from the network.
"""

import io
import os
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from .items import UnreadableArchive

AMBIGUOUS = object()


class PictureFiles:
    def __init__(self, files=None):
        self.files = files or {}  # relative path -> a function returning the bytes
        self.by_suffix = {}
        for path in self.files:
            parts = path.lower().split("/")
            for start in range(len(parts)):
                suffix = "/".join(parts[start:])
                self.by_suffix[suffix] = AMBIGUOUS if suffix in self.by_suffix else path

    @classmethod
    def from_zip(cls, content):
        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
        except zipfile.BadZipFile:
            raise UnreadableArchive(_("The pictures file is not a zip archive.")) from None
        members = [m for m in archive.infolist() if not m.is_dir() and m.file_size <= settings.NEWSROOM_IMAGE_MAX_BYTES]
        return cls({m.filename.replace("\\", "/").lstrip("/"): (lambda m=m: archive.read(m)) for m in members})

    @classmethod
    def from_folder(cls, folder):
        root = Path(folder)
        if not root.is_dir():
            raise UnreadableArchive(_("“%(folder)s” is not a folder.") % {"folder": folder})
        files = {}
        for directory, _folders, names in os.walk(root):
            for name in names:
                path = Path(directory, name)
                files[path.relative_to(root).as_posix()] = path.read_bytes
        return cls(files)

    @classmethod
    def given(cls, archive=None, folder=""):
        if archive:
            return cls.from_zip(bytes(archive))
        if folder:
            return cls.from_folder(folder)
        return cls()

    def find(self, source):
        """(relative path, bytes) of the file an address or path names, or None."""
        path = unquote(urlsplit(source.strip()).path).lower().strip("/")
        parts = path.split("/")
        for start in range(len(parts)):
            found = self.by_suffix.get("/".join(parts[start:]))
            if isinstance(found, str):
                return found, self.files[found]
        return None

    def has(self, source):
        return self.find(source) is not None
