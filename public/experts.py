"""The expert finder: researchers who take media requests, by expertise, language and team.

Only their public profile is shown; a journalist's request goes to the press office through the
contact form (desk/media_requests.py), never to the researcher's own address or phone.
"""

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from taggit.models import Tag

from core.keywords import keywords_as_list
from research.models import Membership, Person
from research.models.people import language_name

from .forms import team_field


def expertise_choices():
    tags = Tag.objects.filter(experts__in=Person.objects.experts()).distinct().order_by("name")
    return [("", _("Any expertise")), *((tag.slug, tag.name) for tag in tags)]


def language_choices():
    codes = {code for person in Person.objects.experts().only("languages") for code in person.language_codes}
    names = sorted((language_name(code), code) for code in codes)
    return [("", _("Any language")), *((code, name) for name, code in names)]


class ExpertFilterForm(forms.Form):
    """The directory's filters, read from the query string; invalid values are reported and ignored."""

    expertise = forms.ChoiceField(label=_("Expertise"), required=False)
    language = forms.ChoiceField(label=_("Speaks"), required=False)
    team = team_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].choices = expertise_choices()
        self.fields["language"].choices = language_choices()

    def filter(self, queryset):
        self.is_valid()  # keeps only the valid fields in cleaned_data; errors are shown beside the form
        data = self.cleaned_data
        if data.get("expertise"):
            queryset = queryset.filter(expertise__slug=data["expertise"])
        if data.get("language"):
            queryset = queryset.speaking(data["language"])
        if data.get("team"):
            queryset = queryset.filter(memberships__team=data["team"], memberships__ended_on__isnull=True)
        return queryset.distinct()


class ExpertListView(ListView):
    template_name = "research/expert_list.html"
    context_object_name = "experts"
    paginate_by = 24

    def get_queryset(self):
        self.filter_form = ExpertFilterForm(self.request.GET)
        current = Membership.objects.filter(ended_on__isnull=True, team__is_active=True).select_related("team")
        experts = (
            Person.objects.experts()
            .select_related("affiliation")
            .prefetch_related(
                keywords_as_list("expertise", to_attr="expertise_list"),
                Prefetch("memberships", queryset=current, to_attr="current_memberships"),
            )
        )
        return self.filter_form.filter(experts)

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)
