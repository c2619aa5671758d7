"""A URLconf for the publication import tests, and the recorded Crossref and PubMed answers.

The admin site here wires the import screens into a PublicationAdmin exactly as
research/admin.py does with ``publication_import_urls``, with a ``RecordedServer`` in place
of the network, so the screens are tested end to end without any request leaving the machine.
"""

from pathlib import Path
from urllib.parse import unquote

import httpx
from django.contrib import admin
from django.urls import path

from research.admin_views import publication_import_urls
from research.models import Publication

DATA = Path(__file__).parent / "data"
DOI = "10.1016/j.jcmgh.2021.01.008"
PMID = "33482394"

# What each recorded identifier answers: (HTTP status, file in tests/data), or an exception
# the transport raises as the real one would when the network fails.
RECORDED = {
    ("crossref", DOI): (200, "crossref_ahead_of_print.json"),
    ("crossref", "10.1016/j.missing.2021.404"): (404, "crossref_not_found.txt"),
    ("crossref", "10.5555/malformed"): (200, "crossref_malformed.json"),
    ("crossref", "10.5555/offline"): httpx.ConnectError("[Errno -3] Temporary failure in name resolution"),
    ("crossref", "10.5555/slow"): httpx.ReadTimeout("The read operation timed out"),
    ("pubmed", PMID): (200, "pubmed_ahead_of_print.xml"),
    ("pubmed", "99999999"): (404, "pubmed_not_found.html"),
    ("pubmed", "11111111"): (200, "pubmed_empty.xml"),
    ("pubmed", "22222222"): (200, "pubmed_malformed.xml"),
    ("pubmed", "33333333"): (200, "pubmed_entities.xml"),
    ("pubmed", "44444444"): httpx.ConnectTimeout("timed out"),
}


class RecordedServer:
    """Answers Crossref and PubMed requests from tests/data, and keeps the requests it was sent."""

    def __init__(self, crossref=None):
        """``crossref`` maps DOIs to other answers than the recorded ones."""
        self.answers = {**RECORDED, **{("crossref", doi): answer for doi, answer in (crossref or {}).items()}}
        self.requests = []
        self.transport = httpx.MockTransport(self.answer)

    def answer(self, request):
        self.requests.append(request)
        answer = self.answers.get(request_key(request))
        if answer is None:
            raise AssertionError(f"No recorded answer for {request.url}")
        if isinstance(answer, Exception):
            raise answer
        status, filename = answer
        return httpx.Response(status, content=(DATA / filename).read_bytes())


def request_key(request):
    if request.url.host == "api.crossref.org":
        return "crossref", unquote(request.url.path.removeprefix("/works/"))
    if request.url.host == "eutils.ncbi.nlm.nih.gov":
        return "pubmed", request.url.params.get("id")
    return request.url.host, str(request.url)


server = RecordedServer()
site = admin.AdminSite(name="admin")


class PublicationAdmin(admin.ModelAdmin):
    def get_urls(self):
        return publication_import_urls(self, transport=server.transport) + super().get_urls()


site.register(Publication, PublicationAdmin)

urlpatterns = [path("admin/", site.urls)]
