"""Keyword pages, the feeds pages advertise and offer, and the lead images the feeds describe."""

import re
from datetime import timedelta

import feedparser
import pytest
from django.conf import settings
from django.utils import timezone
from factories import make_article, make_image, make_publication, make_team
from lxml import etree

from newsroom.models import Article, SiteSettings

pytestmark = pytest.mark.django_db

MEDIA = {"media": "http://search.yahoo.com/mrss/"}


@pytest.fixture(autouse=True)
def institute(db):
    return SiteSettings.objects.create(institute_name="Toulouse Cancer Research Center")


def tagged_team(keywords, **fields):
    team = make_team(**fields)
    team.keywords.add(*keywords)
    return team


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def alternate_feeds(response):
    """{href: type} of the <link rel="alternate"> feeds in the page's head."""
    head = response.content.decode().split("</head>")[0]
    found = re.findall(r'<link rel="alternate" type="(application/[a-z+]+)" title="[^"]*" href="([^"]+)">', head)
    return {href: feed_type for feed_type, href in found}


def feeds_advertised(response):
    return set(alternate_feeds(response))


def subscribe_links(response):
    return re.findall(r'<a class="subscribe-link" href="([^"]+)"', response.content.decode())


def test_a_keyword_has_a_page_with_its_live_news_its_teams_and_the_publications_of_its_news(client):
    paper = make_publication(title="Stromal CSF-1 facilitates metastasis")
    make_article(title="Fibroblasts feed the tumour", keywords=["fibroblasts"], publications=[paper])
    make_article(title="A draft on fibroblasts", keywords=["fibroblasts"], status=Article.Status.DRAFT)
    make_article(title="Unrelated news", keywords=["immunology"])
    tagged_team(["fibroblasts"], acronym="MICROPANC")
    tagged_team(["fibroblasts"], acronym="RETIRED", is_active=False)

    response = client.get("/keywords/fibroblasts/")

    assert response.status_code == 200
    text = text_of(response)
    assert re.search(r"<h1>\s*fibroblasts\s*</h1>", response.content.decode())
    assert "Fibroblasts feed the tumour" in text and "1 article" in text
    assert "A draft on fibroblasts" not in text and "Unrelated news" not in text
    assert "MICROPANC" in text and "RETIRED" not in text
    assert "Publications discussed in this news" in text and "Stromal CSF-1 facilitates metastasis" in text


def test_a_keyword_page_shows_its_news_twelve_at_a_time(client):
    for number in range(14):
        make_article(
            title=f"Story {number:02d}", keywords=["pancreas"], publish_at=timezone.now() - timedelta(days=number)
        )

    first, second = client.get("/keywords/pancreas/"), client.get("/keywords/pancreas/?page=2")

    assert "Story 00" in text_of(first) and "Story 13" not in text_of(first)
    assert "Story 13" in text_of(second) and "Page 2 of 2" in text_of(second)
    assert "14 articles" in text_of(first)


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.IN_REVIEW])
def test_a_keyword_only_unpublished_news_uses_has_no_page(client, status):
    make_article(keywords=["secret project"], status=status)
    assert client.get("/keywords/secret-project/").status_code == 404
    assert client.get("/keywords/no-such-keyword/").status_code == 404


def test_a_keyword_only_a_team_uses_has_a_page_without_news(client):
    tagged_team(["stroma"], acronym="MICROPANC")
    response = client.get("/keywords/stroma/")
    assert response.status_code == 200
    assert "No news uses this keyword yet." in text_of(response) and "MICROPANC" in text_of(response)


def test_a_cyrillic_keyword_has_a_page(client):
    make_article(title="Химиотерапия рака", keywords=["химиотерапия"])
    response = client.get("/keywords/химиотерапия/")
    assert response.status_code == 200 and "Химиотерапия рака" in text_of(response)


def test_the_news_list_filtered_by_a_keyword_alone_moves_to_the_keywords_page(client):
    make_article(keywords=["pancreas"])
    response = client.get("/news/?keyword=pancreas")
    assert response.status_code == 301
    assert response["Location"] == "/keywords/pancreas/"


def test_the_news_list_keeps_filtering_by_a_keyword_with_other_filters_and_reports_a_bad_one(client):
    make_article(title="Pancreas news", keywords=["pancreas"])
    make_article(title="Pancreas award", keywords=["pancreas"], kind=Article.Kind.AWARD)
    combined = client.get("/news/?keyword=pancreas&kind=award")
    assert combined.status_code == 200
    assert "Pancreas award" in text_of(combined) and "Pancreas news" not in text_of(combined)
    bad = client.get("/news/?keyword=not%20a%20slug!")
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()


