"""What a reader sees on the public pages: the seed facts, the navigation aids, and the error pages."""

import html
import re
from datetime import date, timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone
from django.utils.html import strip_tags
from django.views.defaults import server_error
from factories import make_article, make_grant, make_image, make_organisation, make_person, make_publication, make_team
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from newsroom.models import Article, ArticlePartner, SiteSettings
from research.models import Grant, Membership, Organisation, Person, Publication, Team

HIGHLIGHT_TITLE = (
    "Normalization of protein secretions in the tumor microenvironment blocks metastasis in pancreatic cancer"
)
CHEMOTHERAPY_TITLE = "Cancer chemotherapy and the microenvironment: new aspects of metastasis prevention"
SEED_DOI = "10.1016/j.jcmgh.2021.01.008"
MICROPANC_FULL_NAME = "MICROPANC: Microenvironment & Therapeutic Resistance in Pancreatic Neoplasia"


def text_of(response):
    """The page as a reader sees it: tags removed, entities decoded, whitespace collapsed."""
    content = re.sub(r"<br\s*/?>", " ", response.content.decode())
    return " ".join(html.unescape(strip_tags(content)).split())


def breadcrumb_trail(response):
    content = response.content.decode()
    match = re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', content, re.S)
    assert match, "the page has no breadcrumb navigation"
    assert "<ol>" in match.group(1)
    return " ".join(html.unescape(strip_tags(match.group(1))).split())


def current_breadcrumb(response):
    match = re.search(r'<li aria-current="page">(.*?)</li>', response.content.decode(), re.S)
    return " ".join(html.unescape(strip_tags(match.group(1))).replace("›", "").split())


def heading_levels(response):
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", response.content.decode())]


def highlight():
    return Article.objects.get(title=HIGHLIGHT_TITLE)


def chemotherapy_article():
    return Article.objects.get(title=CHEMOTHERAPY_TITLE)


def award(number):
    return Grant.objects.select_related("funder").get(award_number=number)


# --- The seed content on every page --------------------------------------------------------------


def seed_page_urls():
    """Every public page that shows seed content, found through natural keys."""
    return [
        "/",
        "/news/",
        highlight().get_absolute_url(),
        chemotherapy_article().get_absolute_url(),
        "/teams/",
        Team.objects.get(acronym="MICROPANC").get_absolute_url(),
        Person.objects.get(family_name="Cherdyntseva").get_absolute_url(),
        "/publications/",
        Publication.objects.get(doi=SEED_DOI).get_absolute_url(),
        Organisation.objects.get(name__icontains="Novartis").get_absolute_url(),
        award("19-75-30016").get_absolute_url(),
    ]


def test_every_seed_page_has_the_landmarks_one_h1_and_no_skipped_heading_levels(client, seeded):
    for url in seed_page_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert '<html lang="en">' in content, url
        assert '<a class="skip-link" href="#content">' in content, url
        assert '<main id="content"' in content, url
        assert '<nav class="site-nav" aria-label="Main">' in content, url
        levels = heading_levels(response)
        assert levels.count(1) == 1 and levels[0] == 1, url
        assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False)), (url, levels)


def test_every_seed_page_ends_with_the_institute_contact_block(client, seeded):
    for url in seed_page_urls():
        response = client.get(url)
        text = text_of(response)
        assert "Toulouse Cancer Research Center (Oncopole)" in text, url
        assertContains(response, '<a href="tel:+33582741575">+33 5 82 74 15 75</a>', html=True)
        assert "Want to join the CRCT team?" in text, url


def test_home_page_shows_the_seed_articles(client, seeded):
    response = client.get("/")
    assertTemplateUsed(response, "newsroom/home.html")
    for article in (highlight(), chemotherapy_article()):
        assertContains(response, f'<a href="{article.get_absolute_url()}">{article.title}</a>', html=True)


