"""Admin behaviour shared by the apps: checked prefill, read-only lists, picture storage errors, and the publishing
workflow."""

import datetime

from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.options import IS_POPUP_VAR, ActionLocation
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import drafts, workflow
from .dates import when_text
from .images import PictureNotStored
from .publishing import Action, Embargoable, permission
from .revisions import ensure_current_revision


def view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" redirect (``/admin/r/<type>/<id>/``), for what the user may see:
    a live item, or one they may change in the admin. Anything else is not found, so that the
    address of another team's draft stays unknown."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        model_admin = admin.site.get_model_admin(model)
        obj = model._default_manager.filter(pk=object_id).first()
    except (ContentType.DoesNotExist, NotRegistered, ValueError, ValidationError) as error:
        raise Http404 from error
    if obj is None or not (getattr(obj, "is_live", False) or may_change(request, model_admin, obj)):
        raise Http404
    return shortcut(request, content_type_id, object_id)


def may_change(request, model_admin, obj):
    in_scope = model_admin.get_queryset(request).filter(pk=obj.pk).exists()
    return in_scope and model_admin.has_change_permission(request, obj)


class PictureStorageAdminMixin:
    """A save whose picture the media storage refuses (full, read-only) says so on the page, and keeps
    nothing: the admin's transaction is rolled back and the picture's files are deleted."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except PictureNotStored as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class LabelledCellsInlineMixin:
    """For a tabular inline: each field is named by its column's heading, which screen readers do not
    announce for it (a tabular inline's cells have no <label>)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and not field.widget.is_hidden:
            field.widget.attrs.setdefault("aria-label", capfirst(field.label))
        return field


class CheckedPrefillMixin:
    """An add page can be prefilled from its address (``?team=3``). The autocomplete widgets look
    the values up in the database, so a value that is no id there (``?team=abc``) is dropped here
    rather than failing the page."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        return {name: value for name, value in initial.items() if self.is_valid_prefill(name, value)}

    def is_valid_prefill(self, name, value):
        try:
            field = self.opts.get_field(name)
        except FieldDoesNotExist:
            return True
        if not field.is_relation or field.related_model is None:
            return True
        try:
            for item in value if isinstance(value, list) else [value]:
                field.target_field.to_python(item)
        except ValidationError:
            return False
        return True


class ReadOnlyAdminMixin:
    """A list to read, never to add to, change or delete from by hand (the audit log, the trash)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StoredTimesForm:
    """The admin shows times to the second; one given back as shown is the stored time, fractions
    of a second included, so that a save that leaves it alone does not move it (nor log a new
    publish time)."""

    def clean(self):
        cleaned_data = super().clean()
        for name in self.fields:
            stored = getattr(self.instance, name, None) if self.instance.pk else None
            if isinstance(stored, datetime.datetime) and cleaned_data.get(name) and name not in self.changed_data:
                cleaned_data[name] = stored
        return cleaned_data


class PublishableAdminMixin:
    """The workflow of a publishable kind in its admin: the buttons of ``core.workflow.TRANSITIONS``
    on the change page (``transitions`` in the context), one POST address that applies them, the
    audit of form saves, and deletion that moves to the trash.

    A published item keeps its live version: the saves and restores of someone who may not publish
    become its pending draft (``core.drafts``), which its change page shows and edits, with a diff
    against the live version (``pending_changes_view``). It needs ``RevisionAdminMixin``."""

    # Deleting moves an item to the trash: the messages say so, and the bulk action needs no
    # confirmation, since nothing is lost.
    actions = ("trash_selected",)

    def get_urls(self):
        opts = self.opts
        transition = self.admin_site.admin_view(self.transition_view)
        name = f"{opts.app_label}_{opts.model_name}_transition"
        changes = self.admin_site.admin_view(self.pending_changes_view)
        return [
            path("<path:object_id>/transition/<slug:name>/", transition, name=name),
            path("<path:object_id>/pending-changes/", changes, name=f"{opts.app_label}_{opts.model_name}_pending"),
            *super().get_urls(),
        ]

    def workflow_context(self, request, obj):
        # ``original`` in the change page shows the pending draft; this is the row readers see.
        opts = self.opts
        context = {
            "transitions": workflow.buttons(request.user, obj),
            "live_item": obj,
            "transition_url_name": f"admin:{opts.app_label}_{opts.model_name}_transition",
        }
        if obj.has_pending_changes and self.has_change_permission(request, obj):
            context["pending_changes_url"] = self.revision_url("pending", obj)
        return context

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def workflow_status(self, obj):
        return obj.state_label

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        posted = request.method == "POST"
        if obj is None or not self.has_change_permission(request, obj):
            return super().changeform_view(request, object_id, form_url, extra_context)
        for_review = posted and drafts.needs_review(obj, request.user)
        if not (obj.has_pending_changes or for_review):
            return super().changeform_view(request, object_id, form_url, extra_context)
        had_pending = obj.has_pending_changes
        parent = super().changeform_view
        request.saves_for_review = for_review
        response, saved = drafts.run_on_draft(
            obj,
            request.user,
            lambda: parent(request, object_id, form_url, extra_context),
            keep_changes=("pending" if for_review else "live") if posted else None,
        )
        if saved and had_pending and not for_review:
            obj.record_event(request.user, Action.CHANGES_PUBLISHED, _("Saved by an editor with the changes."))
        return response

    def restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return super().restore_view(request, object_id, version_id)
        obj = self.editable_object(request, object_id)
        if not drafts.needs_review(obj, request.user):
            return super().restore_view(request, object_id, version_id)
        parent = super().restore_view
        request.saves_for_review = True
        response, _saved = drafts.run_on_draft(
            obj, request.user, lambda: parent(request, object_id, version_id), keep_changes="pending"
        )
        return response

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "saves_for_review", False) and level == messages.SUCCESS:
            message = _(
                "Your changes are saved as unpublished changes: readers still see the live version until an "
                "editor publishes them. Submit them for review when they are ready."
            )
        return super().message_user(request, message, level, *args, **kwargs)

    def pending_changes_view(self, request, object_id):
        """The pending draft against the live version, field by field."""
        obj = self.editable_object(request, object_id)
        pending = drafts.pending_version(obj)
        if pending is None:
            self.message_user(request, _("This item has no unpublished changes."), messages.INFO)
            return redirect(self.revision_url("change", obj))
        live = ensure_current_revision(obj, request.user, _("Live version, compared with its unpublished changes."))
        return self.diff_response(request, obj, live, pending, _("Unpublished changes to “%s”") % obj)

    def transition_view(self, request, object_id, name):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.editable_object(request, object_id)
        transition = workflow.TRANSITIONS.get(name)
        if transition is None:
            raise PermissionDenied
        try:
            transition.apply(obj, request.user, request.POST)
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("“%(item)s”: %(action)s — done.") % {"item": obj, "action": str(transition.label).lower()}
            )
        return redirect(self.revision_url("change", obj))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (StoredTimesForm, form), {})

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not request.user.has_perm(permission(self.model, "publish")):
            # Without the publishing right these are shown, not editable: a tampered POST is ignored.
            readonly += ("status", "publish_at", "expire_at")
            if issubclass(self.model, Embargoable):
                readonly += ("embargo_until",)
        return readonly

    def get_queryset(self, request):
        return super().get_queryset(request).not_trashed()

    def save_model(self, request, obj, form, change):
        before = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        if change:
            workflow.record_form_changes(obj, before, request.user)
        else:
            obj.record_event(request.user, Action.CREATED)

    def after_restore(self, request, obj, version):
        when = version.revision.date_created
        obj.record_event(request.user, Action.REVERTED, _("Revision of %s.") % when_text(when))

    def delete_model(self, request, obj):
        workflow.trash(obj, request.user)

    def delete_queryset(self, request, queryset):
        for item in queryset:
            workflow.trash(item, request.user)

    def response_delete(self, request, obj_display, obj_id):
        if IS_POPUP_VAR in request.POST:
            return super().response_delete(request, obj_display, obj_id)
        self.message_user(request, _("“%s” is in the trash: it can be restored from there.") % obj_display)
        context = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
        changelist = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        return redirect(add_preserved_filters(context, changelist))

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=gettext_lazy("Move the selected items to the trash"), permissions=("delete",))
    def trash_selected(self, request, queryset):
        items = [item for item in queryset if self.has_delete_permission(request, item)]
        self.delete_queryset(request, items)
        self.message_user(
            request,
            ngettext(
                "%d item moved to the trash; it can be restored from there.",
                "%d items moved to the trash; they can be restored from there.",
                len(items),
            )
            % len(items),
        )
