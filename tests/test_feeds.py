from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from factories import make_article, make_image, make_publication, make_team
from taggit.models import Tag

from newsroom.models import Article, Image, SiteSettings

pytestmark = pytest.mark.django_db

INSTITUTE = "Toulouse Cancer Research Center"
FEED_FORMATS = pytest.mark.parametrize("atom", [False, True], ids=["rss", "atom"])


@pytest.fixture(autouse=True)
def institute(db):
    return SiteSettings.objects.create(institute_name=INSTITUTE)


def feed_url(name, *args, atom=False):
    return reverse(f"newsroom:{name}-atom" if atom else f"newsroom:{name}", args=args)


def fetch_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


def entry_titles(feed):
    return {entry.title for entry in feed.entries}


def parsed_time(struct):
    return datetime(*struct[:6], tzinfo=UTC)


@FEED_FORMATS
def test_news_feed_items_carry_title_link_summary_date_author_keywords_and_image(client, django_user_model, atom):
    author = django_user_model.objects.create_user("rsamain", first_name="Rémi", last_name="Samain")
    image = make_image()
    article = make_article(
        title="Normalization of protein secretions blocks metastasis in pancreatic cancer",
        standfirst="Cancer-associated fibroblasts secrete proteins that help tumours spread.",
        keywords=["cancer-related fibroblasts", "pancreatic adenocarcinoma"],
        lead_image=image,
    )
    article.authors.add(author)

    feed = fetch_feed(client, feed_url("feed", atom=atom))

    (entry,) = feed.entries
    assert entry.title == article.title
    assert entry.link == f"http://testserver{article.get_absolute_url()}"
    assert entry.summary == article.standfirst
    assert parsed_time(entry.published_parsed) == article.publish_at.replace(microsecond=0)
    assert entry.author == "Rémi Samain"
    assert {tag.term for tag in entry.tags} == {"cancer-related fibroblasts", "pancreatic adenocarcinoma"}
    (enclosure,) = entry.enclosures
    assert enclosure.href == f"http://testserver{image.file.url}"
    assert enclosure.length == str(image.file.size)
    assert enclosure.type == "image/png"


def test_atom_entries_carry_the_updated_date(client):
    article = make_article()
    article.save()  # bumps updated_at past publish_at

    feed = fetch_feed(client, feed_url("feed", atom=True))

    assert parsed_time(feed.entries[0].updated_parsed) == article.updated_at.replace(microsecond=0)


def test_a_scheduled_article_counts_as_updated_when_it_appears(client):
    article = make_article()
    Article.objects.filter(pk=article.pk).update(updated_at=article.publish_at - timedelta(days=3))

    feed = fetch_feed(client, feed_url("feed", atom=True))

    assert parsed_time(feed.entries[0].updated_parsed) == article.publish_at.replace(microsecond=0)


@FEED_FORMATS
def test_several_authors_are_all_named(client, django_user_model, atom):
    article = make_article()
    article.authors.add(
        django_user_model.objects.create_user("one", first_name="Corinne", last_name="Bousquet"),
        django_user_model.objects.create_user("two", first_name="Rémi", last_name="Samain"),
    )

    feed = fetch_feed(client, feed_url("feed", atom=atom))

    assert feed.entries[0].author == "Corinne Bousquet, Rémi Samain"


@FEED_FORMATS
def test_an_article_without_staff_authors_is_credited_to_the_institute(client, atom):
    make_article()

    feed = fetch_feed(client, feed_url("feed", atom=atom))

    assert feed.entries[0].author == INSTITUTE


def test_an_enclosures_length_is_kept_with_the_picture_not_asked_of_the_storage(client, monkeypatch):
    """On object storage, asking a file's size is a request: thirty of them for every feed."""
    image = make_image()
    make_article(title="With a picture", lead_image=image)
    storage, asked = image.file.storage, []
    real_size = storage.size
    monkeypatch.setattr(storage, "size", lambda name: asked.append(name) or real_size(name))

    (enclosure,) = fetch_feed(client, feed_url("feed")).entries[0].enclosures

    assert enclosure.length == str(real_size(image.file.name)) and asked == []


@FEED_FORMATS
def test_an_article_whose_image_file_is_missing_is_still_listed_without_enclosure(client, atom):
    image = make_image()
    # Renditions made before they kept the picture's size: the storage is asked, and has no file.
    Image.objects.filter(pk=image.pk).update(renditions={k: v for k, v in image.renditions.items() if k != "bytes"})
    image.file.delete(save=False)
    make_article(title="Image lost", lead_image=image)

    feed = fetch_feed(client, feed_url("feed", atom=atom))

    assert feed.entries[0].title == "Image lost"
    assert feed.entries[0].enclosures == []


