"""Pages that look finished: no empty headings, focal-point crops, citations in one language,
publication filters, complete and valid sitemaps, Open Graph locales."""

import importlib
import io
import re
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from factories import make_article, make_grant, make_image, make_organisation, make_publication, make_team
from lxml import etree
from PIL import Image as PILImage
from sitemap_pages import sitemap_documents

from newsroom.models import Article, SiteSettings
from research.models import Publication, Team

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
SITEMAP_SCHEMA = Path(__file__).parent / "data" / "sitemap.xsd"
AUTHORS = ("R Samain", "A Brunel", "T Douché", "M Fanjul")


@pytest.fixture(autouse=True)
def institute(db):
    return SiteSettings.objects.create(institute_name="Toulouse Cancer Research Center")


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# --- No empty headings -------------------------------------------------------------------------------


@pytest.mark.parametrize("empty", ["<p></p>", "<p> </p>", "<p>&nbsp;</p><p><br></p>", "<h2></h2>"])
def test_a_team_description_that_shows_nothing_is_stored_empty_and_leaves_out_its_heading(client, empty):
    team = make_team(description=empty)
    team.refresh_from_db()
    assert team.description == ""
    assert "About the team" not in text_of(client.get(team.get_absolute_url()))


def test_a_team_description_with_text_keeps_its_heading(client):
    team = make_team(description="<p>We study the stroma.</p>")
    text = text_of(client.get(team.get_absolute_url()))
    assert "About the team" in text and "We study the stroma." in text


def test_the_migration_empties_descriptions_stored_before_that_show_nothing():
    blank, written = make_team(), make_team(description="<p>We study the stroma.</p>")
    Team.objects.filter(pk=blank.pk).update(description="<p></p>")
    migration = importlib.import_module("research.migrations.0008_empty_team_descriptions")

    migration.empty_blank_descriptions(apps, None)

    assert Team.objects.get(pk=blank.pk).description == ""
    assert Team.objects.get(pk=written.pk).description == "<p>We study the stroma.</p>"


# --- The lead image follows its focal point on the article page ---------------------------------------


def two_coloured_picture():
    """200 × 100: its left 22 columns blue, the rest red (a 16:9 crop is 178 wide: it keeps one side or the other)."""
    picture = PILImage.new("RGB", (200, 100), (220, 0, 0))
    picture.paste((0, 0, 220), (0, 0, 22, 100))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return SimpleUploadedFile("two-colours.png", buffer.getvalue(), content_type="image/png")


