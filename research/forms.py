from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .importing import parse_identifier
from .models import Team
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
    file = forms.FileField(
        label=_("Reference file"),
        help_text=_(
            "BibTeX (.bib), RIS (.ris) or PubMed/MEDLINE (.nbib), as reference managers and PubMed export them: "
            "UTF-8 text, up to 5 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_REFERENCE_FILE_SIZE:
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s. Export fewer references at a time."),
                code="file_too_large",
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_REFERENCE_FILE_SIZE)},
            )
        return upload
