"""The editorial workflow: each transition allowed and refused per role, tampered POSTs, the clock."""

from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from factories import make_article, make_person, make_team, make_user

from newsroom.models import Article, EditorialEvent
from newsroom.roles import AUTHOR, EDITOR, RESEARCHER
from research.models import Membership

pytestmark = pytest.mark.django_db
Status = Article.Status


def transition(client, article, name, **data):
    return client.post(reverse("admin:newsroom_article_transition", args=[article.pk, name]), data)


def draft(**fields):
    fields.setdefault("status", Status.DRAFT)
    fields.setdefault("publish_at", None)
    return make_article(**fields)


@pytest.fixture
def editor(client):
    client.force_login(make_user(EDITOR))
    return client


@pytest.fixture
def author(client):
    client.force_login(make_user(AUTHOR))
    return client


def test_an_author_submits_a_draft_for_review_and_the_audit_says_so(author):
    article = draft()

    response = transition(author, article, "submit")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    event = EditorialEvent.objects.get(article=article)
    assert (event.action, event.article_title) == ("submitted", article.title)


@pytest.mark.parametrize("name", ["publish", "schedule", "send_back", "unpublish"])
def test_an_author_posting_to_an_editor_transition_is_refused(author, name):
    article = draft(status=Status.IN_REVIEW)
    tomorrow = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT09:00")

    response = transition(author, article, name, publish_at=tomorrow, comment="No")

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert not EditorialEvent.objects.exists()


def test_an_author_sees_submit_but_no_publishing_button(author):
    article = draft()

    page = author.get(reverse("admin:newsroom_article_change", args=[article.pk])).text

    assert "Submit for review" in page
    assert "Publish now" not in page
    assert "Schedule" not in page


def test_an_author_cannot_publish_by_tampering_with_the_change_form(author):
    article = draft(title="Draft")
    data = {
        "title": "Draft, edited",
        "slug": article.slug,
        "kind": "news",
        "language": "en",
        "status": "published",
        "publish_at_0": "2020-01-01",
        "publish_at_1": "09:00:00",
        "lock_version": article.lock_version,
        "article_people-TOTAL_FORMS": "0",
        "article_people-INITIAL_FORMS": "0",
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
    }

    response = author.post(reverse("admin:newsroom_article_change", args=[article.pk]), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Draft, edited"
    assert (article.status, article.publish_at) == (Status.DRAFT, None)


def test_an_editor_publishes_now(editor):
    article = draft(status=Status.IN_REVIEW)

    transition(editor, article, "publish")

    article.refresh_from_db()
    assert article.is_live
    assert EditorialEvent.objects.get().action == "published"


def test_an_editor_schedules_for_tomorrow_nine_in_the_institute_time_zone(editor, settings):
    article = draft(status=Status.IN_REVIEW)
    tomorrow = timezone.localdate() + timedelta(days=1)

    transition(editor, article, "schedule", publish_at=f"{tomorrow:%Y-%m-%d}T09:00")

    article.refresh_from_db()
    expected = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 9, tzinfo=ZoneInfo(settings.TIME_ZONE))
    assert article.publish_at == expected
    assert article.status == Status.PUBLISHED and not article.is_live
    assert EditorialEvent.objects.get().action == "scheduled"


def test_scheduling_in_the_past_is_refused_with_a_message(editor):
    article = draft(status=Status.IN_REVIEW)

    response = transition(editor, article, "schedule", publish_at="2020-01-01T09:00")

    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert "time in the future" in editor.get(response.url).text


def test_an_editor_sends_back_with_a_comment_which_the_audit_keeps(editor):
    article = draft(status=Status.IN_REVIEW)

    transition(editor, article, "send_back", comment="Please cite the paper.")

    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert EditorialEvent.objects.get().comment == "Please cite the paper."


