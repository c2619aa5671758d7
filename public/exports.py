"""Publication lists as files for reference managers: the whole institute's, a team's or a person's."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from research.exports import FORMATS, export_response
from research.models import Person, Publication, Team


def publication_export(request, file_format):
    """/publications/export.bib (.ris, .json for CSL-JSON, .txt), optionally ?team=slug or ?person=slug."""
    if file_format not in FORMATS:
        raise Http404("No such export format.")
    publications = Publication.objects.with_authors().order_by("-published_on", "title", "pk")
    name = "publications"
    if "\x00" in request.GET.get("team", "") + request.GET.get("person", ""):  # no slug holds one
        raise Http404("No such team or person.")
    if team_slug := request.GET.get("team"):
        team = get_object_or_404(Team, slug=team_slug)
        publications, name = publications.filter(teams=team), f"publications-{team.slug}"
    if person_slug := request.GET.get("person"):
        person = get_object_or_404(Person, slug=person_slug)
        publications, name = publications.filter(authors__person=person).distinct(), f"publications-{person.slug}"
    return export_response(publications, file_format, name)
