"""The public subscription form: what to follow, how often, and the reader's address."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from core.spam import SpamGuardForm
from newsroom.models import Article
from research.models import Team

from .models import Frequency, Subscription


def keywords_in_use():
    """Keywords of live news or active teams: those a reader can have seen on the site."""
    live = Article.objects.live().values("keywords")
    teams = Team.objects.active().values("keywords")
    return Tag.objects.filter(Q(pk__in=live) | Q(pk__in=teams)).order_by("name")


class SubscribeForm(SpamGuardForm, forms.ModelForm):
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="slug",
    )
    keywords = forms.ModelMultipleChoiceField(
        label=_("Keywords"),
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="slug",
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of article"), choices=Article.Kind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, initial=Frequency.IMMEDIATE, widget=forms.RadioSelect
    )

    class Meta:
        model = Subscription
        fields = ["email", "frequency", "teams", "keywords", "kinds"]
        labels = {"email": _("Your e-mail address")}
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = Team.objects.active().order_by("acronym")
        self.fields["teams"].label_from_instance = lambda team: team.display_name
        self.fields["keywords"].queryset = keywords_in_use()
        self.order_fields(["email", "frequency", "teams", "keywords", "kinds", "website", "started"])
