"""Previews of unpublished articles, events and basic pages: in the admin for staff, and (articles)
through shareable signed links.

A preview renders the kind's public template, marked as a preview and never indexed. A shared
link shows the revision pinned when it was made, not whatever the article has become since. Both
show a live article's pending draft (``core.drafts``) when it has one: that is what is reviewed.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db.models import Prefetch
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from taggit.models import Tag

from core.drafts import pending_version
from core.revisions import ensure_current_revision, keyword_ids
from core.richtext import sanitize_html
from core.slugs import readable_slug
from research.models import Grant, Publication, PublicationAuthor, Team

from .models import Article, PreviewLink


def render_preview(request, article, *, link=None, status=200, live=False):
    context = {"article": article, "preview_link": link, "live_preview": live}
    return preview_response(request, "newsroom/article_preview.html", context, status)


def preview_response(request, template, context, status=200):
    response = TemplateResponse(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def render_item_preview(request, item, inlines=()):
    """The preview of an event or a basic page (``newsroom/<kind>_preview.html``): its pending draft, or the row."""
    version = pending_version(item)
    shown = item if version is None else item_at(version, inlines)
    name = item._meta.model_name
    return preview_response(request, f"newsroom/{name}_preview.html", {name: shown, "object": shown})


def item_at(version, inlines=(), querysets=None):
    """Any kind as it was in ``version``: its many-to-many links (read through ``querysets``, by
    field name, where given) and the inline rows (``inlines``, related names its revisions follow)
    saved in the same revision, in the prefetch cache."""
    item = version._object_version.object
    data, querysets = version.field_dict, querysets or {}
    cache = {
        field.name: querysets.get(field.name, field.related_model._default_manager).filter(pk__in=data[field.attname])
        for field in type(item)._meta.many_to_many
        if field.remote_field.through._meta.auto_created and isinstance(data.get(field.attname), list)
    }
    for related_name in inlines:
        remote = getattr(type(item), related_name).field
        rows = [v._object_version.object for v in version.revision.version_set.get_for_model(remote.model)]
        rows = [row for row in rows if getattr(row, remote.attname) == item.pk]
        cache[related_name] = sorted(rows, key=lambda row: (getattr(row, "order", 0), row.pk))
    item._prefetched_objects_cache = cache
    return item


def share(article, user, note=""):
    """A new preview link to the article as it is now, valid for PREVIEW_LINK_HOURS."""
    version = pending_version(article) or ensure_current_revision(article, user, "Revision kept for a preview link.")
    expires_at = timezone.now() + timedelta(hours=settings.PREVIEW_LINK_HOURS)
    return PreviewLink.objects.create(
        article=article, version=version, note=note, created_by=user, expires_at=expires_at
    )


def link_view(request, token):
    try:
        link = PreviewLink.from_token(token)
    except (signing.BadSignature, PreviewLink.DoesNotExist) as error:
        raise Http404("No such preview.") from error
    if not link.is_usable:
        response = TemplateResponse(request, "newsroom/preview_gone.html", {"link": link}, status=410)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    return render_preview(request, article_at(link.version), link=link)


# How the article page reads an article's links, for a preview to cost what the page costs.
ARTICLE_LINKS = {
    "teams": Team.objects.select_related("institution"),
    "publications": Publication.objects.prefetch_related(
        Prefetch("authors", queryset=PublicationAuthor.objects.select_related("person"))
    ),
    "grants": Grant.objects.select_related("funder"),
}


def article_at(version):
    """The article as it was in ``version``, with its links, keywords and inline rows from the same
    revision, ready for the public template (which reads them through the prefetch cache)."""
    article = item_at(version, ("article_people", "partnerships"), ARTICLE_LINKS)
    article._prefetched_objects_cache["keywords"] = Tag.objects.filter(pk__in=keyword_ids(version.revision, article))
    return article


def current_article(pk):
    """The article as its reviewers should see it: its pending draft, or the row."""
    article = Article.objects.for_detail().get(pk=pk)
    version = pending_version(article)
    return article if version is None else article_at(version)


def unsaved_article(form, formsets):
    """The article as the (unsaved, maybe incomplete) change form has it, with its links and rows,
    for the live preview: fields the form could not read keep their saved values."""
    form.is_valid()  # fills form.instance with every field that reads, whatever the others
    article, data = form.instance, form.cleaned_data
    saved_pk = article.pk
    if not article.slug:
        article.slug = readable_slug(article.title)
    article.body = sanitize_html(article.body)

    article._prefetched_objects_cache = {
        "keywords": keywords_named(data["keywords"]) if "keywords" in data else saved_keywords(saved_pk),
        "authors": chosen_or_saved(data, "authors", get_user_model().objects.all(), saved_pk),
        **{name: chosen_or_saved(data, name, queryset, saved_pk) for name, queryset in ARTICLE_LINKS.items()},
        "article_people": unsaved_rows(formsets.get("article_people")),
        "partnerships": unsaved_rows(formsets.get("partnerships")),
    }
    # Related managers need a primary key; a new article has none, and is never saved from here.
    article.pk = saved_pk or 0
    return article


def chosen_or_saved(data, name, queryset, saved_pk):
    if name in data:
        return queryset.filter(pk__in=[item.pk for item in data[name]])
    return queryset.filter(articles=saved_pk) if saved_pk else queryset.none()


def keywords_named(names):
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    return [existing.get(name) or Tag(name=name, slug=readable_slug(name)) for name in names]


def saved_keywords(saved_pk):
    return list(Article.objects.get(pk=saved_pk).keywords.all()) if saved_pk else []


def unsaved_rows(formset):
    """The inline rows as typed, in their order, without those marked for deletion or left empty."""
    if formset is None:
        return []
    rows = []
    for row_form in formset.forms:
        if not row_form.is_valid() or not row_form.has_changed() and row_form.instance.pk is None:
            continue
        if row_form.cleaned_data.get("DELETE"):
            continue
        rows.append(row_form.instance)
    return sorted(rows, key=lambda row: (row.order, row.pk or 0))
