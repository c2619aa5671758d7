"""Characters XML 1.0 forbids (a vertical tab pasted from a word processor, NUL…) never break a feed."""

import feedparser
import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from factories import make_article, make_organisation, make_person, make_publication, make_team
from lxml import etree
from taggit.models import Tag

from newsroom.models import Article, SiteSettings

pytestmark = pytest.mark.django_db

FORBIDDEN = "\x00\x01\x08\x0e\x1f\ufffe\uffff"


def feed_urls(team, keyword):
    urls = []
    for suffix in ("", "-atom"):
        urls += [
            reverse(f"newsroom:feed{suffix}"),
            reverse(f"newsroom:team-feed{suffix}", args=[team.slug]),
            reverse(f"newsroom:keyword-feed{suffix}", args=[keyword]),
            reverse(f"newsroom:kind-feed{suffix}", args=[Article.Kind.NEWS]),
        ]
    return urls


def test_a_vertical_tab_or_form_feed_becomes_a_space_and_other_controls_are_removed_on_save():
    article = make_article(
        title="Fibroblasts\x0bfight back",
        standfirst=f"A line\x0cbreak{FORBIDDEN}",
        body=f"<p>Stroma{FORBIDDEN}\x0bcells</p>",
        seo_description="Tab\tand new\nline stay",
    )
    article.refresh_from_db()
    assert article.title == "Fibroblasts fight back"
    assert article.standfirst == "A line break"
    assert article.body == "<p>Stroma cells</p>"
    assert article.seo_description == "Tab\tand new\nline stay"


def test_every_model_is_cleaned_including_other_apps_models():
    person = make_person(given_name="Co\x0brinne", bio="Bio\x00graphy")
    organisation = make_organisation(name="INCa\x1f")
    publication = make_publication(title="Stroma\x0bin pancreatic cancer")
    team = make_team(name="Micro\x08environment")
    user = User.objects.create_user("writer", first_name="Ann\x0b", last_name="Lee\x01")
    tag = Tag.objects.create(name="stroma\x0b", slug="stroma")
    for row in (person, organisation, publication, team, user, tag):
        row.refresh_from_db()
    assert (person.given_name, person.bio) == ("Co rinne", "Biography")
    assert organisation.name == "INCa"
    assert publication.title == "Stroma in pancreatic cancer"
    assert team.name == "Microenvironment"
    assert user.get_full_name() == "Ann  Lee"
    assert tag.name == "stroma "


def test_every_feed_parses_when_text_with_control_characters_is_already_stored(client):
    SiteSettings.objects.create(institute_name="Cancer\x0b Research Center")
    team = make_team()
    author = User.objects.create_user("author")
    article = make_article(teams=[team], keywords=["stroma"])
    article.authors.add(author)
    article.publications.add(make_publication())
    # Rows written before the rule, or by update(), which skips save().
    Article.objects.filter(pk=article.pk).update(title="Vertical\x0btab", standfirst="Form\x0cfeed\x1b")
    User.objects.filter(pk=author.pk).update(first_name="Ann\x0b")
    Tag.objects.filter(slug="stroma").update(name="stroma\x0b")
    for url in feed_urls(team, "stroma"):
        response = client.get(url)
        assert response.status_code == 200, url
        feed = feedparser.parse(response.content)
        assert feed.bozo == 0, (url, feed.get("bozo_exception"))
        assert [entry.title for entry in feed.entries] == ["Vertical tab"]
        assert "Form feed" in feed.entries[0].summary


def test_the_news_sitemap_is_well_formed_xml_when_a_stored_title_has_a_control_character(client):
    SiteSettings.objects.create(institute_name="Cancer\x0b Research Center")
    article = make_article()
    Article.objects.filter(pk=article.pk).update(title="Vertical\x0btab")
    response = client.get("/sitemap-news.xml")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    titles = root.findall(".//{http://www.google.com/schemas/sitemap-news/0.9}title")
    assert [title.text for title in titles] == ["Vertical tab"]
