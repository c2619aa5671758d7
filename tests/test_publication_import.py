"""Publications from a DOI, a PubMed ID or a reference file, and the admin screens that do it.

Crossref and PubMed answer from the recordings in tests/data (see import_urls.RecordedServer):
no test touches the network. The admin screens are tested end to end through the test client,
with ROOT_URLCONF pointing at tests/import_urls.py, which wires them into a PublicationAdmin
the way research/admin.py does.
"""

import html
import io
import re
from datetime import date

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from factories import SEED_AUTHORS, make_person, make_publication, png_bytes
from import_urls import DATA, DOI, PMID, RecordedServer

from research.forms import MAX_REFERENCE_FILE_SIZE
from research.importing import CREATED, SKIPPED, UPDATED, ImportRights, import_file, import_identifier, save_record
from research.models import ImportJob, Publication
from research.sources.files import UnreadableFile
from research.sources.http import BadResponse, MalformedIdentifier, NotFound, SourceUnavailable, make_client
from research.sources.records import Author, Record

pytestmark = pytest.mark.django_db

# The site's own rights (as refresh_publications has them): these tests are about what is read and merged.
SITE = ImportRights.of_the_site()

BOUSQUET_ORCID = "0000-0001-8134-5796"
SEED_TITLE = (
    "Pharmacological normalization of pancreatic cancer-associated fibroblast secretome impairs "
    "pro-metastatic cross-talk with macrophages"
)


@pytest.fixture
def server(settings):
    settings.NEWSROOM_CONTACT_EMAIL = "communication@example.org"
    return RecordedServer()


@pytest.fixture
def http(server):
    with make_client(server.transport) as client:
        yield client


@pytest.fixture
def admin_urls(settings):
    settings.ROOT_URLCONF = "import_urls"


def data(name):
    return (DATA / name).read_bytes()


def author_names(publication):
    return [author.name for author in publication.authors.all()]


def reasons(summary):
    return [outcome.reason for outcome in summary.skipped]


# Looking up a DOI or a PubMed ID


def test_a_doi_creates_the_publication_with_what_crossref_knows(http):
    outcome = import_identifier(DOI, http, rights=SITE)

    publication = Publication.objects.get(doi=DOI)
    assert outcome.action == CREATED and outcome.publication == publication and outcome.source == "Crossref"
    assert publication.title == f"{SEED_TITLE}: Stromal CSF-1 facilitates metastasis"
    assert publication.journal == "Cellular and Molecular Gastroenterology and Hepatology"
    assert publication.journal_abbreviation == "Cell Mol Gastroenterol Hepatol"
    assert publication.published_on == date(2021, 1, 19)
    assert publication.status == Publication.Status.AHEAD_OF_PRINT
    assert publication.kind == Publication.Kind.ARTICLE
    assert (publication.volume, publication.issue, publication.pages) == ("", "", "")
    assert publication.abstract.startswith("Background & Aims Cancer-associated fibroblasts")
    assert "<jats" not in publication.abstract
    assert author_names(publication) == SEED_AUTHORS


def test_a_pubmed_id_creates_the_publication_with_what_pubmed_knows(http):
    outcome = import_identifier(PMID, http, rights=SITE)

    publication = Publication.objects.get(pmid=PMID)
    assert outcome.action == CREATED and outcome.source == "PubMed"
    assert publication.title == SEED_TITLE
    assert publication.doi == DOI
    assert publication.status == Publication.Status.AHEAD_OF_PRINT
    assert publication.published_on == date(2021, 1, 19)
    assert publication.journal_abbreviation == "Cell Mol Gastroenterol Hepatol"
    assert publication.pages == "", "the publisher's item id is not a page range"
    assert publication.abstract.startswith("BACKGROUND & AIMS: Cancer-associated fibroblasts")
    assert "CONCLUSIONS: Combining SOM230" in publication.abstract
    assert len(author_names(publication)) == 26
    assert author_names(publication)[:2] == ["Rémi Samain", "A Brunel"]


