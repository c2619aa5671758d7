"""What becomes of one ``ArchiveItem``: ``assess`` says what would be done and why, ``save_item`` does it.

An item is recognised on a re-run by its old guid (or address): unchanged in the export, it is
skipped; changed, its article is updated, unless an editor has changed the article here since its
import. An item is saved in one savepoint, with its pictures, keywords, authors, its record of
origin and the redirects of its old addresses, so a broken item leaves nothing behind. Jobs save
new articles a batch at a time (``batches``) with the same pieces.
"""

import hashlib
import html
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.redirects.models import Redirect
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat, Lower
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from taggit.models import Tag

from core.images import PictureNotStored
from core.publishing import Action, Status
from core.richtext import sanitize_html
from core.slugs import unique_slug

from ..models import ArchivedArticle, ArchivedPicture, Article, Image
from ..models.archive import ArchiveImportItem, archive_key

CREATED, UPDATED, SKIPPED, FAILED = (choice.value for choice in ArchiveImportItem.Action)
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""\b(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
REDIRECT_PATH_LENGTH = Redirect._meta.get_field("old_path").max_length
KEYWORD_LENGTH = Tag._meta.get_field("name").max_length
# What breaks one item only: its pictures, a value the database refuses, a file that cannot be read.
IMPORT_ERRORS = (ValidationError, PictureNotStored, ValueError, OSError)


@dataclass
class ImportOptions:
    pictures: object  # a pictures.PictureFiles
    publish: bool = False
    dry_run: bool = False
    user: object = None
    source: str = ""  # the file's name, for the revision comments
    authors: "AuthorMatcher" = field(default_factory=lambda: AuthorMatcher())


@dataclass
class Outcome:
    action: str
    title: str
    old_url: str = ""
    reason: str = ""
    notes: list[str] = field(default_factory=list)
    article: Article | None = None

    @property
    def details(self):
        return " ".join(filter(None, [self.reason, *self.notes]))


def assess(item, options, origin, first_position=None, position=None):
    """(outcome, fingerprint, users): what would be done with ``item`` and why, before anything is saved.

    ``origin`` is the record of the item's earlier import, if any; ``first_position`` is where the
    file had the same guid first. In a dry run the outcome is final; otherwise an outcome "created"
    or "updated" is carried out by ``save_item`` (or, for new articles, by a batch)."""
    outcome = Outcome(action=FAILED, title=item.title, old_url=item.old_url or item.guid)
    if item.problem:
        outcome.reason = _("Not imported: %(problem)s.") % {"problem": item.problem}
        return outcome, "", []
    if first_position is not None and first_position != position:
        outcome.action = SKIPPED
        outcome.reason = _("A duplicate: item %(number)s of the file has the same guid.") % {
            "number": first_position + 1
        }
        return outcome, "", []
    fingerprint = hashlib.sha256(json.dumps(asdict(item), default=str, sort_keys=True).encode()).hexdigest()
    if origin is not None:
        refusal = why_not_update(origin, fingerprint)
        if refusal:
            outcome.action, outcome.reason, outcome.article = SKIPPED, refusal, origin.article
            return outcome, fingerprint, []
    users, outcome.notes = options.authors.match(item.authors)
    outcome.notes += [
        _("The picture “%(source)s” is not among the files given; it is left out.") % {"source": source}
        for source in picture_sources(item)
        if not options.pictures.has(source)
    ]
    outcome.action = UPDATED if origin else CREATED
    if options.dry_run:
        outcome.reason = _("Would be updated: it changed in the export.") if origin else _("Would be created.")
    return outcome, fingerprint, users


def save_item(item, options, origin, outcome, fingerprint, users):
    """Carry out an assessed outcome for one item, in its own transaction and revision."""
    try:
        with transaction.atomic(), reversion.create_revision():
            outcome.article = save_article(item, options, origin, users)
            remember_origin(item, outcome, origin, fingerprint)
            redirect_old_addresses(item, outcome.article)
            reversion.set_user(options.user)
            reversion.set_comment(revision_comment(options))
    except IMPORT_ERRORS as error:
        fail(outcome, error)


def fail(outcome, error):
    message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    outcome.action, outcome.article = FAILED, None
    outcome.reason = _("Not imported, nothing of it was saved: %(error)s") % {"error": message}


def revision_comment(options):
    return _("Imported from the archive “%(name)s”.") % {"name": options.source}


def why_not_update(origin, fingerprint):
    article = origin.article
    if origin.fingerprint == fingerprint:
        return _("Already imported, and unchanged in the export since.")
    if article.deleted_at is not None:
        return _("Already imported, and its article is in the trash: not brought back.")
    if article.updated_at > origin.imported_at + timedelta(seconds=1):
        return _("Already imported, and its article has been edited here since: not overwritten.")
    return ""


class AuthorMatcher:
    """The staff accounts the export's authors name, by e-mail or full name (never new ones); each
    author is looked up once per import, however many items name them."""

    def __init__(self):
        self.known = {}

    def match(self, authors):
        """(users, notes) for the authors of one item."""
        users, notes = [], []
        for author in authors:
            key = (author.name.lower(), author.email.lower())
            if key not in self.known:
                self.known[key] = find_user(author)
            if self.known[key] is not None:
                users.append(self.known[key])
            else:
                notes.append(
                    _("The author “%(author)s” matches no single user here; noted, not linked.") % {"author": author}
                )
        return users, notes


def find_user(author):
    User = get_user_model()
    named = User.objects.annotate(full_name=Lower(Concat("first_name", Value(" "), "last_name")))
    query = Q(pk__in=[])
    if author.email:
        query |= Q(email__iexact=author.email)
    if author.name:
        query |= Q(full_name=author.name.lower()) | Q(username__iexact=author.name)
    found = list(named.filter(query)[:2])
    return found[0] if len(found) == 1 else None


def picture_sources(item):
    sources = [item.lead_picture.source] if item.lead_picture else []
    return sources + [attributes(tag).get("src") for tag in IMG_TAG.findall(item.body) if attributes(tag).get("src")]


def attributes(tag):
    """{"src": …, "alt": …} of an <img> tag as the export wrote it, quoted or not."""
    return {name.lower(): html.unescape("".join(values)) for name, *values in ATTRIBUTE.findall(tag)}


def save_article(item, options, origin, users):
    article = fill_article(origin.article if origin else Article(), item, options)
    if origin is None:
        # The old slug where it is free, so the new address looks like the old one.
        article.slug = unique_slug(article, item.slug, reserved=Article.RESERVED_SLUGS) if item.slug else ""
    article.save()
    article.keywords.set(keywords_of(item))
    article.authors.set(users)
    if origin is None:
        article.record_event(options.user, Action.CREATED, revision_comment(options))
    return article


def keywords_of(item):
    """The item's keywords as tags can hold them: at most 50, each cut to the length of a tag's name."""
    return list(dict.fromkeys(name.strip()[:KEYWORD_LENGTH] for name in item.keywords[:50] if name.strip()))


def fill_article(article, item, options):
    """Set what the export says on ``article`` (its pictures stored in the library); a new one's status and time."""
    article.title = item.title[:255]
    article.standfirst = item.standfirst
    # Pictures are placed before sanitising, which removes those of other sites (the old one included).
    article.body = sanitize_html(place_pictures(item.body, options))
    if item.lead_picture and options.pictures.has(item.lead_picture.source):
        article.lead_image = library_picture(item.lead_picture.source, item.lead_picture.alt, options)
    if article.pk is None:
        article.status = Status.PUBLISHED if options.publish else Status.DRAFT
        article.publish_at = item.published_at
    return article


def place_pictures(body, options):
    """The body with each picture found among the files replaced by the library's copy, the others removed."""

    def replace(match):
        found = attributes(match.group(0))
        source = found.get("src", "")
        if not options.pictures.has(source):
            return ""
        image = library_picture(source, found.get("alt", ""), options)
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}">', image.file.url, image.alt_text, image.width, image.height
        )

    return IMG_TAG.sub(replace, body)