def test_research_highlight_page_shows_kind_date_and_breadcrumbs(client, seeded):
    article = highlight()
    response = client.get(article.get_absolute_url())
    assert breadcrumb_trail(response) == f"Home › News › {HIGHLIGHT_TITLE}"
    assert current_breadcrumb(response) == HIGHLIGHT_TITLE
    assert "Research highlight" in text_of(response)
    assertContains(
        response, f'<time datetime="{timezone.localtime(article.publish_at).strftime("%Y-%m-%dT%H:%M:%S%z")}"'
    )


def test_research_highlight_page_links_its_keywords_team_and_researchers(client, seeded):
    article = highlight()
    response = client.get(article.get_absolute_url())
    for name in ("cancer-related fibroblasts", "pancreatic adenocarcinoma"):
        keyword = article.keywords.get(name=name)
        assertContains(response, f'<a href="/keywords/{keyword.slug}/">{name}</a>', html=True)
    team = Team.objects.get(acronym="MICROPANC")
    assertContains(response, f'href="{team.get_absolute_url()}"')
    assert MICROPANC_FULL_NAME in text_of(response)
    for family_name, shown_as in (("Samain", "Dr. Rémi Samain"), ("Bousquet", "Dr. Corinne Bousquet")):
        person = Person.objects.get(family_name=family_name)
        assertContains(response, f'<a href="{person.get_absolute_url()}">{shown_as}</a>', html=True)


def test_research_highlight_page_shows_the_lead_image_with_caption_and_credit(client, seeded):
    image = highlight().lead_image
    assert image.caption and image.credit
    response = client.get(highlight().get_absolute_url())
    content = response.content.decode()
    figure = re.search(r'<figure class="lead-image">(.*?)</figure>', content, re.S).group(1)
    assert f'src="/media/renditions/{image.pk}/pancreatic-microenvironment-lead-480.jpg"' in figure
    assert f'alt="{html.escape(image.alt_text)}"' in figure
    caption = html.unescape(strip_tags(re.search(r"<figcaption>(.*?)</figcaption>", figure, re.S).group(1)))
    assert image.caption in caption and image.credit in caption


def test_research_highlight_page_cites_the_published_article(client, seeded):
    response = client.get(highlight().get_absolute_url())
    text = text_of(response)
    assert "Discover the published article" in text
    assertContains(response, f'<a href="https://doi.org/{SEED_DOI}">{SEED_DOI}</a>', html=True)
    assert "Cell Mol Gastroenterol Hepatol" in text
    assert "Online ahead of print" in text
    assert "et al" in text


def test_research_highlight_page_lists_partners_by_role_with_links(client, seeded):
    article = highlight()
    response = client.get(article.get_absolute_url())
    text = text_of(response)
    assert "Collaborations and acknowledgements" in text
    for role, organisations in article.partners_by_role():
        assert role in text
        for organisation in organisations:
            assertContains(response, f'<a href="{organisation.get_absolute_url()}">{organisation.name}</a>', html=True)
    named = " ".join(organisation.name for organisation in article.partners.all())
    for partner in ("Limoges", "Beaujon", "IPBS", "Novartis", "FRM", "National League Against Cancer", "INCa"):
        assert partner in named


def test_chemotherapy_article_shows_honorifics_distinctions_and_positions(client, seeded):
    response = client.get(chemotherapy_article().get_absolute_url())
    text = text_of(response)
    assert breadcrumb_trail(response) == f"Home › News › {CHEMOTHERAPY_TITLE}"
    assert "Prof. Vladimir Perelmuter" in text
    assert "Honored Scientist of the Russian Federation" in text
    assert "Prof. Nadezhda Cherdyntseva" in text
    assert "Corresponding Member of the Russian Academy of Sciences" in text
    assert "Deputy Director for Science" in text


