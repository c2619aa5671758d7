"""The admin in English, French and Russian: complete catalogues, every model and admin label
translated, each staff member's own admin language, and dates as each language writes them."""

from datetime import datetime
from pathlib import Path

import polib
import pytest
import reversion
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.fields import GenericRelation
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django_countries.fields import CountryField
from factories import make_article, make_user
from lxml import html
from reversion.models import Revision, Version

from desk.models import DeskProfile
from newsroom.models import Article
from newsroom.roles import EDITOR
from research.imports import run_import, start_import
from research.models import ImportJob

PROJECT_APPS = ("core", "research", "newsroom", "desk", "public", "api", "alerts", "press")
LOCALE = Path(settings.BASE_DIR) / "locale"

# Words written the same in English and in the language, or names that are never translated.
SAME = {
    "CC BY 4.0",
    "CC BY-SA 4.0",
    "CC BY-ND 4.0",
    "CC BY-NC 4.0",
    "CC0 1.0",
    "API",
    "DOI",
    "ORCID iD",
    "URL",
    "PMID",
    "PubMed ID",
    "Mastodon",
    "Bluesky",
    "LinkedIn",
    "Newsroom",
}
SAME_IN = {
    "fr": SAME
    | {
        "action",
        "active",
        "article",
        "Collaboration",
        "slug",
        "volume",
        "articles",
        "citation",
        "description",
        "distinctions",
        "format",
        "image",
        "images",
        "menu",
        "menus",
        "message",
        "note",
        "notification",
        "organisation",
        "organisations",
        "page",
        "pages",
        "photo",
        "position",
        "programme",
        "publication",
        "publications",
        "source",
        "total",
        "version",
        "affiliation",
        "logo",
        "favicon",
        "e-mail",
        "Date",
        "Format",
        "Publication",
        "Image",
        "Images",
        "date",
        "embargo",
        "expert",
        "expertise",
        "licence",
    },
    "ru": SAME,
}


def catalogue(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_the_catalogue_has_no_empty_or_fuzzy_entry(language):
    po = catalogue(language)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{language}: no translation for {untranslated[:10]}"
    assert not fuzzy, f"{language}: fuzzy translations of {fuzzy[:10]}"


def test_russian_plurals_give_each_form_its_own_ending():
    po = catalogue("ru")
    for entry in po:
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), entry.msgid
    with translation.override("ru"):
        assert translation.ngettext("%d author", "%d authors", 1) % 1 == "1 автор"
        assert translation.ngettext("%d author", "%d authors", 3) % 3 == "3 автора"
        assert translation.ngettext("%d author", "%d authors", 5) % 5 == "5 авторов"
        assert translation.ngettext("%d author", "%d authors", 21) % 21 == "21 автор"


def model_labels():
    """(where, label) of every model, field, help text and choice label of the project's apps."""
    for app_label in PROJECT_APPS:
        config = apps.get_app_config(app_label)
        yield f"app {app_label}", config.verbose_name
        for model in config.get_models():
            name = model.__name__
            yield f"{name} verbose_name", model._meta.verbose_name
            yield f"{name} verbose_name_plural", model._meta.verbose_name_plural
            for field in model._meta.get_fields():
                if (field.auto_created and not field.concrete) or isinstance(field, GenericRelation):
                    continue  # reverse relations carry the other model's names, keywords taggit's
                if field.name == "id":
                    continue
                yield f"{name}.{field.name}", field.verbose_name
                if field.help_text:
                    yield f"{name}.{field.name} help_text", field.help_text
                if isinstance(field, CountryField) or field.name == "time_zone":
                    continue  # country names come translated from django-countries, time zones are IANA names
                if field.choices and field.choices is not settings.LANGUAGES:
                    for value, label in field.flatchoices:
                        if (value, label) not in settings.LANGUAGES:  # each language in its own name
                            yield f"{name}.{field.name} choice {value}", label


