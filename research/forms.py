from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .dates import PartialDate, parse_typed
from .importing import parse_identifier
from .models import Publication, Team
from .sources.http import MalformedIdentifier

MAX_REFERENCE_FILE_SIZE = 5 * 1024 * 1024


class TeamsForm(forms.Form):
    """The teams an imported publication joins, among those the user may work on.

    A researcher must choose at least one of their teams, so that what they import stays
    within their reach (and nobody else's); staff who work on all teams may leave it empty.
    """

    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The publication is added to these teams' pages."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["teams"]
        field.queryset = Team.objects.editable_by(user)
        field.required = not user.has_perm("research.work_on_all_teams")


class IdentifierForm(TeamsForm):
    identifier = forms.CharField(
        label=_("DOI or PubMed ID"),
        max_length=500,
        help_text=_(
            "For example 10.1016/j.jcmgh.2021.01.008, doi:10.1016/…, https://doi.org/10.1016/…, "
            "33482394 or https://pubmed.ncbi.nlm.nih.gov/33482394/."
        ),
        widget=forms.TextInput(attrs={"size": 60, "autofocus": True, "autocomplete": "off"}),
    )

    def clean_identifier(self):
        """The bare DOI or PubMed ID, so that the look-up gets what the editor meant."""
        try:
            return parse_identifier(self.cleaned_data["identifier"])[1]
        except MalformedIdentifier as error:
            raise ValidationError(str(error), code="malformed_identifier") from error


class ReferenceFileForm(TeamsForm):
    """References to import: an uploaded file, or the same text pasted (from a "Cite" button)."""

    file = forms.FileField(
        label=_("Reference file"),
        required=False,
        help_text=_(
            "BibTeX (.bib), RIS (.ris) or PubMed/MEDLINE (.nbib), as reference managers and PubMed export them: "
            "UTF-8 text, up to 5 MB."
        ),
    )
    text = forms.CharField(
        label=_("Or paste the references"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 80, "spellcheck": "false", "autocomplete": "off"}),
        help_text=_("BibTeX or RIS text, as a reference manager or a journal's “Cite” button gives it."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and upload.size > MAX_REFERENCE_FILE_SIZE:
            raise too_large(upload.size)
        return upload

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text.encode()) > MAX_REFERENCE_FILE_SIZE:
            raise too_large(len(text.encode()))
        return text if text.strip() else ""

    def clean(self):
        cleaned = super().clean()
        if self.has_error("file") or self.has_error("text"):
            return cleaned
        if not cleaned.get("file") and not cleaned.get("text"):
            raise ValidationError(_("Choose a file or paste references."), code="nothing_to_import")
        if cleaned.get("file") and cleaned.get("text"):
            raise ValidationError(
                _("Choose a file or paste references, not both: import one, then the other."), code="both"
            )
        return cleaned

    @property
    def source_field(self):
        return "file" if self.cleaned_data.get("file") else "text"

    def references(self):
        """The name and the bytes to import, whether uploaded or pasted."""
        if upload := self.cleaned_data.get("file"):
            return upload.name, upload.read()
        return gettext("pasted references"), self.cleaned_data["text"].encode()


def too_large(size):
    return ValidationError(
        _("The file is %(size)s; the limit is %(limit)s. Export fewer references at a time."),
        code="file_too_large",
        params={"size": filesizeformat(size), "limit": filesizeformat(MAX_REFERENCE_FILE_SIZE)},
    )


class PartialDateField(forms.CharField):
    """A date typed as far as it is known: 2021, 2021-01 (or 01/2021), or a whole date."""

    default_error_messages = {
        "invalid": _("Enter a year (2021), a month (2021-01) or a whole date (2021-01-19)."),
    }

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            day = forms.DateField().to_python(text)
        except ValidationError:
            day = None
        partial = PartialDate(day.year, day.month, day.day) if day else parse_typed(text)
        if partial is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return partial

    def prepare_value(self, value):
        return value.iso() if isinstance(value, PartialDate) else value


class PublicationForm(forms.ModelForm):
    """The publication's date is typed as far as it is known, and kept at that precision."""

    published_on = PartialDateField(
        label=_("published on"),
        required=False,
        widget=forms.TextInput(attrs={"size": 12, "placeholder": "2021-01-19"}),
        help_text=_("The year (2021), the month (2021-01) or the day (2021-01-19) of the version of record."),
    )

    class Meta:
        model = Publication
        fields = (
            *("title", "kind", "status", "is_open_access", "teams", "journal", "journal_abbreviation"),
            *("published_on", "volume", "issue", "pages", "doi", "pmid", "abstract"),
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.published_on:
            self.initial["published_on"] = self.instance.published

    def clean_published_on(self):
        partial = self.cleaned_data["published_on"]
        self.instance.published_on_precision = partial.precision if partial else PartialDate.precision
        return partial