def test_chemotherapy_article_acknowledges_its_grants_with_links(client, seeded):
    response = client.get(chemotherapy_article().get_absolute_url())
    for number in ("19-75-30016", "14-15-00318"):
        grant = award(number)
        assertContains(
            response, f'<a href="{grant.get_absolute_url()}">Russian Science Foundation — No. {number}</a>', html=True
        )


def test_news_list_shows_the_seed_articles_and_filters_by_keyword(client, seeded):
    response = client.get("/news/")
    assert HIGHLIGHT_TITLE in text_of(response) and CHEMOTHERAPY_TITLE in text_of(response)
    slug = highlight().keywords.get(name="pancreatic adenocarcinoma").slug
    filtered = text_of(client.get(f"/news/?keyword={slug}", follow=True))
    assert HIGHLIGHT_TITLE in filtered
    assert CHEMOTHERAPY_TITLE not in filtered


def test_team_list_shows_acronym_full_name_and_institution(client, seeded):
    response = client.get("/teams/")
    team = Team.objects.get(acronym="MICROPANC")
    assertContains(response, f'href="{team.get_absolute_url()}"')
    text = text_of(response)
    assert MICROPANC_FULL_NAME in text
    assert team.institution.name in text


def test_team_page_shows_acronym_full_name_members_news_and_publications(client, seeded):
    team = Team.objects.get(acronym="MICROPANC")
    response = client.get(team.get_absolute_url())
    text = text_of(response)
    assert breadcrumb_trail(response) == "Home › Teams › MICROPANC"
    assert MICROPANC_FULL_NAME in text
    for membership in team.memberships.filter(ended_on__isnull=True).select_related("person"):
        assert membership.get_role_display() in text
        assertContains(response, f'href="{membership.person.get_absolute_url()}"')
    assert HIGHLIGHT_TITLE in text
    assertContains(response, f'<a href="https://doi.org/{SEED_DOI}">{SEED_DOI}</a>', html=True)


def test_person_page_shows_honorific_distinctions_position_and_news(client, seeded):
    person = Person.objects.get(family_name="Cherdyntseva")
    response = client.get(person.get_absolute_url())
    text = text_of(response)
    assert "Prof. Nadezhda Cherdyntseva" in text
    assert "Corresponding Member of the Russian Academy of Sciences" in text
    assert "Deputy Director for Science" in text
    assert CHEMOTHERAPY_TITLE in text


def test_publication_page_shows_every_author_the_doi_the_status_and_the_news_citing_it(client, seeded):
    publication = Publication.objects.get(doi=SEED_DOI)
    response = client.get(publication.get_absolute_url())
    text = text_of(response)
    assert breadcrumb_trail(response).startswith("Home › Publications ›")
    for author in publication.authors.all():
        assert author.name in text
    assert "et al" not in text
    assertContains(response, f'<a href="https://doi.org/{SEED_DOI}">{SEED_DOI}</a>', html=True)
    assert "Online ahead of print" in text
    assert "2021 Jan 19" in text
    assert HIGHLIGHT_TITLE in text
    assert "MICROPANC" in text


def test_publication_list_cites_the_seed_publication_with_its_first_authors(client, seeded):
    publication = Publication.objects.get(doi=SEED_DOI)
    response = client.get("/publications/")
    text = text_of(response)
    assertContains(response, f'href="{publication.get_absolute_url()}"')
    first, *_, last = publication.authors.all()
    assert first.name in text
    assert f"{last.name}." not in text
    assert "et al" in text
    assert "Online ahead of print" in text


def test_partner_page_shows_kind_and_the_news_that_name_it(client, seeded):
    novartis = Organisation.objects.get(name__icontains="Novartis")
    response = client.get(novartis.get_absolute_url())
    text = text_of(response)
    assert novartis.name in text
    assert novartis.get_kind_display() in text
    assert HIGHLIGHT_TITLE in text


def test_funder_page_lists_the_grants_it_funds(client, seeded):
    funder = award("19-75-30016").funder
    text = text_of(client.get(funder.get_absolute_url()))
    assert "No. 19-75-30016" in text and "No. 14-15-00318" in text


