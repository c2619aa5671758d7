"""Slugs never refuse a form: a taken one gets the next free number, a long one is cut between words."""

import pytest
from django.contrib import admin
from django.urls import reverse
from factories import make_article, make_event, make_page

from core.slugs import readable_slug
from newsroom.models import Article, Event, Page

pytestmark = pytest.mark.django_db

LONG_TITLE = (
    "Normalisation of protein secretions in the tumour microenvironment blocks their spread in pancreatic cancer"
)


def article_form(**fields):
    return {
        "title": "Tumour cells talk to their neighbours",
        "slug": "",
        "kind": Article.Kind.RESEARCH_HIGHLIGHT,
        "status": Article.Status.DRAFT,
        "language": "en",
        "article_people-TOTAL_FORMS": "0",
        "article_people-INITIAL_FORMS": "0",
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
        **fields,
    }


def test_a_long_title_is_cut_at_a_word_boundary():
    slug = readable_slug(LONG_TITLE, max_length=40)
    assert slug == "normalisation-of-protein-secretions-in"
    assert LONG_TITLE.lower().replace(" ", "-").startswith(slug + "-")


def test_a_russian_title_is_transliterated_and_cut_between_words():
    assert readable_slug("Химиотерапия рака поджелудочной железы", max_length=25) == "khimioterapiia-raka"


def test_the_number_of_a_taken_long_slug_never_follows_half_a_word():
    first = make_article(title=LONG_TITLE)
    second = make_article(title=LONG_TITLE)
    assert second.slug.endswith("-2") and len(second.slug) <= 80
    assert second.slug.removesuffix("-2") + "-" in first.slug + "-"


def test_a_second_article_with_the_same_title_gets_a_free_slug_in_the_admin(staff_client):
    for _ in range(3):
        response = staff_client.post(reverse("admin:newsroom_article_add"), article_form())
        assert response.status_code == 302
    slugs = sorted(Article.objects.values_list("slug", flat=True))
    assert slugs == [
        "tumour-cells-talk-to-their-neighbours",
        "tumour-cells-talk-to-their-neighbours-2",
        "tumour-cells-talk-to-their-neighbours-3",
    ]


def test_a_typed_slug_that_is_taken_becomes_the_next_free_one_instead_of_an_error(staff_client):
    make_article(title="Anything", slug="results")

    response = staff_client.post(reverse("admin:newsroom_article_add"), article_form(slug="results"))

    assert response.status_code == 302
    assert Article.objects.filter(slug="results-2").exists()


def test_an_article_keeps_its_own_slug_when_saved_again(staff_client):
    article = make_article(title="Tumour cells talk to their neighbours")
    data = article_form(slug=article.slug, lock_version=article.lock_version)

    staff_client.post(reverse("admin:newsroom_article_change", args=[article.pk]), data)

    article.refresh_from_db()
    assert article.slug == "tumour-cells-talk-to-their-neighbours"


@pytest.mark.parametrize("model, factory", [(Event, make_event), (Page, make_page)])
def test_events_and_pages_with_a_taken_slug_get_a_free_one_too(rf, admin_user, model, factory):
    existing = factory(title="Open day")
    request = rf.get("/")
    request.user = admin_user
    form_class = admin.site._registry[model].get_form(request)

    form = form_class(data={"title": "Open day", "slug": existing.slug})
    form.is_valid()

    assert "slug" not in form.errors
    assert form.cleaned_data["slug"] == f"{existing.slug}-2"
