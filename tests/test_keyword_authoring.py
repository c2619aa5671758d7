"""Keywords as editors type them: commas only, suggestions with their use counts, and merging."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from factories import make_article, make_team, make_user
from taggit.models import Tag
from taggit.utils import edit_string_for_tags, parse_tags

from newsroom.roles import AUTHOR
from public.search import search

pytestmark = pytest.mark.django_db
SUGGESTIONS_URL = reverse("admin:taggit_tag_suggestions")
CHANGELIST_URL = reverse("admin:taggit_tag_changelist")


def test_keywords_of_several_words_are_typed_without_quotes():
    assert parse_tags("pancreatic cancer, tumour microenvironment") == ["pancreatic cancer", "tumour microenvironment"]
    assert parse_tags("fibroblasts") == ["fibroblasts"]
    assert parse_tags("cancer associated fibroblasts") == ["cancer associated fibroblasts"]


def test_repeats_spaces_and_empty_parts_are_dropped_and_quotes_are_just_text():
    assert parse_tags(" CSF-1 ,  CSF-1, ,tumour   cells,") == ["CSF-1", "tumour cells"]
    assert parse_tags('"rare" disease') == ['"rare" disease']


def test_keywords_are_shown_back_in_the_form_without_quotes():
    article = make_article(keywords=["pancreatic cancer", "fibroblasts"])
    assert edit_string_for_tags(article.keywords.all()) == "fibroblasts, pancreatic cancer"


def test_the_article_form_saves_a_keyword_of_two_words_typed_without_quotes(staff_client):
    article = make_article(title="Stroma")
    form = staff_client.get(reverse("admin:newsroom_article_change", args=[article.pk])).context["adminform"].form
    assert 'data-keyword-suggestions="/admin/taggit/tag/suggestions/"' in str(form["keywords"])

    data = {
        "title": article.title,
        "slug": article.slug,
        "kind": article.kind,
        "status": article.status,
        "language": "en",
        "lock_version": article.lock_version,
        "publish_at_0": "2026-11-30",
        "publish_at_1": "10:00",
        "keywords": "pancreatic cancer, tumour microenvironment",
        "article_people-TOTAL_FORMS": "0",
        "article_people-INITIAL_FORMS": "0",
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
    }
    response = staff_client.post(reverse("admin:newsroom_article_change", args=[article.pk]), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert sorted(article.keywords.names()) == ["pancreatic cancer", "tumour microenvironment"]


def test_suggestions_are_existing_keywords_most_used_first_with_their_counts(staff_client):
    for _ in range(3):
        make_article(keywords=["pancreatic cancer"])
    make_article(keywords=["pancreatitis"])
    make_team(acronym="PANC").keywords.add("pancreatitis", "pancreatic cancer")
    make_article(keywords=["breast cancer"])

    found = staff_client.get(SUGGESTIONS_URL, {"q": "panc"}).json()["keywords"]

    assert found == [{"name": "pancreatic cancer", "count": 4}, {"name": "pancreatitis", "count": 2}]


def test_suggestions_starting_with_the_typed_text_come_before_those_containing_it(staff_client):
    make_article(keywords=["breast cancer", "breast cancer 2"])
    make_article(keywords=["cancer genomics"])

    found = [keyword["name"] for keyword in staff_client.get(SUGGESTIONS_URL, {"q": "cancer"}).json()["keywords"]]

    assert found[0] == "cancer genomics"
    assert set(found) == {"breast cancer", "breast cancer 2", "cancer genomics"}


def test_suggestions_are_for_staff_only(client):
    make_article(keywords=["pancreatic cancer"])
    response = client.get(SUGGESTIONS_URL, {"q": "panc"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_author_gets_suggestions_too(client):
    make_article(keywords=["pancreatic cancer"])
    client.force_login(make_user(AUTHOR))
    assert client.get(SUGGESTIONS_URL, {"q": "panc"}).json()["keywords"][0]["name"] == "pancreatic cancer"


def test_nothing_typed_suggests_nothing(staff_client):
    make_article(keywords=["pancreatic cancer"])
    assert staff_client.get(SUGGESTIONS_URL, {"q": "  "}).json() == {"keywords": []}


def merge(staff_client, keywords, **data):
    selected = {"action": "merge_selected", ACTION_CHECKBOX_NAME: [keyword.pk for keyword in keywords]}
    return staff_client.post(CHANGELIST_URL, selected | data)


def test_merging_keywords_moves_their_articles_and_teams_to_the_one_kept(staff_client):
    both = make_article(title="Both", keywords=["PDAC", "pancreatic cancer"])
    short = make_article(title="Short", keywords=["PDAC"])
    long = make_article(title="Long", keywords=["pancreatic adenocarcinoma"])
    team = make_team(acronym="PANC")
    team.keywords.add("PDAC")
    kept = Tag.objects.get(name="pancreatic cancer")
    chosen = Tag.objects.filter(name__in=["PDAC", "pancreatic cancer", "pancreatic adenocarcinoma"])

    asked = merge(staff_client, chosen)
    assert asked.status_code == 200 and "Keep this keyword" in asked.text
    done = merge(staff_client, chosen, merge="Merge", target=kept.pk, name="")

    assert done.status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["pancreatic cancer"]
    for tagged in (both, short, long, team):
        assert list(tagged.keywords.names()) == ["pancreatic cancer"]
    # "Short" was found by its keyword PDAC; now by the one kept.
    found = search("pancreatic cancer")["news"]
    assert short in found and not search("PDAC").get("news")


def test_merging_can_rename_the_keyword_kept(staff_client):
    article = make_article(keywords=["pdac", "PDAC"])
    chosen = Tag.objects.all()

    merge(staff_client, chosen, merge="Merge", target=chosen[0].pk, name="pancreatic ductal adenocarcinoma")

    assert list(article.keywords.names()) == ["pancreatic ductal adenocarcinoma"]


def test_merging_one_keyword_alone_asks_for_another(staff_client):
    make_article(keywords=["PDAC"])
    response = merge(staff_client, Tag.objects.all(), merge="Merge", target=Tag.objects.get().pk)
    assert response.status_code == 302
    assert Tag.objects.count() == 1
