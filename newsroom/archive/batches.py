"""Importing a batch of items at once: ``import_batch``, called by the job inside one transaction.

Saved one by one, a new article costs some forty queries (its revision, taggit's look-ups, the
search document, a commit). Here the new articles of a batch are inserted together with their
keyword and author links, records of origin, redirects and audit entries, their search documents
are stored by one update and they share one revision, so a batch costs a few dozen queries
whatever its size. Items whose pictures go through the image pipeline store them first, in a
savepoint each, so that a broken picture breaks its item only; articles imported before and
changed in the export are updated one by one (``saving.save_item``), as re-runs are rare.
"""

from contextlib import nullcontext
from dataclasses import dataclass

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.redirects.models import Redirect
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from taggit.models import TaggedItem

from core import page_cache
from core.publishing import Action, Status
from core.search_index import refresh_search_documents
from core.slugs import readable_slug, unique_slug
from core.text import clean_text_fields

from ..models import ArchivedArticle, Article, EditorialEvent
from ..models.archive import archive_key
from .items import ArchiveItem
from .saving import (
    CREATED,
    IMPORT_ERRORS,
    UPDATED,
    Outcome,
    assess,
    fail,
    fill_article,
    keywords_of,
    old_paths,
    picture_sources,
    revision_comment,
    save_item,
)

BATCH_SIZE = 200


@dataclass
class NewArticle:
    item: ArchiveItem
    outcome: Outcome
    fingerprint: str
    users: list
    article: Article | None = None

    @property
    def keywords(self):
        return keywords_of(self.item)


def import_batch(entries, options):
    """[(position, outcome)] for ``entries``, [(position, item, position of its guid's first item)]."""
    origins = {
        origin.key: origin
        for origin in ArchivedArticle.objects.filter(
            key__in=[archive_key(item.guid) for _position, item, _first in entries]
        ).select_related("article")
    }
    results, fresh = [], []
    for position, item, first_position in entries:
        origin = origins.get(archive_key(item.guid))
        outcome, fingerprint, users = assess(item, options, origin, first_position, position)
        results.append((position, outcome))
        if options.dry_run or outcome.action not in (CREATED, UPDATED):
            continue
        if origin is not None:
            save_item(item, options, origin, outcome, fingerprint, users)
        else:
            fresh.append(NewArticle(item, outcome, fingerprint, users))
    create_articles([new for new in fresh if prepare(new, options)], options)
    return results


def prepare(new, options):
    """Make the item's article in memory, its pictures stored first; False (the outcome says why) if it broke."""
    stores_pictures = any(options.pictures.has(source) for source in picture_sources(new.item))
    try:
        with transaction.atomic() if stores_pictures else nullcontext():
            new.article = fill_article(Article(), new.item, options)
    except IMPORT_ERRORS as error:
        fail(new.outcome, error)
        return False
    return True


def create_articles(batch, options):
    if not batch:
        return
    give_slugs(batch)
    for new in batch:
        ready_to_insert(new.article)
    insert(Article, [new.article for new in batch])
    keyword_links = link_keywords(batch)
    insert(Article.authors.through, [link_author(new, user) for new in batch for user in dict.fromkeys(new.users)])
    now = timezone.now()
    insert(ArchivedArticle, [origin_of(new, now) for new in batch])
    insert(EditorialEvent, [created_event(new, options) for new in batch])
    redirect_old_addresses(batch)
    articles = [new.article for new in batch]
    refresh_search_documents(Article._base_manager.filter(pk__in=[a.pk for a in articles]), Article.search_parts)
    keep_revision(articles, keyword_links, options)
    page_cache.invalidate_on_commit()
    for new in batch:
        new.outcome.article = new.article


def give_slugs(batch):
    """The old slug (else one from the title) where it is free, as ``Article.save()`` would, with a
    query for the whole batch rather than one an article."""
    texts = [new.item.slug or new.article.title for new in batch]
    wanted = [readable_slug(text) for text in texts]
    taken = set(Article._base_manager.filter(slug__in=wanted).values_list("slug", flat=True)) | Article.RESERVED_SLUGS
    for new, text, slug in zip(batch, texts, wanted, strict=True):
        new.article.slug = unique_slug(new.article, text, reserved=taken) if slug in taken else slug
        taken.add(new.article.slug)


def ready_to_insert(article):
    """What ``save()`` derives for a new article, which a bulk insert does not call."""
    if article.status == Status.PUBLISHED and article.publish_at is None:
        article.publish_at = timezone.now()
    article.lock_version = 1


def insert(model, rows):
    """Insert ``rows`` together, cleaned as every save cleans text (``core.text``)."""
    for row in rows:
        clean_text_fields(model, row)
    return model._base_manager.bulk_create(rows)


def link_keywords(batch):
    """The keyword rows of the batch's articles, each knowing its article (for its revision)."""
    names = list(dict.fromkeys(name for new in batch for name in new.keywords))
    if not names:
        return []
    # taggit's own look-up: one query for the tags that exist, and the new ones made as it makes them.
    tags = {tag.name: tag for tag in batch[0].article.keywords._to_tag_model_instances(names, {})}
    links = [TaggedItem(content_object=new.article, tag=tags[name]) for new in batch for name in new.keywords]
    return insert(TaggedItem, links)


def link_author(new, user):
    return Article.authors.through(article_id=new.article.pk, user_id=user.pk)


def origin_of(new, now):
    return ArchivedArticle(
        article=new.article,
        key=archive_key(new.item.guid),
        guid=new.item.guid,
        old_url=new.item.old_url,
        fingerprint=new.fingerprint,
        note=" ".join(new.outcome.notes),
        imported_at=now,
    )


def created_event(new, options):
    return EditorialEvent(
        article=new.article,
        article_title=new.article.title,
        action=Action.CREATED,
        user=options.user,
        comment=revision_comment(options),
    )


def redirect_old_addresses(batch):
    """Each old address to its new article; a later item of the batch wins, as it would one by one."""
    targets = {}
    for new in batch:
        url = new.article.get_absolute_url()
        targets.update((path, url) for path in old_paths(new.item))
    existing = list(Redirect.objects.filter(site_id=settings.REDIRECTS_SITE_ID, old_path__in=targets))
    for redirect in existing:
        redirect.new_path = targets.pop(redirect.old_path)
    Redirect.objects.bulk_update(existing, ["new_path"])
    insert(
        Redirect,
        [Redirect(site_id=settings.REDIRECTS_SITE_ID, old_path=path, new_path=url) for path, url in targets.items()],
    )


def keep_revision(articles, keyword_links, options):
    """One revision for the batch, with each article's version and its keyword rows (as a save keeps).

    The keyword rows are added first, from memory: following them from each article would fetch
    each row's article and tag again, only to name them."""
    User = get_user_model()
    prefetch_related_objects(
        articles,
        Prefetch("authors", queryset=User.objects.order_by("pk")),
        "teams",
        "publications",
        "grants",
        "article_people",
        "partnerships",
    )
    with reversion.create_revision():
        for link in keyword_links:
            reversion.add_to_revision(link)
        for article in articles:
            reversion.add_to_revision(article)
        reversion.set_user(options.user)
        reversion.set_comment(revision_comment(options))