def test_keyword_links_on_articles_and_team_pages_lead_to_the_keyword_page(client):
    article = make_article(keywords=["fibroblasts"])
    team = tagged_team(["fibroblasts"])
    for page in (article.get_absolute_url(), team.get_absolute_url()):
        assert '<a href="/keywords/fibroblasts/">fibroblasts</a>' in client.get(page).content.decode()


def test_the_keyword_page_advertises_and_offers_its_feed(client):
    make_article(keywords=["fibroblasts"])
    response = client.get("/keywords/fibroblasts/")
    assert {"/news/feed/keyword/fibroblasts/", "/news/feed/keyword/fibroblasts/atom/"} <= feeds_advertised(response)
    assert alternate_feeds(response)["/news/feed/keyword/fibroblasts/atom/"] == "application/atom+xml"
    assert subscribe_links(response) == ["/news/feed/keyword/fibroblasts/"]
    assert "/news/feed/keyword/fibroblasts/atom/" in response.content.decode().split("</head>")[1]


def test_the_team_page_advertises_and_offers_the_teams_feed(client):
    team = make_team(acronym="MICROPANC")
    response = client.get(team.get_absolute_url())
    assert {f"/news/feed/team/{team.slug}/", f"/news/feed/team/{team.slug}/atom/"} <= feeds_advertised(response)
    assert subscribe_links(response) == [f"/news/feed/team/{team.slug}/"]


def test_the_news_list_filtered_by_kind_advertises_and_offers_the_kinds_feed(client):
    make_article(kind=Article.Kind.AWARD)
    filtered = client.get("/news/?kind=award")
    assert {"/news/feed/kind/award/", "/news/feed/kind/award/atom/"} <= feeds_advertised(filtered)
    assert subscribe_links(filtered) == ["/news/feed/kind/award/"]
    unfiltered = client.get("/news/")
    assert feeds_advertised(unfiltered) == {"/news/feed/", "/news/feed/atom/"}
    assert subscribe_links(unfiltered) == []
    assert client.get("/news/?kind=nonsense").status_code == 200  # reported beside the form, no feed offered


def test_the_keyword_feed_links_back_to_the_keyword_page(client):
    make_article(keywords=["fibroblasts"])
    feed = feedparser.parse(client.get("/news/feed/keyword/fibroblasts/").content)
    assert feed.feed.link == "http://testserver/keywords/fibroblasts/"


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_the_keyword_page_speaks_the_readers_language(client, language):
    make_article(keywords=["fibroblasts"])
    tagged_team(["fibroblasts"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    text = text_of(client.get("/keywords/fibroblasts/"))
    expected = {
        "fr": ["S’abonner", "Équipes qui y travaillent", "Mot-clé"],
        "ru": ["Подписаться", "Команды, работающие над этой темой"],
    }
    for phrase in expected[language]:
        assert phrase in text


def feed_items(client, url):
    response = client.get(url)
    assert feedparser.parse(response.content).bozo == 0
    root = etree.fromstring(response.content)
    return root.findall(".//item") or root.findall("{http://www.w3.org/2005/Atom}entry")


@pytest.mark.parametrize("url", ["/news/feed/", "/news/feed/atom/"], ids=["rss", "atom"])
def test_feed_items_describe_their_lead_image_in_media_rss(client, url):
    image = make_image(alt_text="Fibroblasts in green")
    make_article(lead_image=image)
    make_article(title="No picture")

    with_picture, without = sorted(
        feed_items(client, url), key=lambda item: item.find(".//media:content", MEDIA) is None
    )

    content = with_picture.find("media:content", MEDIA)
    _webp, lead, lead_type = image.rendition_set("lead")
    name, width, height = lead[-1]
    assert content.get("url") == f"http://testserver/media/{name}"
    assert (content.get("width"), content.get("height")) == (str(width), str(height))
    assert content.get("type") == lead_type and content.get("medium") == "image"
    assert content.findtext("media:description", namespaces=MEDIA) == "Fibroblasts in green"
    thumbnail = with_picture.find("media:thumbnail", MEDIA)
    card_name, card_width, card_height = image.rendition_set("card")[1][0]
    assert thumbnail.get("url") == f"http://testserver/media/{card_name}"
    assert (thumbnail.get("width"), thumbnail.get("height")) == (str(card_width), str(card_height))
    assert without.find("media:content", MEDIA) is None


def test_feedparser_reads_the_media_rss_of_a_decorative_picture_without_a_description(client):
    make_article(lead_image=make_image(alt_text="", is_decorative=True))
    (entry,) = feedparser.parse(client.get("/news/feed/").content).entries
    assert entry.media_content[0]["medium"] == "image"
    assert entry.media_thumbnail[0]["url"].startswith("http://testserver/media/renditions/")
    assert "media_description" not in entry