def lead_picture_on_the_page(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="lead-image">(.*?)</figure>', page, re.S).group(1)
    src = re.search(r'<img src="/media/([^"]+)"', figure).group(1)
    return figure, PILImage.open(default_storage.open(src)).convert("RGB")


@pytest.mark.parametrize(("focal_x", "left_colour"), [(0.95, "red"), (0.05, "blue")])
def test_the_article_page_crops_the_lead_image_around_its_focal_point(client, focal_x, left_colour):
    image = make_image()
    image.file = two_coloured_picture()
    image.focal_x = focal_x
    image.save()

    figure, shown = lead_picture_on_the_page(client, make_article(lead_image=image))

    assert shown.size == (178, 100)
    assert 'width="178" height="100"' in figure
    red, _green, blue = shown.getpixel((0, 50))
    assert (red > blue) == (left_colour == "red")


# --- Citations read in one language -------------------------------------------------------------------


def the_paper():
    return make_publication(
        authors=AUTHORS,
        title="Normalization of protein secretions",
        published_on=date(2021, 1, 19),
        volume="12",
        issue="3",
        pages="157-173",
        status=Publication.Status.AHEAD_OF_PRINT,
    )


CITED = {
    "en": "R Samain, A Brunel, T Douché, et al. Normalization of protein secretions. Cell Mol Gastroenterol Hepatol. "
    "2021 Jan 19;12(3):157-173. Online ahead of print.",
    "fr": "R Samain, A Brunel, T Douché, et al. Normalization of protein secretions. Cell Mol Gastroenterol Hepatol. "
    "2021 janv. 19;12(3):157-173. En ligne avant impression.",
    "ru": "R Samain, A Brunel, T Douché, и др. Normalization of protein secretions. Cell Mol Gastroenterol Hepatol. "
    "2021 янв. 19;12(3):157-173. Онлайн до выхода в печать.",
}


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_a_citation_is_written_in_one_language_with_one_full_stop_after_et_al(client, language):
    paper = the_paper()
    with translation.override(language):
        assert paper.citation_text() == CITED[language]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    citation = re.search(r'<p class="citation">(.*?)</p>', client.get("/publications/").content.decode(), re.S)
    shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", citation.group(1))).strip()
    assert shown == CITED[language]
    assert ".." not in shown


def test_a_may_date_has_no_stray_full_stop_in_russian():
    paper = make_publication(authors=("A One",), title="Short", published_on=date(2020, 5, 2), pages="e12")
    with translation.override("ru"):
        assert paper.citation_text() == "A One. Short. Cell Mol Gastroenterol Hepatol. 2020 май 2;e12."


# --- Publication filters and count --------------------------------------------------------------------


def test_the_publications_page_filters_by_year_team_kind_and_open_access_and_counts(client):
    team = make_team(acronym="MICROPANC")
    wanted = make_publication(title="Wanted", published_on=date(2021, 3, 1), is_open_access=True)
    wanted.teams.add(team)
    make_publication(title="Other year", published_on=date(2019, 3, 1), is_open_access=True).teams.add(team)
    make_publication(title="Closed", published_on=date(2021, 3, 1)).teams.add(team)
    make_publication(title="A review", published_on=date(2021, 3, 1), is_open_access=True, kind="review").teams.add(
        team
    )
    make_publication(title="Other team", published_on=date(2021, 3, 1), is_open_access=True)

    everything = text_of(client.get("/publications/"))
    filtered = text_of(client.get(f"/publications/?year=2021&team={team.slug}&kind=article&open_access=on"))

    assert "5 publications" in everything
    assert "1 publication" in filtered and "Wanted" in filtered
    for title in ("Other year", "Closed", "A review", "Other team"):
        assert title not in filtered
    assert "2 publications" in text_of(client.get("/publications/?kind=article&year=2021&open_access=on"))


def test_the_publications_filters_have_labels_and_report_bad_values_without_failing(client):
    make_publication()
    response = client.get("/publications/?year=abc&team=no-such-team&kind=poem")
    content = response.content.decode()
    assert response.status_code == 200
    for name in ("year", "team", "kind", "open_access"):
        assert f'<label for="id_{name}">' in content
    assert content.count('class="errorlist') == 3
    assert "1 publication" in text_of(response)  # the bad filters are ignored
    assert "No publications match these filters." in text_of(client.get("/publications/?year=1950"))


@pytest.mark.parametrize(("language", "phrase"), [("fr", "Accès libre seulement"), ("ru", "Только открытый доступ")])
def test_the_publications_filters_are_translated(client, language, phrase):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert phrase in text_of(client.get("/publications/"))


# --- Sitemaps -----------------------------------------------------------------------------------------


def sitemap(client):
    """The <url> elements of every sitemap the index names."""
    return [url for document in sitemap_documents(client) for url in ElementTree.fromstring(document)]


def test_translated_articles_carry_hreflang_alternates_in_the_sitemap(client):
    original = make_article(title="Chemotherapy", language="en")
    french = make_article(title="Chimiothérapie", language="fr", translation_of=original)
    make_article(title="Химиотерапия (draft)", language="ru", translation_of=original, status=Article.Status.DRAFT)
    single = make_article(title="Alone")

    alternates = {
        url.findtext("sm:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
        for url in sitemap(client)
    }

    expected = {
        "en": f"http://testserver{original.get_absolute_url()}",
        "fr": f"http://testserver{french.get_absolute_url()}",
        "x-default": f"http://testserver{original.get_absolute_url()}",
    }
    assert alternates[f"http://testserver{original.get_absolute_url()}"] == expected
    assert alternates[f"http://testserver{french.get_absolute_url()}"] == expected
    assert alternates[f"http://testserver{single.get_absolute_url()}"] == {}


def test_funders_and_institutions_with_pages_are_in_the_sitemap(client):
    funder = make_organisation(name="Russian Science Foundation")
    make_grant(funder=funder)
    institution = make_organisation(name="CRCT")
    make_team(institution=institution)
    former = make_organisation(name="Former host")
    make_team(institution=former, is_active=False)
    nobody = make_organisation(name="Unrelated")

    locations = {url.findtext("sm:loc", namespaces=NS) for url in sitemap(client)}

    assert f"http://testserver{funder.get_absolute_url()}" in locations
    assert f"http://testserver{institution.get_absolute_url()}" in locations
    assert f"http://testserver{former.get_absolute_url()}" not in locations
    assert f"http://testserver{nobody.get_absolute_url()}" not in locations


def test_the_sitemap_stays_schema_valid_with_funders_and_institutions(client):
    make_grant(funder=make_organisation())
    make_team(institution=make_organisation())
    schema = etree.XMLSchema(etree.parse(SITEMAP_SCHEMA))
    for document in sitemap_documents(client):
        assert schema.validate(etree.fromstring(document)), schema.error_log


def test_the_news_sitemap_without_recent_news_is_schema_valid(client):
    make_article(publish_at=timezone.now() - timedelta(days=30))
    schema = etree.XMLSchema(etree.parse(SITEMAP_SCHEMA))
    assert schema.validate(etree.fromstring(client.get("/sitemap-news.xml").content)), schema.error_log


# --- Open Graph locale --------------------------------------------------------------------------------


def og_locale(response):
    return re.search(r'<meta property="og:locale" content="([^"]+)">', response.content.decode()).group(1)


@pytest.mark.parametrize(("language", "locale"), [("en", "en_US"), ("fr", "fr_FR"), ("ru", "ru_RU")])
def test_og_locale_names_the_articles_language_in_language_territory_form(client, language, locale):
    assert og_locale(client.get(make_article(language=language).get_absolute_url())) == locale


@pytest.mark.parametrize(("language", "locale"), [("en", "en_US"), ("fr", "fr_FR"), ("ru", "ru_RU")])
def test_og_locale_of_other_pages_is_the_interface_language(client, language, locale):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in ("/", "/teams/", make_team().get_absolute_url()):
        assert og_locale(client.get(url)) == locale