def test_sending_back_without_a_comment_is_refused(editor):
    article = draft(status=Status.IN_REVIEW)

    transition(editor, article, "send_back", comment="  ")

    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_an_editor_unpublishes_and_the_article_leaves_the_site(editor, client):
    article = make_article()

    transition(editor, article, "unpublish")

    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED
    assert not Article.objects.live().filter(pk=article.pk).exists()


def test_a_transition_by_get_is_not_allowed(editor):
    article = draft(status=Status.IN_REVIEW)

    response = editor.get(reverse("admin:newsroom_article_transition", args=[article.pk, "publish"]))

    assert response.status_code == 405
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_an_unknown_transition_is_refused(editor):
    article = draft()

    assert transition(editor, article, "explode").status_code == 403


def test_a_researcher_submits_their_team_draft_but_cannot_publish_it(client):
    person = make_person()
    team = make_team(members=[(person, Membership.Role.LEADER)])
    client.force_login(make_user(RESEARCHER, person=person))
    article = draft(teams=[team])

    assert transition(client, article, "submit").status_code == 302
    assert transition(client, article, "publish").status_code == 403
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_a_scheduled_article_appears_exactly_when_its_time_passes(client):
    go_live = timezone.now() + timedelta(days=1)
    article = make_article(publish_at=go_live, slug="embargoed")
    url = reverse("newsroom:article-detail", args=[article.slug])

    with mock.patch("django.utils.timezone.now", return_value=go_live - timedelta(seconds=1)):
        assert client.get(url).status_code == 404
        assert article not in Article.objects.live()
    with mock.patch("django.utils.timezone.now", return_value=go_live):
        assert client.get(url).status_code == 200
        assert article in Article.objects.live()


def test_an_expiring_article_disappears_when_its_expiry_passes(client):
    expiry = timezone.now() + timedelta(hours=2)
    article = make_article(expire_at=expiry, slug="expiring")
    url = reverse("newsroom:article-detail", args=[article.slug])

    with mock.patch("django.utils.timezone.now", return_value=expiry - timedelta(seconds=1)):
        assert client.get(url).status_code == 200
    with mock.patch("django.utils.timezone.now", return_value=expiry):
        assert client.get(url).status_code == 404


def test_the_scheduled_view_lists_what_goes_live_in_publish_order(editor):
    later = make_article(title="Later", publish_at=timezone.now() + timedelta(days=3))
    sooner = make_article(title="Sooner", publish_at=timezone.now() + timedelta(days=1))
    make_article(title="Already live")
    draft(title="Just a draft")

    response = editor.get(reverse("admin:newsroom_article_changelist"), {"view": "scheduled"})

    assert list(response.context["cl"].result_list) == [sooner, later]


def test_my_drafts_awaiting_review_and_recently_published_views(client):
    user = make_user(AUTHOR)
    client.force_login(user)
    mine, theirs = draft(title="Mine"), draft(title="Theirs")
    mine.authors.add(user)
    in_review = draft(status=Status.IN_REVIEW)
    recent = make_article()
    make_article(publish_at=timezone.now() - timedelta(days=90))
    url = reverse("admin:newsroom_article_changelist")

    def listed(view):
        return list(client.get(url, {"view": view}).context["cl"].result_list)

    assert listed("mine") == [mine]
    assert theirs not in listed("mine")
    assert listed("review") == [in_review]
    assert listed("recent") == [recent]


def test_the_admin_index_links_to_the_editorial_views(editor):
    page = editor.get(reverse("admin:index")).text

    for label in ("My drafts", "Awaiting review", "Scheduled", "Recently published", "Trash", "Audit log"):
        assert label in page


def test_the_article_list_filters_by_status_team_kind_and_author(editor):
    make_article(teams=[make_team()]).authors.add(make_user(AUTHOR))
    filters = editor.get(reverse("admin:newsroom_article_changelist")).context["cl"].filter_specs

    titles = {str(spec.title) for spec in filters}

    assert {"status", "teams", "kind", "authors"} <= titles
