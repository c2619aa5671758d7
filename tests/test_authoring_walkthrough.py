"""The issue's acceptance walk-through, as an editor does it in the admin with the test client.

An editor writes the first seed article from scratch, pastes its DOI and gets the publication
filled in (from a recorded Crossref response), uploads its picture and makes it the lead image;
then writes the second seed article and sees its two grant numbers suggested as links.
"""

import tomllib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from factories import make_organisation
from import_urls import DOI, RecordedServer

from newsroom.admin.articles import ArticleAdmin
from newsroom.models import Article, Image
from research.models import Grant, Organisation, Publication

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_article(name):
    return tomllib.loads((SEEDS / "articles" / name).read_text())


def article_form(seed, **extra):
    return {
        "title": seed["title"],
        "kind": Article.Kind.RESEARCH_HIGHLIGHT,
        "standfirst": seed["standfirst"],
        "body": seed["body"],
        "status": Article.Status.DRAFT,
        "language": "en",
        "article_people-TOTAL_FORMS": "0",
        "article_people-INITIAL_FORMS": "0",
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
        **extra,
    }


def change_page(staff_client, article):
    return staff_client.get(reverse("admin:newsroom_article_change", args=[article.pk]))


@pytest.mark.django_db
def test_an_editor_writes_both_seed_articles_and_links_their_research(staff_client, monkeypatch):
    monkeypatch.setattr(ArticleAdmin, "lookup_transport", RecordedServer().transport)
    rsf = make_organisation(name="Russian Science Foundation", short_name="RSF", kind=Organisation.Kind.FUNDING_AGENCY)

    # The first article, written in the editor with its DOI pasted at the end.
    first = seed_article("2021-02-pancreatic-cancer-metastasis.toml")
    body = first["body"] + f"<p>Discover the published article: doi: {DOI}. Online ahead of print.</p>"
    response = staff_client.post(reverse("admin:newsroom_article_add"), article_form(first, body=body))
    assert response.status_code == 302
    article = Article.objects.get(title=first["title"])
    assert "SOM230" in article.body

    # The change page suggests the DOI; one click fills the publication in from Crossref.
    page = change_page(staff_client, article).text
    assert f"The text mentions DOI {DOI}." in page
    assert "Fetch from Crossref and link it" in page
    link_url = reverse("admin:newsroom_article_link_suggestion", args=[article.pk])
    response = staff_client.post(link_url, {"kind": "doi", "value": DOI}, follow=True)
    publication = Publication.objects.get(doi=DOI)
    assert list(article.publications.all()) == [publication]
    assert publication.journal_abbreviation == "Cell Mol Gastroenterol Hepatol"
    assert publication.status == Publication.Status.AHEAD_OF_PRINT
    assert publication.authors.first().name == "R Samain"
    assert "added and linked" in response.text
    assert response.context["link_suggestions"] == []

    # Its picture goes into the library, then becomes the lead image.
    picture = (SEEDS / "images" / "pancreatic-microenvironment.jpg").read_bytes()
    lead = first["lead_image"]
    response = staff_client.post(
        reverse("admin:newsroom_image_add"),
        {
            "file": SimpleUploadedFile("pancreatic-microenvironment.jpg", picture, content_type="image/jpeg"),
            "alt_text": lead["alt_text"],
            "caption": lead["caption"],
            "credit": lead["credit"],
            "focal_x": "0.5",
            "focal_y": "0.4",
        },
    )
    assert response.status_code == 302
    image = Image.objects.get()
    data = article_form(first, body=article.body, slug=article.slug, lead_image=image.pk)
    data |= {"publications": [publication.pk], "status": Article.Status.PUBLISHED}
    data |= {"publish_at_0": "2021-02-01", "publish_at_1": "09:00:00"}
    article.refresh_from_db()
    data["lock_version"] = article.lock_version
    response = staff_client.post(reverse("admin:newsroom_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    public = staff_client.get(article.get_absolute_url()).text
    assert f"/media/renditions/{image.pk}/pancreatic-microenvironment-lead-800.webp 800w" in public
    assert "Cell Mol Gastroenterol Hepatol. 2021 Jan 19." in public

    # The second article: its two grant numbers are suggested, under their funder.
    second = seed_article("2022-02-chemotherapy-and-metastasis.toml")
    staff_client.post(reverse("admin:newsroom_article_add"), article_form(second))
    other = Article.objects.get(title=second["title"])
    suggestions = change_page(staff_client, other).context["link_suggestions"]
    assert [(s.value, s.funder) for s in suggestions] == [("19-75-30016", rsf), ("14-15-00318", rsf)]
    for suggestion in suggestions:
        staff_client.post(
            reverse("admin:newsroom_article_link_suggestion", args=[other.pk]),
            {"kind": suggestion.kind, "value": suggestion.value, "funder": rsf.pk},
        )
    assert sorted(other.grants.values_list("award_number", flat=True)) == ["14-15-00318", "19-75-30016"]
    assert Grant.objects.filter(funder=rsf).count() == 2