def test_grant_page_shows_funder_award_number_and_the_news_acknowledging_it(client, seeded):
    grant = award("19-75-30016")
    response = client.get(grant.get_absolute_url())
    text = text_of(response)
    assert "Russian Science Foundation — No. 19-75-30016" in text
    assertContains(response, f'href="{grant.funder.get_absolute_url()}"')
    assert CHEMOTHERAPY_TITLE in text


# --- Pages built from factories -----------------------------------------------------------------


@pytest.mark.django_db
def test_footer_shows_contact_careers_and_social_links_from_site_settings(client):
    SiteSettings.objects.create(
        institute_name="Toulouse Cancer Research Center (Oncopole)",
        short_name="CRCT",
        address="2 avenue Hubert Curien\nToulouse – FR",
        phone="+33 5 82 74 15 75",
        email="contact@example.org",
        contact_url="https://example.org/contact/",
        careers_text="Want to join the CRCT team?",
        careers_url="https://example.org/jobs/",
        mastodon_url="https://mastodon.example/@crct",
    )
    response = client.get("/")
    assertContains(response, '<a href="tel:+33582741575">+33 5 82 74 15 75</a>', html=True)
    assertContains(response, '<a href="mailto:contact@example.org">contact@example.org</a>', html=True)
    assertContains(response, '<a href="https://example.org/contact/">Contact us</a>', html=True)
    assertContains(
        response,
        '<a class="button button-light" href="https://example.org/jobs/">Want to join the CRCT team?</a>',
        html=True,
    )
    assertContains(response, '<a href="https://mastodon.example/@crct" rel="me">Mastodon</a>', html=True)
    assert "2 avenue Hubert Curien Toulouse – FR" in text_of(response)
    assertNotContains(response, "LinkedIn")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/news/no-such-article/",
        "/teams/no-such-team/",
        "/people/no-such-person/",
        "/publications/999999/",
        "/partners/no-such-partner/",
        "/grants/999999/",
        "/no-such-page/",
    ],
)
def test_unknown_addresses_give_the_custom_not_found_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")
    assert "Page not found" in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"publish_at": timezone.now() + timedelta(days=1)},
        {"expire_at": timezone.now() - timedelta(minutes=1)},
    ],
    ids=["draft", "in review", "future", "expired"],
)
def test_articles_that_are_not_live_are_not_found_nor_listed(client, fields):
    article = make_article(title="Embargoed result", **fields)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Embargoed result" not in text_of(client.get("/"))
    assert "Embargoed result" not in text_of(client.get("/news/"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=abc", "Enter a whole number."),
        ("year=99999999999999999999", "less than or equal to 2999"),
        ("team=no-such-team", "Select a valid choice."),
        ("kind=gossip", "Select a valid choice."),
        ("keyword=not%20a%20slug!", "Enter a valid “slug”"),
    ],
)
def test_bad_filter_values_show_the_form_error_and_the_unfiltered_news(client, query, message):
    make_article(title="A live article")
    response = client.get(f"/news/?{query}")
    assert response.status_code == 200
    text = text_of(response)
    assert message in text
    assert "Some filters could not be used" in text
    assertContains(response, 'aria-invalid="true"')
    assert "A live article" in text


@pytest.mark.django_db
def test_keyword_links_with_cyrillic_slugs_lead_to_the_keywords_page(client):
    article = make_article(title="Химиотерапия рака", keywords=["химиотерапия"])
    make_article(title="Other news")
    link = re.search(r'href="(/keywords/[^"]+)"', client.get(article.get_absolute_url()).content.decode())
    response = client.get(html.unescape(link.group(1)))
    assert response.status_code == 200
    assert "Химиотерапия рака" in text_of(response)
    assert "Other news" not in text_of(response)


