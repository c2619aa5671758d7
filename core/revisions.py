"""Revisions in the admin: every save is kept (django-reversion), with a history page, a readable
diff between any two revisions, and a one-click restore that is itself a new revision."""

import difflib
import re

import reversion
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from .dates import when_text


class KeywordsInRevisions:
    """For a model with ``keywords`` (django-taggit): its revisions follow ``keyword_links``, its tag
    rows, so that a diff shows keyword changes and a restore brings the keywords back. Register
    the model with ``follow=(…, "keyword_links")``."""

    @property
    def keyword_links(self):
        return TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(self), object_id=self.pk)


# Bookkeeping that a restore must not take back: the lock counter, timestamps, workflow state.
NOT_RESTORED = {
    "lock_version",
    "created_at",
    "updated_at",
    "deleted_at",
    "deleted_by_id",
    "pending_revision_id",
    "pending_submitted_at",
}


def restore_version(obj, version, user, *, keep=(), inlines=(), comment=None):
    """Bring ``obj`` back to ``version``: its fields, many-to-many links and the inline rows
    (``inlines``: related names of the followed reverse relations) saved in that revision.
    Fields named in ``keep`` stay as they are now. Saved as a new revision."""
    data = version.field_dict
    skip = NOT_RESTORED | set(keep)
    with transaction.atomic(), reversion.create_revision():
        many = {}
        for field in versioned_fields(type(obj), data):
            if field.attname in skip:
                continue
            if field.many_to_many:
                many[field.name] = data[field.attname]
            else:
                setattr(obj, field.attname, data[field.attname])
        obj.save()
        for name, ids in many.items():
            getattr(obj, name).set(ids)
        for related_name in inlines:
            restore_inline_rows(obj, version.revision, related_name)
        if hasattr(obj, "keyword_links"):
            obj.keywords.set(Tag.objects.filter(pk__in=keyword_ids(version.revision, obj)))
        if hasattr(obj, "refresh_search_vector"):
            obj.refresh_search_vector()
        reversion.set_user(user)
        reversion.set_comment(
            comment or gettext("Restored the revision of %s.") % when_text(version.revision.date_created)
        )


def ensure_current_revision(obj, user, comment):
    """The latest revision of ``obj``, keeping one first if the row was saved outside the admin
    (seed content, an import) or has changed since. Diffs, conflict messages and preview links
    all start from a revision. A pending draft (``core.drafts``) is not the row's state."""
    version = Version.objects.get_for_object(obj).exclude(revision_id=getattr(obj, "pending_revision_id", None)).first()
    if version is not None and version.field_dict.get("lock_version") == obj.lock_version:
        return version
    with transaction.atomic(), reversion.create_revision():
        reversion.add_to_revision(obj)
        reversion.set_user(user)
        reversion.set_comment(comment)
    return Version.objects.get_for_object(obj).first()


def keyword_ids(revision, obj):
    """The tags ``obj`` had in ``revision``: its keyword rows are followed (``keyword_links``)."""
    return sorted(
        version.field_dict["tag_id"]
        for version in revision.version_set.get_for_model(TaggedItem)
        if str(version.field_dict.get("object_id")) == str(obj.pk)
    )


def keyword_change(older, newer, obj):
    """The diff line for keywords, or None when they did not change (or the model has none)."""
    if not hasattr(obj, "keyword_links"):
        return None
    before, after = keyword_ids(older.revision, obj), keyword_ids(newer.revision, obj)
    if before == after:
        return None
    names = dict(Tag.objects.filter(pk__in={*before, *after}).values_list("pk", "name"))
    return format_html(
        "<del>{}</del> → <ins>{}</ins>",
        ", ".join(sorted(names.get(pk, "?") for pk in before)) or "—",
        ", ".join(sorted(names.get(pk, "?") for pk in after)) or "—",
    )


def versioned_fields(model, data):
    """The fields a revision holds a value for (tags are kept as followed rows, see keyword_ids)."""
    for field in model._meta.concrete_fields + model._meta.many_to_many:
        if field.attname in data and (not field.many_to_many or isinstance(data[field.attname], list)):
            yield field


def restore_inline_rows(obj, revision, related_name):
    manager = getattr(obj, related_name)
    field = manager.field
    saved = [
        version
        for version in revision.version_set.get_for_model(field.model)
        if version.field_dict.get(field.attname) == obj.pk
    ]
    manager.exclude(pk__in=[version.object_id for version in saved]).delete()
    for version in saved:
        row = version._object_version.object
        if field.model._default_manager.filter(pk=row.pk).exclude(**{field.attname: obj.pk}).exists():
            # Its number went to another row since (a rolled-back draft's row, on SQLite): never
            # take that row over.
            row.pk = None
        row.save()


def field_changes(older, newer, model):
    """[(label, diff html)] for each field that differs between two versions, in model order."""
    changes = []
    for field in versioned_fields(model, newer.field_dict):
        if field.attname in NOT_RESTORED:
            continue
        before, after = older.field_dict.get(field.attname), newer.field_dict.get(field.attname)
        if before != after:
            changes.append((str(field.verbose_name), describe_change(field, before, after)))
    return changes


