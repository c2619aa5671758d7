"""Articles linked to their translations: the page offers them and names them as hreflang alternates."""

import re

import pytest
from django.core.exceptions import ValidationError
from factories import make_article

from newsroom.models import Article

pytestmark = pytest.mark.django_db


def alternates(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="http://testserver([^"]+)">', html)), html


def test_each_translation_offers_the_others_and_names_them_all_as_alternates(client):
    english = make_article(title="Fibroblasts block metastasis", language="en")
    french = make_article(title="Les fibroblastes", language="fr", translation_of=english)
    russian = make_article(title="Фибробласты", language="ru", translation_of=english)
    expected = {
        "en": english.get_absolute_url(),
        "fr": french.get_absolute_url(),
        "ru": russian.get_absolute_url(),
        "x-default": english.get_absolute_url(),
    }
    for article in (english, french, russian):
        links, html = alternates(client, article)
        assert links == expected
    assert f'<a href="{french.get_absolute_url()}" hreflang="fr" lang="fr">' in html
    # Each link is written in the language it leads to, for the reader who reads that language.
    assert "Lire en Français" in html and "Read in English" in html


def test_an_article_without_translations_has_no_alternates(client):
    links, html = alternates(client, make_article())
    assert links == {} and "Read in" not in html


def test_drafts_are_not_offered_as_translations(client):
    english = make_article(language="en")
    make_article(language="fr", translation_of=english, status=Article.Status.DRAFT)
    links, html = alternates(client, english)
    assert links == {} and "Read in" not in html


def test_a_translation_of_a_translation_joins_the_originals_group():
    english = make_article(language="en")
    french = make_article(language="fr", translation_of=english)
    russian = make_article(language="ru", translation_of=french)
    assert russian.translation_of == english
    assert {article.language for article in russian.translations()} == {"en", "fr", "ru"}


def test_a_translation_must_be_in_another_language():
    english = make_article(language="en")
    other = Article(title="Another", language="en", translation_of=english)
    with pytest.raises(ValidationError, match="another language"):
        other.full_clean()


def test_the_admin_links_an_article_to_the_original_it_translates(staff_client):
    english = make_article(title="Fibroblasts block metastasis", language="en")
    french = make_article(title="Les fibroblastes", language="fr", translation_of=english)
    html = staff_client.get(f"/admin/newsroom/article/{english.pk}/change/").content.decode()
    assert 'name="translation_of"' in html
    assert f'/admin/newsroom/article/{french.pk}/change/">Français: Les fibroblastes</a>' in html