@FEED_FORMATS
def test_news_feed_channel_names_the_institute(client, atom):
    feed = fetch_feed(client, feed_url("feed", atom=atom))

    assert INSTITUTE in feed.feed.title
    assert INSTITUTE in feed.feed.subtitle
    assert feed.feed.link == "http://testserver/news/"


@FEED_FORMATS
def test_team_feed_lists_only_that_teams_articles_and_names_the_team(client, atom):
    team = make_team(acronym="MICROPANC", name="Microenvironment & Therapeutic Resistance in Pancreatic Neoplasia")
    make_article(title="Team news", teams=[team])
    make_article(title="Other team news", teams=[make_team()])
    make_article(title="Institute news")

    feed = fetch_feed(client, feed_url("team-feed", team.slug, atom=atom))

    assert entry_titles(feed) == {"Team news"}
    assert INSTITUTE in feed.feed.title
    assert "MICROPANC" in feed.feed.title
    assert "MICROPANC" in feed.feed.subtitle
    assert feed.feed.link == f"http://testserver{team.get_absolute_url()}"


@FEED_FORMATS
def test_keyword_feed_lists_only_articles_with_that_keyword(client, atom):
    make_article(title="Tagged", keywords=["pancreatic adenocarcinoma"])
    make_article(title="Tagged otherwise", keywords=["breast cancer"])
    make_article(title="Untagged")
    keyword = Tag.objects.get(name="pancreatic adenocarcinoma")

    feed = fetch_feed(client, feed_url("keyword-feed", keyword.slug, atom=atom))

    assert entry_titles(feed) == {"Tagged"}
    assert "pancreatic adenocarcinoma" in feed.feed.title
    assert INSTITUTE in feed.feed.subtitle


def test_keyword_feed_accepts_a_cyrillic_keyword(client):
    make_article(title="Химиотерапия", keywords=["химиотерапия рака"])
    keyword = Tag.objects.get(name="химиотерапия рака")

    feed = fetch_feed(client, feed_url("keyword-feed", keyword.slug))

    assert entry_titles(feed) == {"Химиотерапия"}


@FEED_FORMATS
def test_kind_feed_lists_only_articles_of_that_kind(client, atom):
    make_article(title="Press release", kind=Article.Kind.PRESS_RELEASE)
    make_article(title="Award", kind=Article.Kind.AWARD)

    feed = fetch_feed(client, feed_url("kind-feed", "press-release", atom=atom))

    assert entry_titles(feed) == {"Press release"}
    assert "Press release" in feed.feed.title
    assert INSTITUTE in feed.feed.title


@pytest.mark.parametrize(
    ("name", "argument"),
    [("team-feed", "no-such-team"), ("keyword-feed", "no-such-keyword"), ("kind-feed", "no-such-kind")],
)
@FEED_FORMATS
def test_a_feed_of_an_unknown_team_keyword_or_kind_is_not_found(client, name, argument, atom):
    make_article(title="Exists", keywords=["exists"], teams=[make_team()])

    assert client.get(feed_url(name, argument, atom=atom)).status_code == 404


@pytest.mark.parametrize("path", ["keyword/a%00b/", "keyword/a%20b/atom/", "team/%D1%80%D0%B0%D0%BA/", "kind/a.b/"])
def test_a_feed_address_with_characters_no_slug_has_is_not_found(client, path):
    assert client.get(f"/news/feed/{path}").status_code == 404


NOW = timezone.now()
HIDDEN_ARTICLES = {
    "draft": {"status": Article.Status.DRAFT},
    "in review": {"status": Article.Status.IN_REVIEW},
    "unpublished": {"status": Article.Status.UNPUBLISHED},
    "future": {"publish_at": NOW + timedelta(days=1)},
    "expired": {"expire_at": NOW - timedelta(minutes=1)},
    "draft and future": {"status": Article.Status.DRAFT, "publish_at": NOW + timedelta(days=1)},
    "draft and expired": {"status": Article.Status.DRAFT, "expire_at": NOW - timedelta(minutes=1)},
    "future and expired": {"publish_at": NOW + timedelta(days=1), "expire_at": NOW - timedelta(minutes=1)},
}


