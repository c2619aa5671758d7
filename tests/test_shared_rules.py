"""Rules written once and used everywhere: a grant's name, the labels of choices, the active
teams, and what a PubMed ID is."""

import gettext
import html
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from factories import make_article, make_grant, make_organisation, make_team, make_user

from core.publishing import Action, Status
from newsroom.models import Article
from newsroom.roles import EDITOR
from public.forms import ArticleFilterForm
from public.sitemaps import SITEMAPS
from public.structured_data import grant_data
from research.importing import PMID, parse_identifier
from research.mentions import find_pmids
from research.models import Publication, Team
from research.sources.http import MalformedIdentifier
from research.sources.ris import read_ris

GRANT_NAMES = {
    "en": "Russian Science Foundation — No. 19-75-30016",
    "fr": "Russian Science Foundation — n° 19-75-30016",
    "ru": "Russian Science Foundation — № 19-75-30016",
}


def text(fragment):
    return " ".join(html.unescape(strip_tags(fragment)).replace("›", "").split())


def first(pattern, content):
    match = re.search(pattern, content, re.S)
    assert match, pattern
    return text(match.group(1))


# A grant's name


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_a_grant_is_named_the_same_in_its_breadcrumb_heading_title_and_cards(client, settings, language):
    funder = make_organisation(name="Russian Science Foundation")
    grant = make_grant(funder=funder, award_number="19-75-30016")
    make_article(grants=[grant])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    name = GRANT_NAMES[language]

    page = client.get(grant.get_absolute_url()).text

    assert first(r'<li aria-current="page">(.*?)</li>', page) == name
    assert first(r"<h1>(.*?)</h1>", page) == name
    assert first(r"<title>(.*?)</title>", page).startswith(name)
    assert f'"name": "{name}"' in page  # the breadcrumb's structured data
    assert first(r'<h3 class="card-title">(.*?)</h3>', client.get(funder.get_absolute_url()).text) == name
    with translation.override(language):
        assert str(grant) == grant.display_name == name
        assert grant_data(grant, lambda path: path)["name"] == name


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "ru"])
def test_an_article_thanks_a_grant_by_its_translated_name(client, settings, language):
    grant = make_grant(funder=make_organisation(name="Russian Science Foundation"), award_number="19-75-30016")
    article = make_article(grants=[grant])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get(article.get_absolute_url()).text

    assert f'<a href="{grant.get_absolute_url()}">{GRANT_NAMES[language]}</a>' in page


# Choice labels


def project_choices():
    """Every TextChoices of the project's models, and the publishing statuses and audit actions."""
    found = {Status, Action}
    for config in apps.get_app_configs():
        if config.name not in ("core", "newsroom", "research"):
            continue
        for model in config.get_models():
            for name in dir(model):
                value = getattr(model, name, None)
                if isinstance(value, type) and issubclass(value, models.Choices):
                    found.add(value)
    return sorted(found, key=lambda choices: choices.__qualname__)


def test_the_project_choices_are_found():
    names = {choices.__qualname__ for choices in project_choices()}
    assert {"Status", "Action", "Article.Kind", "ArticlePartner.Role", "Membership.Role", "Organisation.Kind"} <= names
    assert {"Publication.Kind"} <= names


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_every_choice_label_is_translated(language):
    with open(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    known = {key.split("\x04")[-1] for key in catalogue if isinstance(key, str)}
    for choices in project_choices():
        for member in choices:
            with translation.override("en"):
                english = str(member.label)
            assert english in known, f"{language}: no translation for {choices.__qualname__}.{member.name} {english!r}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, banner",
    [("en", "Status: Draft."), ("fr", "Statut : Brouillon."), ("ru", "Статус: Черновик.")],
)
def test_the_preview_banner_names_the_status_in_the_readers_language(client, settings, language, banner):
    client.force_login(make_user(EDITOR))
    article = make_article(status=Article.Status.DRAFT, publish_at=None)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get(reverse("admin:newsroom_article_preview", args=[article.pk])).text

    assert banner in first(r'<aside class="preview-banner" role="status">(.*?)</aside>', page)


@pytest.mark.parametrize(
    "language, labels",
    [
        ("fr", ["Brouillon", "En relecture", "Publié", "Dépublié"]),
        ("ru", ["Черновик", "На проверке", "Опубликовано", "Снято с публикации"]),
    ],
)
def test_the_publishing_statuses_are_translated(language, labels):
    with translation.override(language):
        assert [str(label) for label in Status.labels] == labels


# Active teams


@pytest.mark.django_db
def test_inactive_teams_are_left_out_of_lists_filters_sitemap_and_partner_pages(client):
    host = make_organisation(name="Cancer Research Centre of Toulouse")
    active = make_team(acronym="MICROPANC", institution=host)
    former = make_team(acronym="OLDTEAM", institution=host, is_active=False)

    assert list(Team.objects.active()) == [active]
    assert list(host.teams.active()) == [active]
    assert list(ArticleFilterForm().fields["team"].queryset) == [active]
    assert list(SITEMAPS["teams"]().items()) == [active]
    for url in ("/teams/", host.get_absolute_url()):
        page = client.get(url).text
        assert "MICROPANC" in page and "OLDTEAM" not in page, url
    assert client.get(former.get_absolute_url()).status_code == 200  # its page stays, for old links


# The PubMed ID rule

RIS = "TY  - JOUR\nTI  - Secretions\nAN  - {}\nDB  - PubMed\nER  - \n"


def accepted_everywhere(pmid):
    """Whether each place that reads a PubMed ID takes ``pmid`` as one."""
    try:
        Publication._meta.get_field("pmid").clean(pmid, Publication(title="Secretions"))
        validated = True
    except ValidationError:
        validated = False
    try:
        pasted = parse_identifier(pmid) == parse_identifier(f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/") == (PMID, pmid)
    except MalformedIdentifier:
        pasted = False
    return {
        "validator": validated,
        "mention": [mention.value for mention in find_pmids(f"See PMID: {pmid}.")] == [pmid],
        "pasted": pasted,
        "ris": read_ris(RIS.format(pmid))[0].record.pmid == pmid,
    }


@pytest.mark.parametrize("pmid", ["1", "33482394", "123456789"])
def test_a_pubmed_id_of_up_to_nine_digits_is_accepted_everywhere(pmid):
    assert accepted_everywhere(pmid) == {"validator": True, "mention": True, "pasted": True, "ris": True}


@pytest.mark.parametrize("pmid", ["1234567890", "033482394", "0", "٣٣٤٨٢٣٩٤"])
def test_a_pubmed_id_too_long_or_with_a_leading_zero_is_refused_everywhere(pmid):
    assert accepted_everywhere(pmid) == {"validator": False, "mention": False, "pasted": False, "ris": False}