@pytest.mark.django_db
def test_filters_narrow_the_news_list_by_team_kind_and_year(client):
    team = make_team(acronym="MICROPANC")
    make_article(title="Team award", teams=[team], kind=Article.Kind.AWARD)
    make_article(title="Other news")
    year = timezone.now().year
    text = text_of(client.get(f"/news/?team={team.slug}&kind=award&year={year}"))
    assert "Team award" in text
    assert "Other news" not in text
    assert "Team award" not in text_of(client.get(f"/news/?year={year - 5}"))


@pytest.mark.django_db
def test_filter_form_has_a_label_for_every_field(client):
    response = client.get("/news/")
    for name in ("team", "keyword", "kind", "year"):
        assertContains(response, f'<label for="id_{name}">')
    assertContains(response, '<form class="filter-form" method="get"')


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/news/?page=999", "/news/?page=abc", "/publications/?page=999", "/publications/?page=abc"]
)
def test_pages_out_of_range_or_not_numbers_are_not_found(client, url):
    make_article()
    make_publication()
    response = client.get(url)
    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")


@pytest.mark.django_db
def test_pagination_links_keep_the_active_filters(client):
    for number in range(12):
        make_article(title=f"Pancreas story {number}", keywords=["pancreas"])
    make_article(title="Unrelated story")
    response = client.get("/news/?keyword=pancreas&kind=news")
    assertContains(response, '<a href="?keyword=pancreas&amp;kind=news&amp;page=2" rel="next">Next</a>', html=True)
    second = client.get("/news/?keyword=pancreas&kind=news&page=2")
    assertContains(second, '<a href="?keyword=pancreas&amp;kind=news&amp;page=1" rel="prev">Previous</a>', html=True)
    assert "Page 2 of 2" in text_of(second)
    assert "Unrelated story" not in text_of(second)


def test_server_error_page_renders_without_a_request_context_or_the_database():
    # No django_db mark: a query while rendering would raise here.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in text_of(response)


@pytest.mark.django_db
def test_article_body_is_rendered_as_html_and_the_standfirst_is_escaped(client):
    article = make_article(body="<h2>Results</h2><p>SOM230 <em>works</em>.</p>", standfirst="Fibroblasts <b>matter</b>")
    response = client.get(article.get_absolute_url())
    assertContains(response, "<h2>Results</h2>")
    assertContains(response, "SOM230 <em>works</em>.")
    assertContains(response, "Fibroblasts &lt;b&gt;matter&lt;/b&gt;")


@pytest.mark.django_db
def test_lead_image_has_alt_text_caption_and_credit(client):
    image = make_image(alt_text="Fibroblasts in green", caption="Stroma of a tumour", credit="© CRCT")
    response = client.get(make_article(lead_image=image).get_absolute_url())
    assertContains(response, 'alt="Fibroblasts in green" loading="eager"')
    assertContains(response, 'width="64" height="36"')  # the 64 × 48 picture cropped to 16:9
    assertContains(
        response, '<figcaption>Stroma of a tumour <span class="credit">Credit: © CRCT</span></figcaption>', html=True
    )


@pytest.mark.django_db
def test_team_members_are_grouped_by_role_with_leaders_first(client):
    leader = make_person(honorific="Dr.", given_name="Corinne", family_name="Bousquet")
    student = make_person(given_name="Anna", family_name="Abel")
    postdoc = make_person(honorific="Dr.", given_name="Rémi", family_name="Samain")
    former = make_person(given_name="Gone", family_name="Away")
    team = make_team(
        members=[
            (student, Membership.Role.PHD_STUDENT),
            (postdoc, Membership.Role.POSTDOC),
            (leader, Membership.Role.LEADER),
            (former, Membership.Role.RESEARCHER),
        ]
    )
    team.memberships.filter(person=former).update(ended_on=timezone.now().date())
    text = text_of(client.get(team.get_absolute_url()))
    order = [
        text.index(label) for label in ("Team leader", "Dr. Corinne Bousquet", "Postdoctoral fellow", "PhD student")
    ]
    assert order == sorted(order)
    assert "Gone Away" not in text


