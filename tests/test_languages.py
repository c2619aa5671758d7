"""The interface in English, French and Russian, chosen by the browser or by the language switcher."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from newsroom.models import Article

# Interface strings a reader sees on the home page and the news list, in each language.
HOME = {
    "en": ["Skip to content", "Latest news", "Version for the visually impaired", ">News</a>", ">Teams</a>"],
    "fr": [
        "Aller au contenu",
        "Dernières actualités",
        "Version pour les malvoyants",
        ">Actualités</a>",
        ">Équipes</a>",
    ],
    "ru": ["Перейти к содержанию", "Последние новости", "Версия для слабовидящих", ">Новости</a>", ">Команды</a>"],
}
NEWS_LIST = {
    "en": ['<label for="id_team">Team:</label>', "All teams", ">Filter</button>", "2 articles"],
    "fr": ['<label for="id_team">Équipe\xa0:</label>', "Toutes les équipes", ">Filtrer</button>", "2 articles"],
    "ru": ['<label for="id_team">Команда:</label>', "Все команды", ">Применить</button>", "2 статьи"],
}
ARTICLE = {
    "en": ["Research highlight", "9 February 2021", "Discover the published article", "Support and funding"],
    "fr": ["Fait marquant de la recherche", "9 février 2021", "Découvrir l’article publié", "Soutien et financement"],
    "ru": ["Научное достижение", "9 февраля 2021 г.", "Опубликованная статья", "Поддержка и финансирование"],
}


def article_url():
    return Article.objects.get(kind=Article.Kind.RESEARCH_HIGHLIGHT).get_absolute_url()


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_the_browsers_language_picks_the_interface_language(client, seeded, language):
    response = client.get("/", headers={"accept-language": f"{language},en;q=0.5"})
    content = response.content.decode()
    assert f'<html lang="{language}"' in content
    for text in HOME[language]:
        assert text in content


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_the_language_cookie_translates_labels_choices_dates_and_counts(client, seeded, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url, expected in (("/news/", NEWS_LIST), (article_url(), ARTICLE)):
        content = client.get(url, headers={"accept-language": "en"}).content.decode()
        assert f'<html lang="{language}"' in content
        for text in expected[language]:
            assert text in content, (url, text)


def test_article_text_keeps_its_own_language_inside_a_translated_interface(client, seeded):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    content = client.get(article_url()).content.decode()
    assert '<html lang="ru"' in content
    assert re.search(r'<h1 lang="en">Normalization of protein secretions', content)


@pytest.mark.django_db
def test_every_page_has_a_language_switcher_posting_to_set_language(client):
    for url in ("/", "/news/", "/teams/", "/no-such-page/"):
        content = client.get(url + "?page=1").content.decode()
        assert f'action="{reverse("set_language")}"' in content
        assert f'name="next" value="{url}?page=1"' in content
        for code in ("en", "fr", "ru"):
            assert f'name="language" value="{code}" lang="{code}"' in content


@pytest.mark.django_db
def test_switching_language_remembers_it_for_a_year_and_goes_back_to_the_page(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/teams/"})
    assert response.status_code == 302
    assert response["Location"] == "/teams/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "fr"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"
    assert "Équipes de recherche" in client.get("/teams/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "", "ru\x00", "x" * 500])
def test_unknown_languages_are_ignored(client, language):
    response = client.post(reverse("set_language"), {"language": language, "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert '<html lang="en"' in client.get("/").content.decode()


def catalogue_entries(language):
    """(msgid, [msgstr…]) for every entry of a locale's django.po, continuation lines joined."""
    text = (Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = []
    for block in text.split("\n\n")[1:]:
        fields, current = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                fields.setdefault("flags", []).append(line)
                continue
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?|msgctxt) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif current:
                fields[current] += line.strip()[1:-1]
        entries.append(fields)
    return entries


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_catalogues_translate_every_interface_string(language):
    entries = catalogue_entries(language)
    assert len(entries) > 100
    for entry in entries:
        strings = [value for key, value in entry.items() if key.startswith("msgstr")]
        assert all(strings), f"{language}: no translation for {entry['msgid']!r}"
        assert not any("fuzzy" in flag for flag in entry.get("flags", [])), f"{language}: {entry['msgid']!r} is fuzzy"


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_compiled_catalogues_match_their_sources(language):
    with open(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for entry in catalogue_entries(language):
        if "msgstr" in entry and "msgctxt" not in entry:
            assert catalogue.gettext(entry["msgid"]) == entry["msgstr"], f"{language}: run `make messages`"