def admin_labels():
    """(where, label) of the project's admin: fieldset titles, columns, actions, filters, inlines."""
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        name = type(model_admin).__name__
        for title, _options in model_admin.fieldsets or ():
            if title:
                yield f"{name} fieldset", title
        for column in (*model_admin.list_display, *model_admin.readonly_fields):
            function = getattr(model_admin, column, None) if isinstance(column, str) else column
            if description := getattr(function, "short_description", None):
                yield f"{name}.{column}", description
        for action in model_admin.actions or ():
            function = getattr(model_admin, action, None) if isinstance(action, str) else action
            if description := getattr(function, "short_description", None):
                yield f"{name} action {action}", description
        for list_filter in model_admin.list_filter:
            if isinstance(list_filter, type) and getattr(list_filter, "title", None):
                yield f"{name} filter", list_filter.title
        for inline in model_admin.inlines:
            if "verbose_name_plural" in vars(inline):
                yield f"{name} inline", inline.verbose_name_plural
    yield "site header", admin.site.site_header
    yield "index title", admin.site.index_title


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_every_model_and_admin_label_is_marked_and_translated(language):
    untranslated = []
    for where, label in [*model_labels(), *admin_labels()]:
        english = str(label)
        with translation.override(language):
            translated = str(label)
        if not isinstance(label, Promise):
            untranslated.append(f"{where}: “{english}” is not marked for translation")
        elif translated == english and english not in SAME_IN[language]:
            untranslated.append(f"{where}: “{english}” has no {language} translation")
    assert not untranslated, "\n".join(untranslated)


# English labels of the project that a French or Russian editor must never meet on these pages.
ENGLISH = (
    "Workflow",
    "Status:",
    "Submit for review",
    "Publish now",
    "Schedule",
    "Recent workflow events",
    "Shareable preview links",
    "Make a preview link",
    "Preview",
    "Research links",
    "Search engines",
    "publish time",
    "expiry time",
    "Standfirst",
    "Lead image",
    "translations of the same article",
    "editorial view",
    "My drafts",
    "Awaiting review",
    "Recently published",
    "public page",
    "Newsroom administration",
    "News and research data",
    "Preferences and language",
    "Inbox",
    "From the revision of",
    "Removed words are",
    "Back to the history",
    "Field",
    "Research highlight",
    "Draft",
    "December",
)


def visible_text(response):
    assert response.status_code == 200
    tree = html.fromstring(response.content.decode())
    for element in tree.xpath("//script|//style|//template"):
        element.drop_tree()
    words = " ".join(tree.text_content().split())
    labels = " ".join(tree.xpath("//@aria-label|//@placeholder|//@title|//input[@type='submit']/@value"))
    return f"{words} {labels}"


def staff_in(client, language):
    user = make_user(EDITOR, username=f"editor-{language}")
    DeskProfile.objects.create(user=user, language=language)
    client.force_login(user)
    return user


def article_with_two_revisions(user):
    publish_at = timezone.make_aware(datetime(2026, 12, 1, 10, 0))
    article = make_article(
        title="Normalization of protein secretions",
        kind=Article.Kind.RESEARCH_HIGHLIGHT,
        status=Article.Status.PUBLISHED,
        publish_at=publish_at,
    )
    for title in ("Normalization of protein secretions", "Protein secretions, normalised"):
        with reversion.create_revision():
            article.title = title
            article.save()
            reversion.set_user(user)
    revisions = Version.objects.get_for_object(article).values("revision_id")
    Revision.objects.filter(pk__in=revisions).update(date_created=publish_at)
    return article


def key_admin_pages(article):
    older, newer = sorted(Version.objects.get_for_object(article).values_list("pk", flat=True))
    diff = reverse("admin:newsroom_article_diff", args=[article.pk])
    return {
        "article list": reverse("admin:newsroom_article_changelist"),
        "article form": reverse("admin:newsroom_article_change", args=[article.pk]),
        "desk dashboard": reverse("admin:index"),
        "diff": f"{diff}?from={older}&to={newer}",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "ru"])