@pytest.mark.parametrize("fields", HIDDEN_ARTICLES.values(), ids=HIDDEN_ARTICLES.keys())
@pytest.mark.parametrize("feed", ["feed", "team-feed", "keyword-feed", "kind-feed"])
def test_articles_the_public_may_not_see_are_absent_from_every_feed(client, fields, feed):
    team = make_team(slug="micropanc")
    common = {"teams": [team], "keywords": ["fibroblasts"], "kind": Article.Kind.NEWS}
    make_article(title="Live", expire_at=NOW + timedelta(days=30), **common)
    make_article(title="Hidden", **common, **fields)
    argument = {"feed": (), "team-feed": ("micropanc",), "keyword-feed": ("fibroblasts",), "kind-feed": ("news",)}

    feed = fetch_feed(client, feed_url(feed, *argument[feed]))

    assert entry_titles(feed) == {"Live"}


def test_a_feed_holds_the_latest_thirty_articles(client):
    for days in range(31):
        make_article(title=f"{days} days old", publish_at=NOW - timedelta(days=days, hours=1))

    feed = fetch_feed(client, feed_url("feed"))

    assert len(feed.entries) == 30
    assert feed.entries[0].title == "0 days old"
    assert "30 days old" not in entry_titles(feed)


def make_rich_articles(count, team, django_user_model):
    """Articles with every relation a feed item shows: keywords, authors, a lead image and a publication."""
    for _ in range(count):
        article = make_article(
            teams=[team],
            keywords=["fibroblasts", "metastasis"],
            kind=Article.Kind.NEWS,
            lead_image=make_image(),
            publications=[make_publication()],
        )
        author = django_user_model.objects.create_user(f"author{article.pk}", first_name="Ann", last_name="Author")
        article.authors.add(author)


@pytest.mark.parametrize(
    ("feed", "argument", "queries"),
    [
        ("feed", (), 6),  # site settings, articles, their keywords, authors, publications and their authors
        ("team-feed", ("micropanc",), 7),  # and the team
        ("keyword-feed", ("fibroblasts",), 7),  # and the keyword
        ("kind-feed", ("news",), 6),
    ],
)
@FEED_FORMATS
def test_a_feed_takes_the_same_number_of_queries_for_one_item_or_ten(
    client, django_user_model, django_assert_num_queries, feed, argument, queries, atom
):
    team = make_team(slug="micropanc")
    url = feed_url(feed, *argument, atom=atom)
    make_rich_articles(1, team, django_user_model)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200

    make_rich_articles(9, team, django_user_model)
    with django_assert_num_queries(queries):
        response = client.get(url)

    assert len(feedparser.parse(response.content).entries) == 10


def test_feed_links_advertise_the_institute_team_keyword_and_kind_feeds_that_exist(client):
    team = make_team(acronym="MICROPANC")
    make_article(title="Tagged", keywords=["fibroblasts"], teams=[team], kind=Article.Kind.AWARD)
    keyword = Tag.objects.get(name="fibroblasts")

    html = render_to_string(
        "includes/feed_links.html",
        {"site": SiteSettings.load(), "team": team, "keyword": keyword, "kind": "award", "kind_label": "Award"},
    )

    expected = {
        f'type="application/rss+xml" title="{INSTITUTE}: news (RSS)" href="/news/feed/"',
        f'type="application/atom+xml" title="{INSTITUTE}: news (Atom)" href="/news/feed/atom/"',
        f'type="application/rss+xml" title="MICROPANC: news (RSS)" href="/news/feed/team/{team.slug}/"',
        f'type="application/atom+xml" title="MICROPANC: news (Atom)" href="/news/feed/team/{team.slug}/atom/"',
        'type="application/rss+xml" title="News about “fibroblasts” (RSS)" href="/news/feed/keyword/fibroblasts/"',
        'type="application/atom+xml" title="Award (Atom)" href="/news/feed/kind/award/atom/"',
    }
    for attributes in expected:
        assert f'<link rel="alternate" {attributes}>' in html
    for href in html.split('href="')[1:]:
        assert "Tagged" in entry_titles(fetch_feed(client, href.split('"')[0]))


def test_feed_links_name_every_team_of_an_article_and_accept_a_keyword_slug():
    teams = [make_team(acronym="MICROPANC"), make_team(acronym="TOMSK")]

    html = render_to_string(
        "includes/feed_links.html", {"site": SiteSettings.load(), "teams": teams, "keyword": "fibroblasts"}
    )

    assert 'title="MICROPANC: news (RSS)"' in html
    assert 'title="TOMSK: news (Atom)"' in html
    assert 'title="News about “fibroblasts” (RSS)" href="/news/feed/keyword/fibroblasts/"' in html
