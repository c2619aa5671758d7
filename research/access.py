"""Per-team rights in the admin: a researcher works on their own teams' content and nothing else.

Whoever has ``research.work_on_all_teams`` (communications staff) is not limited. Everyone else
sees, opens and saves only rows of the teams they lead, co-lead or are named editors of; another
team's row by direct address is a 404, and a posted id of another team is an invalid choice.
A row shared with another team keeps that team's links when a researcher saves it, and only
staff may delete it.
"""

import dataclasses

from django import forms
from django.contrib import messages
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Team


def works_on_all_teams(user):
    return user.has_perm("research.work_on_all_teams")


def teams_out_of_reach(user):
    return Team.objects.exclude(pk__in=Team.objects.editable_by(user).values("pk"))


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
        others = [team for teams in self.links_out_of_reach(request, obj).values() for team in teams]
        return type(form.__name__, (TeamsRequiredForm, form), {"other_teams": others})

    # Links to teams the user cannot see ------------------------------------------------------

    def team_link_fields(self):
        return [field.name for field in self.opts.many_to_many if field.related_model is Team]

    def links_out_of_reach(self, request, obj):
        """``{field name: [teams]}``: the row's links to teams the user may not work on."""
        if obj is None or obj.pk is None or works_on_all_teams(request.user):
            return {}
        hidden = teams_out_of_reach(request.user)
        links = {name: list(getattr(obj, name).filter(pk__in=hidden.values("pk"))) for name in self.team_link_fields()}
        return {name: teams for name, teams in links.items() if teams}

    def save_related(self, request, form, formsets, change):
        # The form only offers the user's own teams, so saving it would drop the others' links.
        kept = self.links_out_of_reach(request, form.instance) if change else {}
        super().save_related(request, form, formsets, change)
        for name, teams in kept.items():
            getattr(form.instance, name).add(*teams)

    # Deleting a row shared with another team is for staff ------------------------------------

    def shared_rows(self, request, queryset):
        if works_on_all_teams(request.user):
            return []
        hidden = teams_out_of_reach(request.user).values("pk")
        shared = {obj for name in self.team_link_fields() for obj in queryset.filter(**{f"{name}__in": hidden})}
        return sorted(shared, key=str)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.has_delete_permission(request, obj) and self.links_out_of_reach(request, obj):
            self.message_user(request, refusal_to_delete([obj]), messages.ERROR)
            return redirect(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change", obj.pk)
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        for name, action in actions.items():
            if "delete" in getattr(action.func, "allowed_permissions", ()):
                actions[name] = dataclasses.replace(action, func=refusing_shared_rows(action.func))
        return actions


def refusing_shared_rows(action):
    """A deleting action that deletes nothing when a selected row is shared with another team."""

    def refusing(modeladmin, request, queryset):
        if shared := modeladmin.shared_rows(request, queryset):
            modeladmin.message_user(request, refusal_to_delete(shared), messages.ERROR)
            return None
        return action(modeladmin, request, queryset)

    refusing.allowed_permissions = action.allowed_permissions
    return refusing


def refusal_to_delete(rows):
    names = ", ".join(f"“{row}”" for row in rows)
    return ngettext(
        "Nothing was deleted: %(names)s is also linked to another team. "
        "Remove your team from it instead, or ask the communications office to delete it.",
        "Nothing was deleted: %(names)s are also linked to another team. "
        "Remove your team from them instead, or ask the communications office to delete them.",
        len(rows),
    ) % {"names": names}


class TeamsRequiredForm(forms.ModelForm):
    """A researcher's rows must belong to one of their teams, or they would vanish from their list;
    a row shared with another team (``other_teams``) may leave the user's teams and stay with theirs."""

    other_teams = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.other_teams and "teams" in self.fields:
            names = ", ".join(team.acronym for team in self.other_teams)
            self.fields["teams"].help_text = _("Also linked to %s, which you cannot change here.") % names

    def clean_teams(self):
        teams = self.cleaned_data.get("teams")
        if not teams and not self.other_teams:
            raise forms.ValidationError(_("Choose at least one of your teams."))
        return teams


class TeamScopedInlineMixin:
    """An inline of rows that each name a team: a researcher sees and changes only their own
    teams' rows, and the others (a membership of a team they merely belong to) stay as they are."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if works_on_all_teams(request.user):
            return queryset
        return queryset.filter(team__in=Team.objects.editable_by(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Team:
            kwargs["queryset"] = Team.objects.editable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
