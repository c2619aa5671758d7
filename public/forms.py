from django import forms
from django.conf import settings
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.page_cache import remembered, remembering
from newsroom.models import Article
from research.models import Publication, Team

from . import search


def html_attributes(attrs):
    """Attributes as Django's widgets/attrs.html writes them: a true one bare, a false one left out."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class QuickSelect(forms.Select):
    """Django's select, written by Python rather than by a template per option: for the 200 teams of a large
    institute, those templates took longer than all the rest of the news list. The same HTML (no option groups).

    What it writes is kept for each choice made until the content changes (core.page_cache.remembered),
    as the choices may be content (teams, years): writing the 200 teams' options took 1.3 ms a page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        if not remembering():
            return self.written(name, value, attrs)
        choices = [(str(key), str(label)) for key, label in self.choices]
        written = repr((name, value, sorted({**self.attrs, **(attrs or {})}.items()), choices))
        return remembered(f"select:{get_language()}:{written}", lambda: self.written(name, value, attrs))

    def written(self, name, value, attrs):
        widget = self.get_context(name, value, attrs)["widget"]
        options = [
            format_html(
                '\n  <option value="{}"{}>{}</option>',
                option["value"],
                html_attributes(option["attrs"]),
                option["label"],
            )
            for _group, group_options, _index in widget["optgroups"]
            for option in group_options
        ]
        opening = format_html('<select name="{}"{}>', widget["name"], html_attributes(widget["attrs"]))
        return mark_safe(opening + "".join(options) + "\n</select>")


class TeamChoices(BaseChoiceIterator):
    """The active teams as (slug, acronym) choices, read once until the content changes (core.page_cache)."""

    def __init__(self, field):
        self.field = field

    def teams(self):
        return remembered("team-choices", lambda: list(Team.objects.active().values_list("slug", "acronym")))

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.teams()

    def __len__(self):
        return len(self.teams()) + (self.field.empty_label is not None)

    def __bool__(self):
        return True


class TeamChoiceField(forms.ModelChoiceField):
    iterator = TeamChoices


def team_field():
    """The team filter of the news list and the search: active teams, by slug."""
    return TeamChoiceField(
        label=_("Team"),
        queryset=Team.objects.active().defer("search_vector"),
        widget=QuickSelect,
        to_field_name="slug",
        required=False,
        empty_label=_("All teams"),
    )


def year_field():
    return forms.IntegerField(
        label=_("Year"),
        min_value=1900,
        max_value=2999,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


class ArticleFilterForm(forms.Form):
    """The news list filters, read from the query string; invalid values are reported and ignored."""

    team = team_field()
    keyword = forms.SlugField(label=_("Keyword"), required=False, allow_unicode=True)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Article.Kind.choices], required=False, widget=QuickSelect
    )
    year = year_field()

    def filter(self, queryset):
        self.is_valid()  # keeps only the valid fields in cleaned_data; errors are shown beside the form
        data = self.cleaned_data
        lookups = {
            "teams": data.get("team"),
            "keywords__slug": data.get("keyword"),
            "kind": data.get("kind"),
            "publish_at__year": data.get("year"),
        }
        return queryset.filter(**{field: value for field, value in lookups.items() if value})


class PublicationFilterForm(forms.Form):
    """The publication list filters, read from the query string; invalid values are reported and ignored."""

    year = year_field()
    team = team_field()
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Publication.Kind.choices], required=False, widget=QuickSelect
    )
    open_access = forms.BooleanField(label=_("Open access only"), required=False)

    def filter(self, queryset):
        self.is_valid()  # keeps only the valid fields in cleaned_data; errors are shown beside the form
        data = self.cleaned_data
        lookups = {
            "published_on__year": data.get("year"),
            "teams": data.get("team"),
            "kind": data.get("kind"),
            "is_open_access": data.get("open_access"),
        }
        return queryset.filter(**{field: value for field, value in lookups.items() if value})


class QueryField(forms.CharField):
    """Takes whatever was typed: control characters are dropped and the length capped, never refused."""

    def to_python(self, value):
        return search.normalize_query(super().to_python(value))


class SearchForm(forms.Form):
    """The search box and its filters, read from the query string; invalid filters are reported and ignored."""

    q = QueryField(label=_("Search for"), required=False)
    type = forms.ChoiceField(
        label=_("Show"),
        choices=[("", _("Everything")), *((kind.key, kind.label) for kind in search.KINDS)],
        required=False,
        widget=QuickSelect,
    )
    team = team_field()
    keyword = forms.SlugField(label=_("Keyword"), required=False, allow_unicode=True)
    year = year_field()
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All languages")), *settings.LANGUAGES], required=False, widget=QuickSelect
    )

    def results(self):
        """{kind key: ranked queryset} for the kinds asked for; {} before anything is typed."""
        self.is_valid()  # keeps only the valid fields in cleaned_data; errors are shown beside the form
        data = self.cleaned_data
        kinds = [search.KINDS_BY_KEY[data["type"]]] if data.get("type") else search.KINDS
        return search.search(
            data.get("q", ""),
            team=data.get("team"),
            keyword=data.get("keyword") or None,
            year=data.get("year"),
            language=data.get("language") or None,
            kinds=kinds,
        )
