"""Link suggestions: identifiers in an article's text become one-click links to research data."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from factories import make_article, make_grant, make_organisation, make_publication
from import_urls import DOI, PMID, RecordedServer

from newsroom.admin.articles import ArticleAdmin
from newsroom.models import Article
from newsroom.suggestions import suggestions_for
from research.mentions import AWARD, Mention, find_mentions, text_of_html
from research.mentions import DOI as DOI_KIND
from research.mentions import PMID as PMID_KIND
from research.models import Grant, Organisation, Publication

RSF_SENTENCE = "supported by grants from the Russian Science Foundation (No. 19-75-30016, No. 14-15-00318)."


class Funder:
    def __init__(self, name, short_name="", other_names="", award_number_pattern=""):
        self.organisation = Organisation(
            name=name, short_name=short_name, other_names=other_names, award_number_pattern=award_number_pattern
        )
        self.names, self.award_number_pattern = self.organisation.names, award_number_pattern


RSF = Funder("Russian Science Foundation", "RSF")
ANR = Funder("Agence Nationale de la Recherche", "ANR")


def values(mentions):
    return [(mention.kind, mention.value) for mention in mentions]


def test_award_numbers_in_brackets_after_a_funder_are_found():
    assert values(find_mentions(RSF_SENTENCE, [RSF])) == [(AWARD, "19-75-30016"), (AWARD, "14-15-00318")]


def test_award_numbers_joined_by_and_are_found():
    text = "The Russian Science Foundation (No. 19-75-30016 and No. 14-15-00318) supported it."
    assert values(find_mentions(text, [RSF])) == [(AWARD, "19-75-30016"), (AWARD, "14-15-00318")]


def test_a_funder_is_recognised_by_its_short_name_in_any_case():
    mentions = find_mentions("Funded by rsf grant No. 19-75-30016 in 2021.", [RSF, ANR])
    assert mentions == [Mention(AWARD, "19-75-30016", RSF)]


RSF_SENTENCE_IN_RUSSIAN = "Исследование поддержано грантами РНФ № 19-75-30016 и № 14-15-00318"
FWO_SENTENCE = "Research Foundation – Flanders (FWO) grant G0C5323N"
RSF_NAMED = Funder("Russian Science Foundation", "RSF", "РНФ\nРоссийский научный фонд")
FWO = Funder("Research Foundation – Flanders", "FWO", award_number_pattern="G[0-9A-Z]{6}N")


def test_a_funder_is_recognised_by_its_other_names_in_another_language():
    mentions = find_mentions(RSF_SENTENCE_IN_RUSSIAN, [ANR, RSF_NAMED])
    assert values(mentions) == [(AWARD, "19-75-30016"), (AWARD, "14-15-00318")]
    assert find_mentions(RSF_SENTENCE_IN_RUSSIAN, [RSF]) == []


def test_award_numbers_of_a_funders_own_pattern_are_found_wherever_it_is_named():
    assert values(find_mentions(FWO_SENTENCE, [FWO])) == [(AWARD, "G0C5323N")]
    assert values(find_mentions("Grant G0C5323N of the FWO, and G1234567 and XG0C5323N.", [FWO])) == [
        (AWARD, "G0C5323N")
    ]
    assert find_mentions(FWO_SENTENCE, [Funder("Research Foundation – Flanders", "FWO")]) == []


def test_a_pattern_finds_nothing_when_its_funder_is_not_named():
    assert find_mentions("Grant G0C5323N.", [FWO]) == []


def test_a_pattern_written_with_anchors_still_finds_numbers_inside_a_sentence():
    anchored = Funder("Research Foundation – Flanders", "FWO", award_number_pattern="^G[0-9A-Z]{6}N$")
    assert values(find_mentions(FWO_SENTENCE, [anchored])) == [(AWARD, "G0C5323N")]


@pytest.mark.parametrize("pattern", ["G0[", "(unclosed", "\\d*", "a|"])
def test_an_award_number_pattern_that_is_broken_or_matches_nothing_is_refused(pattern):
    with pytest.raises(ValidationError) as refused:
        Organisation(name="FWO", award_number_pattern=pattern).clean_fields()
    assert "award_number_pattern" in refused.value.message_dict


def test_a_funders_names_are_its_name_short_name_and_other_names_once_each():
    funder = Organisation(name="Russian Science Foundation", short_name="RSF", other_names="РНФ\n\n RSF \nRFS")
    assert funder.names == ["Russian Science Foundation", "RSF", "РНФ", "RFS"]


def test_the_russian_sentence_suggests_both_grants_of_the_demo_content(seeded):
    article = second_seed_article()
    article.grants.clear()
    article.body = f"<p>{RSF_SENTENCE_IN_RUSSIAN}.</p>"
    article.title = article.standfirst = "Метастазирование"
    rsf_grants = Grant.objects.filter(funder__slug="russian-science-foundation").order_by("award_number")
    suggested = {(s.value, s.existing) for s in suggestions_for(article)}
    assert suggested == {(grant.award_number, grant) for grant in rsf_grants}
    assert len(suggested) == 2


def test_the_flemish_sentence_suggests_the_fwo_grant_of_the_demo_content(seeded):
    article = make_article(title="Flemish partners", body=f"<p>{FWO_SENTENCE}.</p>")
    fwo_grant = Grant.objects.get(funder__slug="fwo", award_number="G0C5323N")
    assert [(s.kind, s.value, s.existing) for s in suggestions_for(article)] == [(AWARD, "G0C5323N", fwo_grant)]


def test_numbers_in_the_next_sentence_or_without_a_funder_are_not_awards():
    text = "Funded by the RSF. In 2021-22 the team grew. Grant 12-34-56789 is someone else's."
    assert find_mentions(text, [RSF]) == []


def test_years_are_not_award_numbers():
    assert find_mentions("RSF grants of 2019 and 2021.", [RSF]) == []


def test_award_numbers_with_letters_are_found():
    assert values(find_mentions("ANR grant ANR-19-CE14-0001.", [ANR])) == [(AWARD, "ANR-19-CE14-0001")]


def test_dois_are_found_without_the_sentence_punctuation_after_them():
    text = "Read it (doi: 10.1016/j.jcmgh.2021.01.008). Also https://doi.org/10.1038/S41568-021-00427-0."
    assert values(find_mentions(text)) == [
        (DOI_KIND, "10.1016/j.jcmgh.2021.01.008"),
        (DOI_KIND, "10.1038/s41568-021-00427-0"),
    ]


def test_pubmed_ids_are_found_after_pmid():
    assert values(find_mentions("Cell Mol Gastroenterol Hepatol. PMID: 33482394; pmid 123")) == [
        (PMID_KIND, "33482394"),
        (PMID_KIND, "123"),
    ]


def test_a_number_without_pmid_is_not_a_pubmed_id():
    assert find_mentions("We enrolled 33482394 cells.") == []


def test_each_identifier_is_suggested_once():
    assert len(find_mentions("10.1000/a1 and again 10.1000/a1")) == 1


def test_doi_only_in_a_link_address_is_found():
    text = text_of_html('<p>Read <a href="https://doi.org/10.1016/j.jcmgh.2021.01.008">the paper</a>.</p>')
    assert values(find_mentions(text)) == [(DOI_KIND, "10.1016/j.jcmgh.2021.01.008")]


def second_seed_article():
    return Article.objects.get(slug="cancer-chemotherapy-microenvironment-metastasis-prevention")


def first_seed_article():
    return Article.objects.get(slug__startswith="normalization-of-protein-secretions")


def test_the_second_seed_articles_grant_numbers_are_suggested_when_not_linked(seeded):
    article = second_seed_article()
    assert suggestions_for(article) == []  # the seeds link both grants already
    article.grants.clear()
    suggested = [(s.kind, s.value, s.funder.slug, s.existing) for s in suggestions_for(article)]
    rsf_grants = {
        grant.award_number: grant for grant in Grant.objects.filter(funder__slug="russian-science-foundation")
    }
    assert suggested == [
        (AWARD, "19-75-30016", "russian-science-foundation", rsf_grants["19-75-30016"]),
        (AWARD, "14-15-00318", "russian-science-foundation", rsf_grants["14-15-00318"]),
    ]


@pytest.mark.django_db
def test_a_doi_in_the_text_of_an_article_is_suggested_until_it_is_linked():
    publication = make_publication(doi="10.1000/linked.1")
    article = make_article(body="<p>See doi:10.1000/linked.1 and 10.1000/new.2.</p>")
    assert [(s.value, s.existing) for s in suggestions_for(article)] == [
        ("10.1000/linked.1", publication),
        ("10.1000/new.2", None),
    ]
    article.publications.add(publication)
    assert [s.value for s in suggestions_for(article)] == ["10.1000/new.2"]


def make_rsf():
    return make_organisation(name="Russian Science Foundation", short_name="RSF", kind=Organisation.Kind.FUNDING_AGENCY)


@pytest.fixture
def recorded_lookups(monkeypatch):
    server = RecordedServer()
    monkeypatch.setattr(ArticleAdmin, "lookup_transport", server.transport)
    return server


def link(staff_client, article, **data):
    url = reverse("admin:newsroom_article_link_suggestion", args=[article.pk])
    return staff_client.post(url, data, follow=True)


@pytest.mark.django_db
def test_the_change_page_lists_suggestions_with_one_button_each(staff_client):
    funder = make_organisation(
        name="Russian Science Foundation", short_name="RSF", kind=Organisation.Kind.FUNDING_AGENCY
    )
    article = make_article(body=f"<p>The work was {RSF_SENTENCE} doi: {DOI}</p>")
    page = staff_client.get(reverse("admin:newsroom_article_change", args=[article.pk])).text
    assert "Suggested research links" in page
    assert "The text mentions DOI 10.1016/j.jcmgh.2021.01.008." in page
    assert "The text mentions grant No. 19-75-30016 from Russian Science Foundation." in page
    assert "The text mentions grant No. 14-15-00318 from Russian Science Foundation." in page
    assert page.count("Add this grant and link it") == 2
    assert f'name="funder" value="{funder.pk}"' in page
    assert "Fetch from Crossref and link it" in page


@pytest.mark.django_db
def test_one_click_creates_the_grant_under_its_funder_and_links_it(staff_client):
    funder = make_organisation(
        name="Russian Science Foundation", short_name="RSF", kind=Organisation.Kind.FUNDING_AGENCY
    )
    article = make_article(body=f"<p>{RSF_SENTENCE}</p>")
    response = link(staff_client, article, kind=AWARD, value="19-75-30016", funder=funder.pk)
    grant = Grant.objects.get(funder=funder, award_number="19-75-30016")
    assert list(article.grants.all()) == [grant]
    assert "added and linked" in response.text
    assert [s.value for s in response.context["link_suggestions"]] == ["14-15-00318"]


@pytest.mark.django_db
def test_one_click_links_a_grant_already_on_file_without_a_copy(staff_client):
    grant = make_grant(award_number="14-15-00318")
    article = make_article(body=f"<p>{grant.funder.name} (No. 14-15-00318)</p>")
    link(staff_client, article, kind=AWARD, value="14-15-00318", funder=grant.funder.pk)
    assert list(article.grants.all()) == [grant]
    assert Grant.objects.count() == 1


@pytest.mark.django_db
def test_one_click_creates_the_publication_from_crossref_and_links_it(staff_client, recorded_lookups):
    article = make_article(body=f"<p>doi: {DOI}</p>")
    response = link(staff_client, article, kind=DOI_KIND, value=DOI)
    publication = Publication.objects.get(doi=DOI)
    assert list(article.publications.all()) == [publication]
    assert publication.status == Publication.Status.AHEAD_OF_PRINT
    assert publication.authors.count() == 26
    assert "added and linked" in response.text


@pytest.mark.django_db
def test_one_click_creates_the_publication_from_pubmed(staff_client, recorded_lookups):
    article = make_article(body=f"<p>PMID: {PMID}</p>")
    link(staff_client, article, kind=PMID_KIND, value=PMID)
    assert article.publications.get().pmid == PMID


@pytest.mark.django_db
def test_a_failed_look_up_is_reported_and_links_nothing(staff_client, recorded_lookups):
    article = make_article(body="<p>doi: 10.5555/offline</p>")
    response = link(staff_client, article, kind=DOI_KIND, value="10.5555/offline")
    assert "Crossref could not be reached" in response.text
    assert '<a href="/admin/research/publication/add/?doi=10.5555%2Foffline">Enter it by hand</a>' in response.text
    assert not article.publications.exists()
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_an_incomplete_suggestion_is_refused_politely(staff_client):
    article = make_article()
    response = link(staff_client, article, kind=AWARD, value="19-75-30016", funder="not-a-number")
    assert response.status_code == 200
    assert "This suggestion is incomplete" in response.text


@pytest.mark.django_db
def test_linking_needs_a_post(staff_client):
    article = make_article()
    assert staff_client.get(reverse("admin:newsroom_article_link_suggestion", args=[article.pk])).status_code == 405