def describe_change(field, before, after):
    if field.many_to_many or isinstance(field, models.ForeignKey):
        return format_html(
            "<del>{}</del> → <ins>{}</ins>", display_related(field, before), display_related(field, after)
        )
    return text_diff(display_value(field, before), display_value(field, after))


def display_value(field, value):
    if value is None:
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def display_related(field, ids):
    ids = [] if ids is None else ids if isinstance(ids, list) else [ids]
    rows = field.related_model._default_manager.filter(pk__in=ids)
    return ", ".join(str(row) for row in rows) or "—"


# A word or an HTML tag, with the white space before it. Rich text saved by the editor loses the
# line breaks between paragraphs that seed or imported text has; comparing the words and tags
# alone keeps such a save from showing every paragraph as rewritten.
TOKEN = re.compile(r"(\s*)(<[^>]*>|[^\s<]+)")


def text_diff(before, after):
    """The two texts word by word, removed words struck through, added words underlined."""
    old_tokens, new_tokens = TOKEN.findall(before), TOKEN.findall(after)
    parts = []
    matcher = difflib.SequenceMatcher(
        None, [token for _, token in old_tokens], [token for _, token in new_tokens], autojunk=False
    )
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(("{}{}", *spaced(new_tokens[j1:j2])))
            continue
        if i2 > i1:
            parts.append(("{}<del>{}</del>", *spaced(old_tokens[i1:i2])))
        if j2 > j1:
            parts.append(("{}<ins>{}</ins>", *spaced(new_tokens[j1:j2])))
    return format_html_join("", "{}", ((format_html(template, space, text),) for template, space, text in parts))


def spaced(tokens):
    """(" " if the run follows white space, else "", the run's tokens with single spaces kept)."""
    space = " " if tokens[0][0] else ""
    return space, "".join((" " if gap else "") + token for gap, token in tokens).strip()


class RevisionAdminMixin:
    """Keeps a revision of every admin save and adds history, diff and restore pages.

    ``revision_inlines`` names the reverse relations registered with ``follow``; ``restore_keeps``
    names fields that a restore leaves as they are (e.g. the workflow status)."""

    revision_inlines = ()
    restore_keeps = ()
    object_history_template = "admin/revisions/history.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/revisions/diff/", view(self.diff_view), name="{}_{}_diff".format(*info)),
            path(
                "<path:object_id>/revisions/<int:version_id>/restore/",
                view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
        ] + super().get_urls()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            obj = self.get_object(request, unquote(object_id)) if object_id else None
            if obj is not None and self.has_change_permission(request, obj):
                ensure_current_revision(obj, request.user, gettext("State when first opened in the admin."))
            return super().changeform_view(request, object_id, form_url, extra_context)
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or gettext("Added."))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or gettext("Saved without changes."))
        return entry

    def versions_of(self, obj):
        return Version.objects.get_for_object(obj).select_related("revision__user")

    def editable_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def history_view(self, request, object_id, extra_context=None):
        obj = self.editable_object(request, object_id)
        context = {"versions": self.versions_of(obj), "diff_url": self.revision_url("diff", obj)}
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def diff_view(self, request, object_id):
        obj = self.editable_object(request, object_id)
        versions = self.versions_of(obj)
        try:
            older = versions.get(pk=int(request.GET.get("from", "")))
            newer = versions.get(pk=int(request.GET.get("to", "")))
        except (ValueError, Version.DoesNotExist):
            messages.error(request, gettext("Choose two revisions of this page to compare."))
            return redirect(self.revision_url("history", obj))
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        return self.diff_response(request, obj, older, newer, gettext("Changes to “%s”") % obj)

    def diff_response(self, request, obj, older, newer, title):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "title": title,
            "older": older,
            "newer": newer,
            "changes": field_changes(older, newer, self.model)
            + [(gettext("keywords"), change) for change in [keyword_change(older, newer, obj)] if change],
            "history_url": self.revision_url("history", obj),
        }
        return TemplateResponse(request, "admin/revisions/diff.html", context)

    @transaction.non_atomic_requests
    def restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return require_POST(lambda request: None)(request)
        obj = self.editable_object(request, object_id)
        version = get_object_or_404(self.versions_of(obj), pk=version_id)
        restore_version(obj, version, request.user, keep=self.restore_keeps, inlines=self.revision_inlines)
        self.after_restore(request, obj, version)
        when = when_text(version.revision.date_created)
        message = gettext("“%(item)s” is back to its revision of %(when)s.") % {"item": obj, "when": when}
        self.message_user(request, message, messages.SUCCESS)
        return redirect(self.revision_url("change", obj))

    def after_restore(self, request, obj, version):
        """A hook for an audit entry."""

    def revision_url(self, view, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}", args=[obj.pk])
