"""One citation style wherever a publication is shown: public pages, the admin and the feeds."""

import re
from datetime import date

import feedparser
import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from factories import make_article, make_grant, make_person, make_publication, make_team

from research.models import Publication

AUTHORS = ("R Samain", "A Brunel", "T Douché", "M Fanjul")
CITED = (
    "R Samain, A Brunel, T Douché, et al. Normalization of protein secretions. Cell Mol Gastroenterol Hepatol. "
    "2021 Jan 19;12(3):157-173. doi: 10.1016/j.jcmgh.2021.01.008. Online ahead of print."
)


def the_paper(**fields):
    return make_publication(
        authors=AUTHORS,
        title="Normalization of protein secretions",
        published_on=date(2021, 1, 19),
        volume="12",
        issue="3",
        pages="157-173",
        doi="10.1016/j.jcmgh.2021.01.008",
        status=Publication.Status.AHEAD_OF_PRINT,
        **fields,
    )


def words(html):
    return re.sub(r"\s+", " ", strip_tags(html)).strip()


def citations_on(response):
    return [words(match) for match in re.findall(r'<p class="citation">(.*?)</p>', response.text, re.S)]


@pytest.mark.django_db
def test_the_citation_text_has_authors_title_journal_date_volume_issue_pages_doi_and_status():
    assert the_paper().citation_text() == CITED


@pytest.mark.django_db
def test_a_plainly_published_paper_has_no_status_and_a_short_one_no_et_al():
    paper = make_publication(authors=("A One", "B Two"), title="Short", published_on=date(2020, 5, 2), pages="e12")
    assert paper.citation_text() == "A One, B Two. Short. Cell Mol Gastroenterol Hepatol. 2020 May 2;e12."


@pytest.mark.django_db
def test_every_public_page_cites_a_publication_the_same_way(client):
    person = make_person()
    team = make_team()
    paper = the_paper()
    paper.teams.add(team)
    paper.authors.filter(name="A Brunel").update(person=person)
    article = make_article(publications=[paper])
    pages = ["/publications/", article.get_absolute_url(), team.get_absolute_url(), person.get_absolute_url()]
    for url in pages:
        assert citations_on(client.get(url)) == [CITED], url


@pytest.mark.django_db
def test_the_publications_own_page_lists_every_author_in_the_same_style(client):
    paper = the_paper()
    [citation] = citations_on(client.get(paper.get_absolute_url()))
    assert citation == CITED.replace("T Douché, et al.", "T Douché, M Fanjul.")
    assert paper.citation_text(full=True) == citation


@pytest.mark.django_db
def test_the_admin_lists_publications_by_their_citation(staff_client):
    the_paper()
    page = staff_client.get(reverse("admin:research_publication_changelist")).text
    assert CITED in page.replace("&#x27;", "'")


@pytest.mark.django_db
def test_the_article_change_page_cites_its_publications(staff_client):
    article = make_article(publications=[the_paper()], grants=[make_grant()])
    page = staff_client.get(reverse("admin:newsroom_article_change", args=[article.pk])).text
    assert CITED in page


@pytest.mark.django_db
def test_feed_items_cite_the_articles_publications(client):
    make_article(standfirst="Fibroblasts are the key.", publications=[the_paper()])
    entry = feedparser.parse(client.get("/news/feed/").content).entries[0]
    assert entry.summary == f"Fibroblasts are the key.\n\n{CITED}"