@pytest.mark.django_db
def test_team_page_shows_contact_join_call_keywords_and_grants(client):
    team = make_team(
        contact_email="team@example.org", join_text="Want to join the team?", join_url="https://example.org/j"
    )
    team.keywords.add("stroma")
    make_grant(funder=make_organisation(name="French National Cancer Institute"), award_number="PLBIO-2019").teams.add(
        team
    )
    response = client.get(team.get_absolute_url())
    assertContains(response, '<a href="mailto:team@example.org">team@example.org</a>', html=True)
    assertContains(response, '<a class="button" href="https://example.org/j">Want to join the team?</a>', html=True)
    assertContains(response, '<a href="/keywords/stroma/">stroma</a>', html=True)
    assert "French National Cancer Institute — No. PLBIO-2019" in text_of(response)


@pytest.mark.django_db
def test_team_description_keeps_its_formatting_and_loses_its_scripts(client):
    team = make_team(description="<p>We study <em>fibroblasts</em>.</p><script>alert(1)</script>")
    response = client.get(team.get_absolute_url())
    assertNotContains(response, "alert(1)")
    assertContains(response, "<p>We study <em>fibroblasts</em>.</p>", html=True)


@pytest.mark.django_db
def test_citation_lists_three_authors_then_et_al_and_all_on_its_own_page(client):
    publication = make_publication(authors=("R Samain", "A Brunel", "T Douché", "M Fanjul"), doi="10.1000/x.1")
    listed = text_of(client.get("/publications/"))
    assert "R Samain, A Brunel, T Douché, et al." in listed
    assert "M Fanjul" not in listed
    own_page = text_of(client.get(publication.get_absolute_url()))
    assert "R Samain, A Brunel, T Douché, M Fanjul." in own_page


@pytest.mark.django_db
def test_citation_shows_volume_issue_pages_and_status_only_when_not_plainly_published(client):
    make_publication(
        title="Towards targeting of shared mechanisms",
        journal_abbreviation="Nat Rev Cancer",
        published_on=date(2022, 3, 1),
        volume="22",
        issue="3",
        pages="157-173",
    )
    make_publication(title="A preprint", status=Publication.Status.PREPRINT)
    text = text_of(client.get("/publications/"))
    assert "Nat Rev Cancer. 2022 Mar 1;22(3):157-173." in text
    assert "Preprint." in text
    assert "Published." not in text


@pytest.mark.django_db
def test_citation_links_authors_who_have_a_profile(client):
    person = make_person(honorific="Dr.", given_name="Rémi", family_name="Samain")
    publication = make_publication(authors=("A Brunel",))
    publication.authors.create(name="R Samain", person=person, order=1)
    response = client.get(publication.get_absolute_url())
    assertContains(response, f'<a href="{person.get_absolute_url()}">R Samain</a>', html=True)


@pytest.mark.django_db
def test_person_page_shows_orcid_affiliation_teams_and_publications(client):
    institute = make_organisation(name="Cancer Research Institute, Tomsk NRMC")
    person = make_person(
        honorific="Prof.",
        given_name="Vladimir",
        family_name="Perelmuter",
        distinctions="Honored Scientist of the Russian Federation",
        orcid="0000-0002-1825-0097",
        affiliation=institute,
        bio="Pathologist.",
    )
    team = make_team(acronym="TOMSK", name="Tumour microenvironment", members=[(person, Membership.Role.LEADER)])
    publication = make_publication(authors=())
    publication.authors.create(name="V Perelmuter", person=person)
    response = client.get(person.get_absolute_url())
    text = text_of(response)
    assertContains(
        response, '<a href="https://orcid.org/0000-0002-1825-0097">https://orcid.org/0000-0002-1825-0097</a>', html=True
    )
    assertContains(response, f'<a href="{institute.get_absolute_url()}">{institute.name}</a>', html=True)
    assertContains(response, f'<a href="{team.get_absolute_url()}">TOMSK: Tumour microenvironment</a>', html=True)
    assert "Team leader" in text
    assert publication.title in text
    assert "Pathologist." in text