@pytest.mark.parametrize(
    "pasted, field, value",
    [
        ("10.1016/j.jcmgh.2021.01.008", "doi", DOI),
        ("doi:10.1016/J.JCMGH.2021.01.008", "doi", DOI),
        ("  https://doi.org/10.1016/j.jcmgh.2021.01.008 ", "doi", DOI),
        ("https://dx.doi.org/10.1016%2Fj.jcmgh.2021.01.008", "doi", DOI),
        ("33482394", "pmid", PMID),
        ("PMID: 33482394", "pmid", PMID),
        ("https://pubmed.ncbi.nlm.nih.gov/33482394/", "pmid", PMID),
        ("https://www.ncbi.nlm.nih.gov/pubmed/33482394", "pmid", PMID),
    ],
)
def test_every_usual_way_of_pasting_an_identifier_is_understood(http, pasted, field, value):
    outcome = import_identifier(pasted, http, rights=SITE)

    assert outcome.action == CREATED
    assert getattr(outcome.publication, field) == value


@pytest.mark.parametrize("pasted", ["hello", "10.1016", "https://example.org/10.1016/x", "0", "PMID: 0123"])
def test_a_malformed_identifier_is_refused_before_anything_is_asked(http, server, pasted):
    with pytest.raises(MalformedIdentifier) as error:
        import_identifier(pasted, http, rights=SITE)

    assert "PubMed ID" in str(error.value)
    assert server.requests == []


@pytest.mark.parametrize("identifier", ["10.1016/j.missing.2021.404", "99999999", "11111111"])
def test_an_identifier_the_source_does_not_know_is_reported_as_not_found(http, identifier):
    with pytest.raises(NotFound) as error:
        import_identifier(identifier, http, rights=SITE)

    assert "does not know" in str(error.value) and identifier in str(error.value)
    assert not Publication.objects.exists()


@pytest.mark.parametrize("identifier", ["10.5555/malformed", "22222222", "33333333"])
def test_an_answer_that_cannot_be_read_is_reported_as_a_bad_response(http, identifier):
    """A cut-off JSON body, a cut-off XML body, and XML that declares entities (refused)."""
    with pytest.raises(BadResponse) as error:
        import_identifier(identifier, http, rights=SITE)

    assert identifier in str(error.value)
    assert not Publication.objects.exists()


@pytest.mark.parametrize(
    "identifier, message",
    [
        ("10.5555/offline", "Crossref could not be reached"),
        ("10.5555/slow", "Crossref did not answer within 10 seconds"),
        ("44444444", "PubMed did not answer within 10 seconds"),
    ],
)
def test_an_unreachable_or_slow_source_is_reported_as_unavailable(http, identifier, message):
    with pytest.raises(SourceUnavailable) as error:
        import_identifier(identifier, http, rights=SITE)

    assert message in str(error.value)


def test_a_busy_source_is_reported_as_unavailable():
    busy = RecordedServer(crossref={DOI: (503, "crossref_not_found.txt")})
    with make_client(busy.transport) as client, pytest.raises(SourceUnavailable) as error:
        import_identifier(DOI, client, rights=SITE)

    assert "HTTP 503" in str(error.value)


def test_requests_name_the_newsroom_and_its_contact_address_and_time_out(http, server):
    import_identifier(DOI, http, rights=SITE)
    import_identifier(PMID, http, rights=SITE)

    crossref, pubmed = server.requests
    for request in (crossref, pubmed):
        assert request.headers["User-Agent"].startswith("Newsroom/")
        assert "mailto:communication@example.org" in request.headers["User-Agent"]
    assert pubmed.url.params["email"] == "communication@example.org"
    assert pubmed.url.params["db"] == "pubmed" and pubmed.url.params["retmode"] == "xml"
    assert http.timeout.read == 10 and http.timeout.connect == 10


# Saving: merging duplicates, filling only what is empty, linking authors


def test_the_same_doi_imported_twice_is_skipped_as_having_nothing_new(http):
    import_identifier(DOI, http, rights=SITE)
    outcome = import_identifier(f"https://doi.org/{DOI}", http, rights=SITE)

    assert outcome.action == SKIPPED
    assert "nothing new" in outcome.reason and "same DOI" in outcome.reason
    assert Publication.objects.count() == 1


def test_a_record_merges_by_doi_and_fills_only_the_empty_fields(http):
    existing = make_publication(
        authors=(), doi=DOI, title="The editor's title", journal="", abstract="The editor's summary."
    )

    outcome = import_identifier(PMID, http, rights=SITE)

    existing.refresh_from_db()
    assert outcome.action == UPDATED and outcome.publication == existing
    assert Publication.objects.count() == 1
    assert existing.title == "The editor's title"
    assert existing.abstract == "The editor's summary."
    assert existing.journal == "Cellular and molecular gastroenterology and hepatology"
    assert existing.pmid == PMID
    assert "PubMed ID" in outcome.changes and "26 authors" in outcome.changes


