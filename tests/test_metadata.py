"""Page metadata for search engines and social networks: canonical, cards, JSON-LD, citation_*."""

import json
import re

import pytest
from factories import make_article, make_grant, make_image, make_organisation, make_person, make_publication

from research.models import Organisation

pytestmark = pytest.mark.django_db

SEED_SLUG = "normalization-of-protein-secretions-blocks-metastasis-in-pancreatic-cancer"


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def head(html):
    return html.split("</head>")[0]


def structured(html):
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def of_type(html, kind):
    return [data for data in structured(html) if data["@type"] == kind]


def test_the_seed_articles_json_ld_parses_and_carries_its_science(client, seeded):
    html = page(client, f"/news/{SEED_SLUG}/")
    [article] = of_type(html, "NewsArticle")
    assert article["headline"].startswith("Normalization of protein secretions")
    assert article["datePublished"].startswith("2021-02-09") and article["dateModified"]
    assert article["inLanguage"] == "en"
    assert article["image"][0]["url"].startswith("http://testserver/media/") and article["image"][0]["width"]
    assert article["author"] and article["publisher"]["@type"] == "Organization"
    assert article["publisher"]["name"] == "Toulouse Cancer Research Center (Oncopole)"
    assert "cancer-related fibroblasts" in article["keywords"]
    [paper] = article["citation"]
    assert paper["@type"] == "ScholarlyArticle"
    assert paper["sameAs"] == ["https://doi.org/10.1016/j.jcmgh.2021.01.008"]
    assert {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1016/j.jcmgh.2021.01.008"} in paper[
        "identifier"
    ]
    assert any(about["@type"] == "ScholarlyArticle" and about["@id"] == paper["@id"] for about in article["about"])
    assert {person["name"] for person in article["mentions"]} == {"Rémi Samain", "Corinne Bousquet"}


def test_grants_acknowledged_by_an_article_are_monetary_grants_with_funder_and_award_number(client, seeded):
    html = page(client, "/news/cancer-chemotherapy-microenvironment-metastasis-prevention/")
    [article] = of_type(html, "NewsArticle")
    awards = {grant["identifier"]: grant for grant in article["funding"]}
    assert set(awards) == {"19-75-30016", "14-15-00318"}
    assert all(grant["@type"] == "MonetaryGrant" for grant in awards.values())
    assert awards["19-75-30016"]["funder"]["name"] == "Russian Science Foundation"


def test_the_breadcrumb_list_is_the_visible_breadcrumbs(client, seeded):
    html = page(client, f"/news/{SEED_SLUG}/")
    [breadcrumbs] = of_type(html, "BreadcrumbList")
    names = [item["name"] for item in breadcrumbs["itemListElement"]]
    assert names == [
        "Home",
        "News",
        "Normalization of protein secretions in the tumor microenvironment blocks metastasis in pancreatic cancer",
    ]
    assert breadcrumbs["itemListElement"][1]["item"] == "http://testserver/news/"


def test_a_person_page_describes_the_person(client, db):
    affiliation = make_organisation(name="Cancer Research Institute, Tomsk NRMC", ror_id="https://ror.org/02feahw73")
    person = make_person(
        honorific="Prof.",
        given_name="Nadezhda",
        family_name="Cherdyntseva",
        position="Deputy Director for Science",
        distinctions="Corresponding Member of the Russian Academy of Sciences",
        orcid="0000-0002-1825-0097",
        affiliation=affiliation,
    )
    [data] = of_type(page(client, person.get_absolute_url()), "Person")
    assert data["sameAs"] == ["https://orcid.org/0000-0002-1825-0097"]
    assert data["honorificPrefix"] == "Prof." and data["jobTitle"] == "Deputy Director for Science"
    assert data["award"] == ["Corresponding Member of the Russian Academy of Sciences"]
    assert data["affiliation"]["sameAs"][0] == "https://ror.org/02feahw73"


def test_an_organisation_page_names_its_ror_id(client, db):
    organisation = make_organisation(
        name="Russian Science Foundation", ror_id="03y2gwe85", kind=Organisation.Kind.FUNDING_AGENCY
    )
    [data] = of_type(page(client, organisation.get_absolute_url()), "Organization")
    assert "https://ror.org/03y2gwe85" in data["sameAs"]


def test_a_grant_page_is_a_monetary_grant(client, db):
    grant = make_grant(award_number="19-75-30016", funder=make_organisation(name="Russian Science Foundation"))
    [data] = of_type(page(client, grant.get_absolute_url()), "MonetaryGrant")
    assert data["identifier"] == "19-75-30016" and data["funder"]["name"] == "Russian Science Foundation"


def test_citation_tags_are_on_publication_pages_only(client, db):
    publication = make_publication(
        title="Stromal CSF-1 facilitates metastasis",
        doi="10.1016/j.jcmgh.2021.01.008",
        pmid="33482392",
        volume="11",
        issue="5",
        pages="1387-1400",
        authors=("R Samain", "A Brunel", "C Bousquet"),
    )
    publication.published_on = "2021-01-19"
    publication.save()
    html = head(page(client, publication.get_absolute_url()))
    assert re.findall(r'<meta name="citation_author" content="([^"]+)">', html) == [
        "R Samain",
        "A Brunel",
        "C Bousquet",
    ]
    for name, value in [
        ("citation_title", "Stromal CSF-1 facilitates metastasis"),
        ("citation_publication_date", "2021/01/19"),
        ("citation_journal_title", "Cellular and Molecular Gastroenterology and Hepatology"),
        ("citation_volume", "11"),
        ("citation_issue", "5"),
        ("citation_firstpage", "1387"),
        ("citation_doi", "10.1016/j.jcmgh.2021.01.008"),
        ("citation_pmid", "33482392"),
    ]:
        assert f'<meta name="{name}" content="{value}">' in html
    assert of_type(html + "</head>", "ScholarlyArticle")
    article = make_article(publications=[publication])
    assert "citation_" not in head(page(client, article.get_absolute_url()))


def test_canonical_open_graph_and_twitter_tags_are_present(client, db):
    image = make_image(alt_text="Fibroblasts", caption="One picture")
    article = make_article(title="Fibroblasts", standfirst="What they do.", lead_image=image)
    html = head(page(client, article.get_absolute_url() + "?utm_source=mail&page=1"))
    url = f"http://testserver{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Fibroblasts">' in html
    assert f'<meta property="og:image" content="http://testserver{image.file.url}">' in html
    assert '<meta property="og:image:width" content="64">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_the_canonical_url_keeps_only_meaningful_parameters(client, db):
    html = head(page(client, "/news/?year=2021&utm_campaign=x&page=1&kind=news"))
    assert '<link rel="canonical" href="http://testserver/news/?kind=news&amp;year=2021">' in html


@pytest.mark.parametrize("url", ["/", "/news/", "/teams/", "/publications/", "/search/?q=x"])
def test_every_public_page_has_a_canonical_url_and_json_ld(client, db, url):
    html = page(client, url)
    assert '<link rel="canonical" href="http://testserver' in head(html)
    assert structured(html)


def test_json_ld_cannot_close_its_script_element(client, db):
    article = make_article(title="</script><script>alert(1)</script> & <b>", standfirst="x")
    html = page(client, article.get_absolute_url())
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert all("<" not in block and ">" not in block and "&" not in block for block in blocks)
    [data] = of_type(html, "NewsArticle")
    assert data["headline"] == "</script><script>alert(1)</script> & <b>"
