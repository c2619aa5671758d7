"""Optimistic locking for admin forms: nobody silently overwrites a save made while they were editing.

The model keeps a ``lock_version`` that every save increases. The form carries the number it was
loaded with; on save the row is locked (``select_for_update``, in the admin's own transaction) and a
different number means someone saved in between: the save is refused, naming who and what changed,
and the form is shown again with what this person typed.
"""

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from .dates import when_text


class LockVersioned(models.Model):
    """A model whose every save adds one to ``lock_version``, so that a form saved from an older
    number is refused."""

    lock_version = models.PositiveIntegerField(_("lock version"), default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.lock_version += 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "lock_version"}
        super().save(*args, **kwargs)


class OptimisticLockForm(forms.ModelForm):
    lock_version = forms.IntegerField(label=_("lock version"), widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lock_version"].initial = self.instance.lock_version

    def clean(self):
        cleaned_data = super().clean()
        loaded = cleaned_data.get("lock_version")
        if self.instance.pk is None:
            return cleaned_data
        current = type(self.instance)._default_manager.select_for_update().get(pk=self.instance.pk)
        # The admin always renders the number: a form posted without it (an old page, a script)
        # cannot be checked, so it is stale.
        if loaded is None or current.lock_version != loaded:
            raise forms.ValidationError(conflict_message(current, loaded), code="conflict")
        return cleaned_data


class OptimisticLockAdminMixin:
    """Puts the form's version number in the page. The admin renders only the fields named in the
    fieldsets, so without this the number never reaches the browser and no save can be checked."""

    form = OptimisticLockForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        (name, options), *others = fieldsets
        return [(name, {**options, "fields": (*options["fields"], "lock_version")}), *others]

    def get_form(self, request, obj=None, **kwargs):
        # The number is a field of the form, not an editable field of the model: the form factory
        # must not be asked for it.
        fields = kwargs.get("fields") or flatten_fieldsets(self.get_fieldsets(request, obj))
        kwargs["fields"] = [field for field in fields if field != "lock_version"]
        return super().get_form(request, obj, **kwargs)


def conflict_message(current, loaded):
    saved_by, saved_at = last_saved_by(current)
    changed = changed_fields(current, loaded)
    what = ", ".join(str(name) for name in changed) if changed else gettext("fields that could not be compared")
    values = {"who": saved_by or gettext("Someone"), "item": current._meta.verbose_name, "what": what}
    advice = gettext(
        "Your changes have not been saved and are still in the form below: copy what you need, open the page "
        "again to see their version, and make your changes there."
    )
    if saved_at is None:
        saved = gettext("%(who)s saved this %(item)s a moment ago while you were editing. They changed: %(what)s.")
    else:
        values["when"] = when_text(saved_at)
        saved = gettext("%(who)s saved this %(item)s at %(when)s while you were editing. They changed: %(what)s.")
    return f"{saved % values} {advice}"


def last_saved_by(obj):
    version = Version.objects.get_for_object(obj).select_related("revision__user").first()
    if version is None:
        return None, None
    user = version.revision.user
    return (user.get_full_name() or user.get_username()) if user else None, version.revision.date_created


def changed_fields(current, loaded):
    """Labels of the fields that differ between the revision the form was loaded from and now."""
    for version in Version.objects.get_for_object(current):
        if version.field_dict.get("lock_version") == loaded:
            return [
                str(field.verbose_name)
                for field in current._meta.concrete_fields
                if field.editable
                and field.attname in version.field_dict
                and version.field_dict[field.attname] != getattr(current, field.attname)
            ]
    return []