def test_a_record_merges_by_pubmed_id_when_no_publication_has_its_doi(http):
    existing = make_publication(authors=(), pmid=PMID, doi=None, title="Known by its PubMed ID only")

    outcome = import_identifier(PMID, http, rights=SITE)

    existing.refresh_from_db()
    assert outcome.action == UPDATED
    assert existing.doi == DOI
    assert existing.title == "Known by its PubMed ID only"
    assert Publication.objects.count() == 1


def test_a_record_whose_doi_and_pubmed_id_belong_to_two_publications_is_skipped(http):
    by_doi = make_publication(authors=(), doi=DOI, title="First copy")
    by_pmid = make_publication(authors=(), pmid=PMID, title="Second copy")

    outcome = import_identifier(PMID, http, rights=SITE)

    assert outcome.action == SKIPPED
    assert "“First copy”" in outcome.reason and "“Second copy”" in outcome.reason
    by_doi.refresh_from_db()
    by_pmid.refresh_from_db()
    assert by_doi.pmid is None and by_pmid.doi is None and by_doi.authors.count() == 0


def test_an_import_never_moves_a_status_backwards(http):
    existing = make_publication(doi=DOI, status=Publication.Status.PUBLISHED, volume="11")

    import_identifier(DOI, http, rights=SITE)

    existing.refresh_from_db()
    assert existing.status == Publication.Status.PUBLISHED


def test_crossref_shows_a_paper_in_an_issue_as_published():
    published = RecordedServer(crossref={DOI: (200, "crossref_published.json")})
    with make_client(published.transport) as client:
        publication = import_identifier(DOI, client, rights=SITE).publication

    assert publication.status == Publication.Status.PUBLISHED
    assert (publication.volume, publication.issue, publication.pages) == ("11", "5", "1405-1436")


def test_a_shorter_author_list_never_replaces_a_longer_one():
    existing = make_publication(authors=SEED_AUTHORS, doi=DOI)

    outcome = save_record(Record(title=SEED_TITLE, doi=DOI, authors=[Author.from_parts("R", "Samain")]), rights=SITE)

    assert outcome.action == SKIPPED
    assert author_names(existing) == SEED_AUTHORS


def test_authors_are_linked_to_people_by_orcid_before_their_names(http):
    by_orcid = make_person(given_name="Corinne", family_name="Bousquet-Lemaire", orcid=BOUSQUET_ORCID)
    same_name = make_person(given_name="Corinne", family_name="Bousquet")

    publication = import_identifier(DOI, http, rights=SITE).publication

    last_author = publication.authors.get(name="C Bousquet")
    assert last_author.person == by_orcid
    assert not same_name.authorships.exists()


def test_authors_are_linked_to_people_by_family_name_and_given_name_or_initials(http):
    remi = make_person(given_name="Rémi", family_name="Samain")
    marie_pierre = make_person(given_name="Marie-Pierre", family_name="Bousquet")
    thibaut = make_person(given_name="Thibaut", family_name="Douché")
    other_initials = make_person(given_name="Hans", family_name="Schmid")

    publication = import_identifier(DOI, http, rights=SITE).publication

    links = {author.name: author.person for author in publication.authors.all()}
    assert links["R Samain"] == remi
    assert links["M P Bousquet"] == marie_pierre
    assert links["T Douché"] == thibaut
    assert links["C Bousquet"] is None, "C is not the initial of Marie-Pierre"
    assert links["H A Schmid"] is None and not other_initials.authorships.exists()


def test_an_author_who_could_be_several_people_is_left_unlinked(http):
    make_person(given_name="Claire", family_name="Jean")
    make_person(given_name="Christine", family_name="Jean")

    publication = import_identifier(DOI, http, rights=SITE).publication

    assert publication.authors.get(name="C Jean").person is None


def test_a_link_an_editor_made_survives_a_new_author_list(http):
    chosen = make_person(given_name="Remy", family_name="Samain-Durand")
    existing = make_publication(authors=("Samain R",), doi=DOI)
    existing.authors.update(person=chosen)

    import_identifier(PMID, http, rights=SITE)

    assert existing.authors.get(order=0).person == chosen
    assert len(author_names(existing)) == 26


