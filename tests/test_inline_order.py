"""Inline rows are put in order by dragging, not by typing numbers: the order field is hidden but kept."""

import pytest
from django.urls import reverse
from factories import make_article, make_image, make_person, make_publication, make_team

from newsroom.models import Article, ArticlePerson
from press.models import MediaPicture, PressContact
from research.models import Membership

pytestmark = pytest.mark.django_db


def release_with(model, **fields):
    """A press release with one row of its media kit (pictures or press contacts)."""
    article = make_article(kind=Article.Kind.PRESS_RELEASE)
    model.objects.create(article=article, **fields)
    return article


def order_input(response, prefix):
    formset = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == prefix)
    return formset.forms[0]["order"]


@pytest.mark.parametrize(
    "url_name, make, prefix",
    [
        ("admin:newsroom_article_change", lambda: make_article(people=[make_person()]), "article_people"),
        ("admin:research_team_change", lambda: make_team(members=[(make_person(), "member")]), "memberships"),
        ("admin:research_publication_change", lambda: make_publication(), "authors"),
        ("admin:newsroom_article_change", lambda: release_with(MediaPicture, image=make_image()), "media_pictures"),
        ("admin:newsroom_article_change", lambda: release_with(PressContact, person=make_person()), "press_contacts"),
    ],
)
def test_the_order_of_researchers_members_authors_and_media_kits_is_a_hidden_field_with_the_reordering_script(
    staff_client, url_name, make, prefix
):
    response = staff_client.get(reverse(url_name, args=[make().pk]))

    field = order_input(response, prefix)
    assert field.is_hidden
    html = str(field)
    assert 'type="hidden"' in html and "data-inline-order" in html and 'data-up-label="Move up"' in html
    assert "core/inline_order.js" in response.text


def test_the_order_the_rows_are_sent_in_is_saved(staff_client):
    first, second = make_person(family_name="Samain"), make_person(family_name="Bousquet")
    article = make_article(title="Stroma", people=[first, second])
    rows = list(article.article_people.all())
    data = {
        "title": article.title,
        "slug": article.slug,
        "kind": article.kind,
        "status": article.status,
        "language": "en",
        "lock_version": article.lock_version,
        "publish_at_0": article.publish_at.strftime("%Y-%m-%d"),
        "publish_at_1": "10:00",
        "article_people-TOTAL_FORMS": "2",
        "article_people-INITIAL_FORMS": "2",
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
    }
    # What the script sends after Bousquet was dragged above Samain.
    for index, (row, order) in enumerate(zip(rows, (1, 0), strict=True)):
        data |= {
            f"article_people-{index}-id": row.pk,
            f"article_people-{index}-article": article.pk,
            f"article_people-{index}-person": row.person_id,
            f"article_people-{index}-order": order,
        }

    response = staff_client.post(reverse("admin:newsroom_article_change", args=[article.pk]), data)

    assert response.status_code == 302
    assert [link.person for link in ArticlePerson.objects.filter(article=article)] == [second, first]
    assert Membership.objects.count() == 0
