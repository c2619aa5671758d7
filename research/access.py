"""Per-team rights in the admin: a researcher works on their own teams' content and nothing else.

Whoever has ``research.work_on_all_teams`` (communications staff) is not limited. Everyone else
sees, opens and saves only rows of the teams they lead, co-lead or are named editors of; another
team's row by direct address is a 404, and a posted id of another team is an invalid choice.
"""

from django import forms
from django.http import Http404

from .models import Team


def works_on_all_teams(user):
    return user.has_perm("research.work_on_all_teams")


class TeamScopedAdminMixin:
    """``scope_queryset`` limits the rows; relation fields to teams are limited to the user's teams."""

    def scope_queryset(self, request, queryset):
        raise NotImplementedError

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if works_on_all_teams(request.user):
            return queryset
        return self.scope_queryset(request, queryset)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        # The admin would redirect with "does not exist"; outside one's teams is plainly not found.
        if obj is None and not works_on_all_teams(request.user):
            raise Http404
        return obj

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Team:
            kwargs["queryset"] = Team.objects.editable_by(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Team:
            kwargs["queryset"] = Team.objects.editable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if works_on_all_teams(request.user) or "teams" not in form.base_fields:
            return form
        return type(form.__name__, (TeamsRequiredForm, form), {})


class TeamsRequiredForm(forms.ModelForm):
    """A researcher's rows must belong to one of their teams, or they would vanish from their list."""

    def clean_teams(self):
        teams = self.cleaned_data.get("teams")
        if not teams:
            raise forms.ValidationError("Choose at least one of your teams.")
        return teams


class TeamScopedInlineMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Team:
            kwargs["queryset"] = Team.objects.editable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