def library_picture(source, alt, options):
    """The image library's copy of a picture file (made once through the picture pipeline), with its alt text.

    A picture without alt text in the export is stored without it, and the library's "alt text
    missing" filter shows it to editors."""
    path, read = options.pictures.find(source)
    known = ArchivedPicture.objects.filter(key=archive_key(path)).select_related("image").first()
    if known is not None:
        return known.image
    image = Image(alt_text=alt.strip()[:300])
    image.file = ContentFile(read(), name=path.rsplit("/", 1)[-1])  # checked and cleaned by the PictureField
    try:
        image.save()
    except ValidationError as error:
        raise ValidationError(
            _("the picture “%(path)s”: %(error)s") % {"path": path, "error": " ".join(error.messages)}
        ) from None
    ArchivedPicture.objects.create(key=archive_key(path), source=path, image=image)
    return image


def remember_origin(item, outcome, origin, fingerprint):
    origin = origin or ArchivedArticle(article=outcome.article, key=archive_key(item.guid))
    origin.guid, origin.old_url, origin.fingerprint = item.guid, item.old_url, fingerprint
    origin.note = " ".join(outcome.notes)
    origin.imported_at = timezone.now()
    origin.save()


def redirect_old_addresses(item, article):
    for old_path in old_paths(item):
        Redirect.objects.update_or_create(
            site_id=settings.REDIRECTS_SITE_ID, old_path=old_path, defaults={"new_path": article.get_absolute_url()}
        )


def old_paths(item):
    """The paths of the item's old addresses that can redirect (its link and its guid, when they are addresses)."""
    for address in dict.fromkeys(filter(None, (item.old_url, item.guid))):
        old_path = local_path(address)
        if old_path and old_path != "/" and len(old_path) <= REDIRECT_PATH_LENGTH:
            yield old_path


def local_path(address):
    """ "/2019/05/lab-news/?p=12" from the old site's full address; "" for what is not an address."""
    parts = urlsplit(address.strip())
    if not parts.path.startswith("/") or (not parts.netloc and not address.startswith("/")):
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")
