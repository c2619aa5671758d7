"""Peer-review status (issue 15, point 6): readers and journalists see whether the news is about a
peer-reviewed paper, a preprint, a conference talk or a paper online ahead of print, on the article's
page and cards, in the feeds, in JSON-LD and in the API; imports set it from what the source says."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from factories import make_article, make_publication

from research.models import PeerReview, Publication
from research.sources.bibtex import read_bibtex
from research.sources.crossref import parse_work
from research.sources.ris import read_ris

pytestmark = pytest.mark.django_db


@pytest.fixture
def preprint_news():
    preprint = make_publication(title="A preprint on fibroblasts", status=Publication.Status.PREPRINT)
    return make_article(title="Fibroblasts talk to macrophages", publications=[preprint])


def json_ld(response, kind):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.DOTALL)
    return next(data for data in map(json.loads, blocks) if data.get("@type") == kind)


@pytest.mark.parametrize(
    ("status", "badge"),
    [
        (Publication.Status.PUBLISHED, "Peer-reviewed"),
        (Publication.Status.IN_PRESS, "Peer-reviewed"),
        (Publication.Status.AHEAD_OF_PRINT, "Peer-reviewed, online ahead of print"),
        (Publication.Status.PREPRINT, "Preprint, not yet peer-reviewed"),
        (Publication.Status.CONFERENCE, "Conference talk or paper"),
    ],
)
def test_the_article_page_and_its_card_show_the_peer_review_status_of_its_publication(client, status, badge):
    article = make_article(publications=[make_publication(status=status)])

    page = client.get(article.get_absolute_url()).text
    cards = client.get(reverse("newsroom:article-list")).text

    assert f'<span class="peer-review-badge peer-review-{PEER_REVIEW[status]}">{badge}</span>' in page
    assert f">{badge}</span>" in cards


PEER_REVIEW = {
    Publication.Status.PUBLISHED: "peer-reviewed",
    Publication.Status.IN_PRESS: "peer-reviewed",
    Publication.Status.AHEAD_OF_PRINT: "ahead-of-print",
    Publication.Status.PREPRINT: "preprint",
    Publication.Status.CONFERENCE: "conference",
}


def test_an_article_about_no_publication_shows_no_badge(client):
    article = make_article()

    assert "peer-review-badge" not in client.get(article.get_absolute_url()).text


def test_the_badge_is_in_the_readers_language(client, preprint_news):
    client.cookies["django_language"] = "fr"

    assert "Prépublication, pas encore évaluée par les pairs" in client.get(preprint_news.get_absolute_url()).text


@pytest.mark.parametrize("feed", ["newsroom:feed", "newsroom:feed-atom"])
def test_the_feeds_give_the_status_as_a_category(client, preprint_news, feed):
    preprint_news.keywords.add("fibroblasts")
    root = ET.fromstring(client.get(reverse(feed)).content)
    categories = [
        element.text or element.get("term") for element in root.iter() if element.tag.split("}")[-1] == "category"
    ]

    assert categories == ["Preprint, not yet peer-reviewed", "fibroblasts"]


def test_json_ld_says_whether_the_cited_work_was_peer_reviewed(client, preprint_news):
    news = json_ld(client.get(preprint_news.get_absolute_url()), "NewsArticle")
    status = {"@type": "DefinedTerm", "termCode": "preprint", "name": "Preprint, not yet peer-reviewed"}

    assert news["citation"][0]["creativeWorkStatus"] == status
    assert news["about"][0]["creativeWorkStatus"] == status


def test_the_api_gives_the_status_of_publications_and_of_the_articles_links_to_them(client, preprint_news):
    article = client.get(reverse("api:article-detail", args=[preprint_news.slug])).json()
    publication = client.get(article["publications"][0]["url"]).json()

    assert article["publications"][0]["peer_review"] == "preprint"
    assert publication["peer_review"] == "preprint"
    schema = client.get(reverse("api:openapi-json")).json()["components"]["schemas"]
    assert "peer_review" in schema["Publication"]["properties"]
    assert "peer_review" in schema["PublicationLink"]["properties"]


@pytest.mark.parametrize(
    ("work", "expected"),
    [
        ({"type": "posted-content"}, PeerReview.PREPRINT),
        ({"type": "proceedings-article"}, PeerReview.CONFERENCE),
        ({"type": "journal-article", "published-online": {"date-parts": [[2026, 11, 2]]}}, PeerReview.AHEAD_OF_PRINT),
        (
            {"type": "journal-article", "volume": "12", "published-print": {"date-parts": [[2026]]}},
            PeerReview.PEER_REVIEWED,
        ),
    ],
)
def test_a_crossref_record_gives_the_peer_review_status(work, expected):
    record = parse_work({"title": ["A work"], "DOI": "10.1000/x", **work})

    assert Publication(status=record.status or Publication.Status.PUBLISHED).peer_review == expected


def test_conference_papers_from_reference_files_are_conference_talks():
    bibtex = read_bibtex("@inproceedings{talk, title={A talk}, booktitle={AACR Annual Meeting}, year={2026}}")
    ris = read_ris("TY  - CPAPER\nTI  - A paper\nER  - \n")

    assert bibtex[0].record.status == Publication.Status.CONFERENCE
    assert ris[0].record.status == Publication.Status.CONFERENCE


def test_the_demo_content_sets_the_status(seeded):
    assert set(Publication.objects.values_list("status", flat=True)) == {"ahead-of-print", "published"}