@pytest.fixture
def database_refuses_an_author_named_broken(db):
    """A trigger makes the database itself fail half-way through saving a record."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_broken() RETURNS trigger AS $$ BEGIN "
                "IF NEW.name = 'Broken' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_broken BEFORE INSERT ON research_publicationauthor "
                "FOR EACH ROW EXECUTE FUNCTION refuse_broken()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER refuse_broken BEFORE INSERT ON research_publicationauthor "
                "WHEN NEW.name = 'Broken' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )


def test_a_record_that_fails_half_way_leaves_nothing_saved(database_refuses_an_author_named_broken):
    broken = Record(title="Half saved", doi="10.5555/half", authors=[Author(name="Fine"), Author(name="Broken")])
    good = Record(title="Whole", doi="10.5555/whole", authors=[Author(name="Fine")])

    outcomes = [save_record(broken, rights=SITE), save_record(good, rights=SITE)]

    assert outcomes[0].action == SKIPPED and outcomes[0].reason.startswith("could not be saved")
    assert outcomes[1].action == CREATED
    assert list(Publication.objects.values_list("title", flat=True)) == ["Whole"]


# Reference files


def test_a_bibtex_file_is_imported_with_a_summary_of_every_entry():
    summary = import_file("export.bib", data("publications.bib"), rights=SITE)

    assert summary.format_name == "BibTeX"
    assert (len(summary.created), len(summary.updated), len(summary.skipped)) == (3, 1, 4)
    assert [outcome.label for outcome in summary.updated] == ["samain2021published (line 23)"]
    skipped = reasons(summary)
    assert "nothing new" in skipped[0]
    assert skipped[1] == "no title"
    assert skipped[2].startswith("invalid DOI: “10.10/not-a-doi”")
    assert skipped[3].startswith("unreadable entry")
    samain = Publication.objects.get(doi=DOI)
    assert author_names(samain) == ["R. Samain", "A. Brunel", "T. Douché", "C. Bousquet"]
    assert (samain.volume, samain.issue, samain.pages) == ("11", "5", "1405-1436")
    assert Publication.objects.get(doi="10.1038/s41568-021-00427-0").pages == "157-173"
    chapter = Publication.objects.get(title="Fibroblasts in the tumour microenvironment")
    assert chapter.kind == Publication.Kind.CHAPTER
    assert author_names(chapter) == ["Jane Doe", "Anna van der Berg"]


def test_a_ris_file_is_imported_with_a_summary_of_every_record():
    summary = import_file("export.ris", data("publications.ris"), rights=SITE)

    assert summary.format_name == "RIS"
    assert (len(summary.created), len(summary.updated), len(summary.skipped)) == (2, 0, 3)
    assert "nothing new" in reasons(summary)[0]
    assert reasons(summary)[1] == "no title"
    assert reasons(summary)[2].startswith("unreadable entry")
    samain = Publication.objects.get(doi=DOI)
    assert samain.journal_abbreviation == "Cell Mol Gastroenterol Hepatol"
    assert samain.published_on == date(2021, 1, 19)
    assert (
        samain.abstract
        == "Cancer-associated fibroblasts of pancreatic tumours secrete proteins that help cancer cells spread."
    )
    assert author_names(samain) == ["R Samain", "A Brunel", "T Douché", "C Bousquet"]
    chapter = Publication.objects.get(kind=Publication.Kind.CHAPTER)
    assert chapter.pages == "1-20"


def test_a_medline_file_is_imported_with_a_summary_of_every_record():
    corinne = make_person(given_name="C.", family_name="Someone Else", orcid=BOUSQUET_ORCID)

    summary = import_file("pubmed-export.nbib", data("publications.nbib"), rights=SITE)

    assert summary.format_name == "PubMed/MEDLINE"
    assert (len(summary.created), len(summary.updated), len(summary.skipped)) == (2, 0, 3)
    assert reasons(summary)[0].startswith("unreadable entry")
    assert reasons(summary)[1].startswith("invalid PubMed ID: “0123”")
    assert "nothing new" in reasons(summary)[2]
    samain = Publication.objects.get(pmid=PMID)
    assert samain.title == SEED_TITLE
    assert samain.doi == DOI
    assert samain.status == Publication.Status.AHEAD_OF_PRINT
    assert samain.published_on == date(2021, 1, 19)
    assert samain.pages == ""
    assert author_names(samain) == ["Remi Samain", "Alexia Brunel", "Marie-Pierre Bousquet", "Corinne Bousquet"]
    assert samain.authors.get(order=3).person == corinne
    review = Publication.objects.get(pmid="34992272")
    assert review.kind == Publication.Kind.REVIEW
    assert review.status == Publication.Status.PUBLISHED
    assert (review.volume, review.issue, review.pages) == ("22", "3", "157-173")


def test_entries_in_the_wrong_encoding_are_skipped_and_the_others_imported():
    summary = import_file("latin1.ris", data("latin1.ris"), rights=SITE)

    assert [outcome.action for outcome in summary.outcomes] == [CREATED, SKIPPED]
    assert reasons(summary)[0].startswith("wrong encoding")
    assert summary.skipped[0].title == "Un article de l'\ufffdquipe"
    assert Publication.objects.get().title == "A record in plain ASCII"


def test_the_format_is_read_from_the_content_whatever_the_file_is_called():
    summary = import_file("references.txt", data("publications.bib"), rights=SITE)

    assert summary.format_name == "BibTeX"
    assert len(summary.created) == 3


@pytest.mark.parametrize(
    "filename, content, message",
    [
        ("picture.png", png_bytes(), "not a text file"),
        ("notes.txt", b"Some notes about the paper, in no reference format.", "not a BibTeX, RIS or PubMed/MEDLINE"),
        ("export.ris", b"Title: a list pasted by hand\n", "named like a RIS file"),
        ("export.bib", b"% only a comment\n", "named like a BibTeX file"),
        ("export.bib", "\ufeff".encode("utf-16-le") + b"\x00\xd8", "UTF-16"),
    ],
)
def test_a_file_that_holds_no_references_gives_one_clear_error(filename, content, message):
    with pytest.raises(UnreadableFile) as error:
        import_file(filename, content, rights=SITE)

    assert message in str(error.value)
    assert not Publication.objects.exists()


def test_a_conflicting_record_is_skipped_and_the_records_around_it_are_saved():
    make_publication(authors=(), doi="10.1038/s41568-021-00427-0", title="Known by DOI")
    make_publication(authors=(), pmid="34992272", title="Known by PubMed ID")

    summary = import_file("pubmed-export.nbib", data("publications.nbib"), rights=SITE)

    conflict = next(outcome for outcome in summary.skipped if outcome.label.startswith("PMID 34992272"))
    assert "merge those two publications" in conflict.reason
    assert Publication.objects.get(title="Known by DOI").authors.count() == 0
    assert Publication.objects.get(pmid=PMID).authors.count() == 4


# The admin screens


def test_the_publication_list_offers_both_import_screens(admin_urls, staff_client):
    response = staff_client.get("/admin/research/publication/")

    assert response.status_code == 200
    assert b'href="/admin/research/publication/add-from-identifier/"' in response.content
    assert b'href="/admin/research/publication/import-file/"' in response.content


def test_an_editor_adds_a_publication_from_a_doi_link_and_lands_on_its_page(admin_urls, staff_client):
    page = staff_client.get("/admin/research/publication/add-from-identifier/")
    assert page.status_code == 200 and b"DOI or PubMed ID" in page.content

    response = staff_client.post(
        "/admin/research/publication/add-from-identifier/", {"identifier": f"https://doi.org/{DOI}"}, follow=True
    )

    publication = Publication.objects.get(doi=DOI)
    assert response.redirect_chain == [(f"/admin/research/publication/{publication.pk}/change/", 302)]
    message = str(next(iter(response.context["messages"])))
    assert "added from Crossref" in message and "26 authors" in message
    assert LogEntry.objects.get().object_id == str(publication.pk)


def test_an_identifier_already_here_leads_to_its_page_with_nothing_new(admin_urls, staff_client):
    existing = make_publication(doi=DOI, authors=SEED_AUTHORS, journal_abbreviation="Cell Mol Gastroenterol Hepatol")
    Publication.objects.filter(pk=existing.pk).update(
        title=SEED_TITLE, published_on=date(2021, 1, 19), status=Publication.Status.AHEAD_OF_PRINT, abstract="Known."
    )

    response = staff_client.post("/admin/research/publication/add-from-identifier/", {"identifier": DOI}, follow=True)

    assert response.redirect_chain == [(f"/admin/research/publication/{existing.pk}/change/", 302)]
    assert "nothing new to add" in str(next(iter(response.context["messages"])))


def test_an_identifier_already_here_leads_to_its_page_even_when_the_lookup_fails(admin_urls, staff_client):
    existing = make_publication(doi="10.5555/offline", title="Known offline")

    response = staff_client.post(
        "/admin/research/publication/add-from-identifier/", {"identifier": "doi:10.5555/OFFLINE"}, follow=True
    )

    assert response.redirect_chain == [(f"/admin/research/publication/{existing.pk}/change/", 302)]
    message = str(next(iter(response.context["messages"])))
    assert "“Known offline” is already here, and was not checked for updates" in message
    assert "Crossref could not be reached" in message


@pytest.mark.parametrize(
    "pasted, message",
    [
        ("not an identifier", "is neither a DOI nor a PubMed ID"),
        ("10.5555/offline", "Crossref could not be reached"),
        ("99999999", "PubMed does not know the PubMed ID 99999999"),
        ("22222222", "not its usual XML"),
    ],
)
def test_the_identifier_screen_shows_why_a_lookup_failed(admin_urls, staff_client, pasted, message):
    response = staff_client.post("/admin/research/publication/add-from-identifier/", {"identifier": pasted})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Publication.objects.exists()


def test_an_editor_uploads_a_file_and_sees_the_summary(admin_urls, staff_client, tasks_at_once):
    upload = SimpleUploadedFile("pubmed-export.nbib", data("publications.nbib"))

    response = staff_client.post("/admin/research/publication/import-file/", {"file": upload}, follow=True)

    assert response.redirect_chain == [("/admin/research/publication/imports/", 302)]
    assert "“pubmed-export.nbib” (PubMed/MEDLINE) is being imported" in response.text
    job = ImportJob.objects.get()
    summary = staff_client.get(f"/admin/research/publication/imports/{job.pk}/").text
    assert "2 created, 0 updated, 3 skipped" in summary
    assert "Invalid PubMed ID: “0123”" in summary
    assert "Unreadable entry: line 73" in summary
    publication = Publication.objects.get(pmid=PMID)
    assert f'href="/admin/research/publication/{publication.pk}/change/"' in summary
    assert LogEntry.objects.count() == 2


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("picture.png", png_bytes()), "This is not a text file."),
        (SimpleUploadedFile("export.bib", b""), "The submitted file is empty."),
        (SimpleUploadedFile("huge.ris", b"TY  - JOUR\n" * (MAX_REFERENCE_FILE_SIZE // 10)), "the limit is 5"),
    ],
)
def test_an_upload_that_cannot_be_imported_shows_one_clear_error(admin_urls, staff_client, upload, message):
    response = staff_client.post("/admin/research/publication/import-file/", {"file": upload})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Publication.objects.exists()


@pytest.mark.parametrize("screen", ["add-from-identifier", "import-file"])
def test_the_import_screens_are_for_staff_who_may_add_publications(admin_urls, client, django_user_model, screen):
    url = f"/admin/research/publication/{screen}/"
    assert client.get(url).url.startswith("/admin/login/")

    staff = django_user_model.objects.create_user("reader", password="a-long-password-1", is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 403

    staff.user_permissions.add(Permission.objects.get(codename="add_publication"))
    assert client.get(url).status_code == 200


def test_the_import_screens_refuse_a_post_without_the_csrf_token(admin_urls, django_user_model):
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-password-1"))

    response = client.post("/admin/research/publication/add-from-identifier/", {"identifier": DOI})

    assert response.status_code == 403
    assert not Publication.objects.exists()


# refresh_publications


def refresh(client):
    out, err = io.StringIO(), io.StringIO()
    call_command("refresh_publications", client=client, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_refresh_completes_a_paper_that_has_appeared_in_an_issue():
    publication = make_publication(doi=DOI, status=Publication.Status.AHEAD_OF_PRINT)
    published = RecordedServer(crossref={DOI: (200, "crossref_published.json")})

    with make_client(published.transport) as client:
        out, err = refresh(client)

    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    assert (publication.volume, publication.issue, publication.pages) == ("11", "5", "1405-1436")
    assert "status Online ahead of print → Published" in out
    assert "1 publication online ahead of print checked: 1 updated, 0 unchanged, 0 could not be checked." in out
    assert err == ""


def test_refresh_reports_an_unreachable_source_per_publication_and_goes_on(http, server):
    unreachable = make_publication(doi="10.5555/offline", title="Unreachable", status=Publication.Status.AHEAD_OF_PRINT)
    by_pmid = make_publication(
        pmid=PMID, title="By PubMed ID", authors=SEED_AUTHORS, status=Publication.Status.AHEAD_OF_PRINT
    )
    make_publication(doi="10.5555/published", status=Publication.Status.PUBLISHED)

    out, err = refresh(http)

    assert "“Unreachable”: Crossref could not be reached" in err
    assert "2 publications online ahead of print checked: 1 updated, 0 unchanged, 1 could not be checked." in out
    assert [request.url.host for request in server.requests] == ["api.crossref.org", "eutils.ncbi.nlm.nih.gov"]
    by_pmid.refresh_from_db()
    assert by_pmid.doi == DOI and by_pmid.status == Publication.Status.AHEAD_OF_PRINT
    unreachable.refresh_from_db()
    assert unreachable.status == Publication.Status.AHEAD_OF_PRINT


def test_refresh_says_so_when_nothing_has_changed(http):
    import_identifier(DOI, http, rights=SITE)

    out, _ = refresh(http)

    assert "no change" in out
    assert "1 unchanged" in out


# Pasted references


def test_an_editor_pastes_bibtex_text_instead_of_uploading_a_file(admin_urls, staff_client, tasks_at_once):
    pasted = data("publications.bib").decode()

    response = staff_client.post("/admin/research/publication/import-file/", {"text": pasted}, follow=True)

    assert response.redirect_chain == [("/admin/research/publication/imports/", 302)]
    assert "“pasted references” (BibTeX) is being imported" in response.text
    assert ImportJob.objects.get().filename == "pasted references"
    assert Publication.objects.filter(doi=DOI).exists()


def test_pasted_ris_text_is_imported_too(admin_urls, staff_client, tasks_at_once):
    pasted = "TY  - JOUR\nTI  - A pasted paper\nDA  - 2021/03//\nER  - \n"

    staff_client.post("/admin/research/publication/import-file/", {"text": pasted})

    assert Publication.objects.get().title == "A pasted paper"


@pytest.mark.parametrize(
    "post, message",
    [
        ({"text": "   \n"}, "Choose a file or paste references."),
        ({"text": "Just some words"}, "is not a BibTeX, RIS or PubMed/MEDLINE file"),
        ({"text": "TY  - JOUR\nER  - \n", "file": "upload"}, "not both"),
    ],
)
def test_pasted_text_that_cannot_be_imported_is_refused_and_kept(admin_urls, staff_client, post, message):
    if post.get("file") == "upload":
        post["file"] = SimpleUploadedFile("export.ris", data("publications.ris"))

    response = staff_client.post("/admin/research/publication/import-file/", post)

    assert response.status_code == 200
    assert message in response.content.decode()
    if post["text"].strip():
        assert post["text"].split("\n")[0] in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize(
    "pasted, field, value",
    [("https://doi.org/10.5555/offline", "doi", "10.5555/offline"), ("44444444", "pmid", "44444444")],
)
def test_an_unreachable_source_offers_to_enter_the_publication_by_hand_prefilled(
    admin_urls, staff_client, pasted, field, value
):
    response = staff_client.post("/admin/research/publication/add-from-identifier/", {"identifier": pasted})

    assert response.status_code == 200
    page = response.content.decode()
    link = re.search(r'<a href="(/admin/research/publication/add/\?[^"]+)">Enter it by hand</a>', page)
    assert link, page
    form = staff_client.get(html.unescape(link[1])).content.decode()
    assert f'name="{field}" value="{value}"' in form


def test_a_source_that_answers_not_found_offers_no_hand_entry(admin_urls, staff_client):
    response = staff_client.post("/admin/research/publication/add-from-identifier/", {"identifier": "99999999"})

    assert "Enter it by hand" not in response.content.decode()


def test_the_hand_entry_link_is_in_the_editors_language(admin_urls, staff_client):
    response = staff_client.post(
        "/admin/research/publication/add-from-identifier/", {"identifier": "10.5555/offline"}, HTTP_ACCEPT_LANGUAGE="ru"
    )

    assert "Ввести вручную</a>" in response.content.decode()
