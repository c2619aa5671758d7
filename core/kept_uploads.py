"""An upload kept while its form is corrected, so that a form refused for another field (a missing
alt text) does not make the editor choose the file again.

The kept file is the upload already cleaned (re-encoded without its metadata) and stored under a
random name; the form carries only a signed token naming it, so nobody can make a form pick up
another stored file.
"""

import mimetypes
import os
from uuid import uuid4

from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from . import images

FOLDER = "uploads/kept/"
SALT = "core.kept-upload"
MAX_AGE_SECONDS = 24 * 60 * 60


def keep(file):
    """Store a checked upload for later; returns the token that brings it back."""
    cleaned = images.cleaned_upload(file)
    name = default_storage.save(f"{FOLDER}{uuid4().hex}/{cleaned.name}", cleaned)
    return signing.dumps(name, salt=SALT)


def kept_name(token):
    """The stored name a token stands for, or None when the token is forged, too old or its file gone."""
    try:
        name = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not name.startswith(FOLDER) or ".." in name or not default_storage.exists(name):
        return None
    return name


def reopen(token):
    """The kept file as a new upload, ready for the form's field; None when there is none."""
    name = kept_name(token)
    if name is None:
        return None
    with default_storage.open(name) as stored:
        content = stored.read()
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return SimpleUploadedFile(os.path.basename(name), content, content_type)


def url(token):
    name = kept_name(token)
    return default_storage.url(name) if name else None


def forget(token):
    if name := kept_name(token):
        images.delete_quietly(default_storage, name)