def test_key_admin_pages_show_no_english_project_string(client, language):
    user = staff_in(client, language)
    article = article_with_two_revisions(user)
    # The public site's cookie says English: the admin follows the staff member's profile instead.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for page, url in key_admin_pages(article).items():
        text = visible_text(client.get(url, headers={"accept-language": "en"}))
        found = [label for label in ENGLISH if label in text]
        assert not found, f"{language} {page} ({url}) shows {found}"


@pytest.mark.django_db
def test_the_same_pages_are_english_for_an_english_speaking_editor(client):
    article = article_with_two_revisions(staff_in(client, "en"))
    pages = key_admin_pages(article)
    assert "Workflow" in visible_text(client.get(pages["article form"]))
    assert "Back to the history" in visible_text(client.get(pages["diff"]))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "date"), [("en", "1 December 2026"), ("fr", "1 décembre 2026"), ("ru", "1 декабря 2026 г.")]
)
def test_admin_dates_read_as_the_language_writes_them(client, language, date):
    user = staff_in(client, language)
    article = article_with_two_revisions(user)
    form = visible_text(client.get(reverse("admin:newsroom_article_change", args=[article.pk])))
    assert f"{date}, 10:00" in form  # the workflow panel's "live since"
    history = visible_text(client.get(reverse("admin:newsroom_article_history", args=[article.pk])))
    assert f"{date}, 10:00" in history
    assert "Декабрь 2026" not in form + history and "1 Декабря" not in form + history


@pytest.mark.django_db
def test_the_admin_language_is_chosen_on_the_preferences_page_and_remembered(client):
    user = make_user(EDITOR, username="corinne")
    client.force_login(user)
    index = client.get(reverse("admin:index"), headers={"accept-language": "en"})
    preferences = reverse("admin:desk_notification_preferences")
    assert f'href="{preferences}"' in index.text  # reachable from the admin header

    response = client.post(preferences, {"language": "ru", "by_email": ["submitted"]}, follow=True)
    assert "Ваши настройки сохранены." in response.text
    assert DeskProfile.objects.get(user=user).language == "ru"
    assert '<html lang="ru"' in client.get(reverse("admin:index"), headers={"accept-language": "fr"}).text


@pytest.mark.django_db
def test_the_public_site_keeps_the_cookies_language_for_a_staff_member(client):
    staff_in(client, "ru")
    article = make_article(status=Article.Status.DRAFT, publish_at=None)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert '<html lang="fr"' in client.get("/").text
    assert '<html lang="ru"' in client.get(reverse("admin:index")).text
    # The preview of a draft is the public page as a reader of that language will see it.
    assert '<html lang="fr"' in client.get(reverse("admin:newsroom_article_preview", args=[article.pk])).text
    live_preview_url = reverse("admin:newsroom_article_live_preview", args=[article.pk])
    assert '<html lang="fr"' in client.post(live_preview_url, {"title": "Brouillon"}).text


@pytest.mark.django_db
def test_without_a_choice_the_admin_follows_the_browser_not_the_cookie(client):
    client.force_login(make_user(EDITOR, username="arthur"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    response = client.get(reverse("admin:index"), headers={"accept-language": "fr-FR,fr;q=0.9"})
    assert '<html lang="fr"' in response.text


@pytest.mark.django_db
def test_an_import_summary_is_written_in_the_uploaders_language(django_user_model):
    user = django_user_model.objects.create_superuser("olga", "olga@example.org", "a-long-password-1")
    content = b"@article{untitled, journal = {Nat Rev Cancer}, year = {2021}}\n"
    with translation.override("ru"):
        job = start_import(user, "refs.bib", content, [])
    run_import.call(job.pk)  # the worker, in its own language
    entry = ImportJob.objects.get(pk=job.pk).entries.get()
    assert entry.label == "untitled (строка 1)"
    assert entry.details == "нет заголовка"
    with translation.override("ru"):
        assert entry.get_action_display() == "Пропущено"  # the summary page's "Result" column