@pytest.mark.django_db
def test_partner_page_shows_place_website_ror_grants_and_hosted_teams(client):
    institute = make_organisation(
        name="Cancer Research Center of Toulouse",
        kind=Organisation.Kind.RESEARCH_INSTITUTE,
        city="Toulouse",
        country="FR",
        website="https://www.crct-inserm.fr/",
        ror_id="02feahw73",
    )
    team = make_team(acronym="MICROPANC", institution=institute)
    make_grant(funder=institute, award_number="CRCT-1")
    article = make_article(title="Partnered news", partners=[(institute, ArticlePartner.Role.COLLABORATION)])
    response = client.get(institute.get_absolute_url())
    text = text_of(response)
    assert "Research institute" in text
    assert "Toulouse, France" in text
    assertContains(response, '<a class="button" href="https://www.crct-inserm.fr/">Website</a>', html=True)
    assertContains(response, 'href="https://ror.org/02feahw73"')
    assertContains(response, f'href="{team.get_absolute_url()}"')
    assertContains(response, f'href="{article.get_absolute_url()}"')
    assert "No. CRCT-1" in text


@pytest.mark.django_db
def test_grant_page_shows_title_programme_dates_investigator_and_teams(client):
    investigator = make_person(honorific="Prof.", given_name="Nadezhda", family_name="Cherdyntseva")
    team = make_team(acronym="TOMSK")
    grant = make_grant(
        funder=make_organisation(name="Russian Science Foundation"),
        award_number="19-75-30016",
        title="Tumour microenvironment and metastasis",
        programme="Leading scientific groups",
        started_on=date(2019, 1, 1),
        ended_on=date(2023, 12, 31),
        principal_investigator=investigator,
    )
    grant.teams.add(team)
    response = client.get(grant.get_absolute_url())
    text = text_of(response)
    assert "Russian Science Foundation — No. 19-75-30016" in text
    assert "Tumour microenvironment and metastasis" in text
    assert "Leading scientific groups" in text
    assert "1 January 2019 – 31 December 2023" in text
    assertContains(response, f'<a href="{investigator.get_absolute_url()}">Prof. Nadezhda Cherdyntseva</a>', html=True)
    assertContains(response, f'href="{team.get_absolute_url()}"')


@pytest.mark.django_db
def test_main_navigation_marks_the_current_section(client):
    response = client.get("/teams/")
    assertContains(response, '<a href="/teams/" aria-current="page">Teams</a>', html=True)
    assertContains(response, '<a href="/news/">News</a>', html=True)


@pytest.mark.django_db
def test_pages_advertise_the_news_feeds_and_team_pages_their_team_feed(client):
    team = make_team(acronym="MICROPANC")
    assertContains(client.get("/"), '<link rel="alternate" type="application/rss+xml"', count=1)
    response = client.get(team.get_absolute_url())
    assertContains(response, f'href="/news/feed/team/{team.slug}/"')
    assertContains(response, 'href="/news/feed/"')


@pytest.mark.django_db
def test_a_grant_page_lists_its_news_twelve_at_a_time(client):
    grant = make_grant(award_number="19-75-30016")
    for number in range(13):
        make_article(
            title=f"Result number {number:02d}", grants=[grant], publish_at=timezone.now() - timedelta(days=number + 1)
        )
    first = client.get(grant.get_absolute_url())
    second = client.get(grant.get_absolute_url(), {"page": 2})
    assert first.text.count('class="card-title"') == 12 and "Result number 00" in first.text
    assert second.text.count('class="card-title"') == 1 and "Result number 12" in second.text
    assert client.get(grant.get_absolute_url(), {"page": "abc"}).status_code == 200
