"""Every admin save and every transition keeps a revision; history, diff and one-click restore."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from factories import make_article, make_person, make_team, make_user
from reversion.models import Version

from newsroom.models import Article, EditorialEvent
from newsroom.roles import EDITOR
from research.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(make_user(EDITOR, username="emma"))
    return client


def article_form(article, **changes):
    data = {
        "title": article.title,
        "slug": article.slug,
        "kind": article.kind,
        "standfirst": article.standfirst,
        "body": article.body,
        "status": article.status,
        "language": "en",
        "lock_version": article.lock_version,
        "article_people-TOTAL_FORMS": "0",
        "article_people-INITIAL_FORMS": "0",
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def save(client, article, **changes):
    article.refresh_from_db()
    response = client.post(
        reverse("admin:newsroom_article_change", args=[article.pk]), article_form(article, **changes)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_each_admin_save_and_transition_keeps_a_revision_with_who_and_what(editor):
    article = make_article(status="review", publish_at=None, title="First words")

    save(editor, article, title="Second words")
    editor.post(reverse("admin:newsroom_article_transition", args=[article.pk, "publish"]))

    versions = list(Version.objects.get_for_object(article).select_related("revision__user"))
    assert len(versions) == 2
    assert {version.revision.user.username for version in versions} == {"emma"}
    assert "Published" in versions[0].revision.comment
    assert "Title" in versions[1].revision.get_comment()


def test_the_history_page_lists_the_revisions(editor):
    article = make_article(title="First words")
    save(editor, article, title="Second words")

    page = editor.get(reverse("admin:newsroom_article_history", args=[article.pk])).text

    assert "Emma" in page and "Second words" in page
    assert "Compare the two chosen revisions" in page


def test_the_diff_highlights_words_changed_between_two_revisions(editor):
    article = make_article(body="<p>The tumour grows slowly.</p>", status="draft", publish_at=None)
    save(editor, article, body="<p>The tumour grows fast.</p>", title="New title")
    save(editor, article, body="<p>The tumour spreads fast.</p>")
    newest, first = list(Version.objects.get_for_object(article))

    response = editor.get(
        reverse("admin:newsroom_article_diff", args=[article.pk]), {"from": first.pk, "to": newest.pk}
    )

    assert response.status_code == 200
    assert "<del>grows</del>" in response.text and "<ins>spreads</ins>" in response.text
    assert [label for label, _ in response.context["changes"]] == ["body"]
    # The admin's own breadcrumbs: a styled list, with the app and the history on the way.
    assert '<ol class="breadcrumbs">' in response.text
    assert reverse("admin:app_list", args=["newsroom"]) in response.text


def test_the_diff_ignores_line_breaks_between_paragraphs_that_the_editor_drops(editor):
    article = make_article(body="<p>The tumour grows.</p>\n<p>It spreads slowly.</p>", status="draft", publish_at=None)
    save(editor, article, title="First save")
    save(editor, article, body="<p>The tumour grows.</p><p>It spreads fast.</p>")
    newest, first = list(Version.objects.get_for_object(article))

    response = editor.get(
        reverse("admin:newsroom_article_diff", args=[article.pk]), {"from": first.pk, "to": newest.pk}
    )

    [(label, change)] = response.context["changes"]
    assert label == "body"
    assert change.count("<del>") == 1 and change.count("<ins>") == 1
    assert "It spreads <del>slowly.</del> <ins>fast.</ins>&lt;/p&gt;" in change


def test_a_diff_of_unknown_revisions_says_so_instead_of_failing(editor):
    article = make_article()

    response = editor.get(
        reverse("admin:newsroom_article_diff", args=[article.pk]), {"from": "x", "to": "99"}, follow=True
    )

    assert response.status_code == 200
    assert "Choose two revisions" in response.text


def test_restoring_a_revision_brings_the_text_back_as_a_new_revision(editor):
    person = make_person()
    article = make_article(title="The original title", people=[person])
    save(
        editor,
        article,
        title="The original title",
        **{
            "article_people-TOTAL_FORMS": "1",
            "article_people-INITIAL_FORMS": "1",
            "article_people-0-id": article.article_people.get().pk,
            "article_people-0-article": article.pk,
            "article_people-0-person": person.pk,
            "article_people-0-order": "0",
        },
    )
    original = Version.objects.get_for_object(article).first()
    save(
        editor,
        article,
        title="A worse title",
        **{
            "article_people-TOTAL_FORMS": "1",
            "article_people-INITIAL_FORMS": "1",
            "article_people-0-id": article.article_people.get().pk,
            "article_people-0-article": article.pk,
            "article_people-0-person": person.pk,
            "article_people-0-order": "0",
            "article_people-0-DELETE": "on",
        },
    )
    assert not article.article_people.exists()

    response = editor.post(reverse("admin:newsroom_article_restore", args=[article.pk, original.pk]))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "The original title"
    assert article.featured_people == [person]
    assert Version.objects.get_for_object(article).count() == 3
    assert EditorialEvent.objects.filter(article=article, action="reverted").exists()


def test_the_restore_message_gives_the_revision_time_in_the_institute_time_zone(editor):
    article = make_article(title="The original title")
    save(editor, article, title="The original title")
    original = Version.objects.get_for_object(article).first()
    save(editor, article, title="A worse title")

    response = editor.post(reverse("admin:newsroom_article_restore", args=[article.pk, original.pk]), follow=True)

    local = timezone.localtime(original.revision.date_created)
    assert f"back to its revision of {date_format(local, 'DATETIME_FORMAT')}" in response.text


def test_restore_needs_a_post(editor):
    article = make_article()
    save(editor, article, title="Saved once")
    version = Version.objects.get_for_object(article).first()

    assert editor.get(reverse("admin:newsroom_article_restore", args=[article.pk, version.pk])).status_code == 405


def test_a_restore_does_not_change_the_workflow_status(editor):
    article = make_article(status="draft", publish_at=None, title="Draft title")
    save(editor, article, title="Draft title, better")
    draft_version = Version.objects.get_for_object(article).first()
    editor.post(reverse("admin:newsroom_article_transition", args=[article.pk, "publish"]))

    editor.post(reverse("admin:newsroom_article_restore", args=[article.pk, draft_version.pk]))

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_team_pages_keep_revisions_and_restore_their_members(client):
    leader, member = make_person(), make_person()
    team = make_team(members=[(leader, Membership.Role.LEADER), (member, Membership.Role.MEMBER)])
    client.force_login(make_user(EDITOR))

    def team_form(name, keep_member):
        rows = list(team.memberships.order_by("pk"))
        data = {
            "acronym": team.acronym,
            "name": name,
            "slug": team.slug,
            "is_active": "on",
            "lock_version": Team_lock(team),
            "memberships-TOTAL_FORMS": str(len(rows)),
            "memberships-INITIAL_FORMS": str(len(rows)),
        }
        for index, row in enumerate(rows):
            data |= {
                f"memberships-{index}-id": row.pk,
                f"memberships-{index}-team": team.pk,
                f"memberships-{index}-person": row.person_id,
                f"memberships-{index}-role": row.role,
                f"memberships-{index}-order": index,
            }
            if row.person_id == member.pk and not keep_member:
                data[f"memberships-{index}-DELETE"] = "on"
        return data

    change = reverse("admin:research_team_change", args=[team.pk])
    assert client.post(change, team_form("Full team", True)).status_code == 302
    full = Version.objects.get_for_object(team).first()
    assert client.post(change, team_form("Smaller team", False)).status_code == 302

    client.post(reverse("admin:research_team_restore", args=[team.pk, full.pk]))

    team.refresh_from_db()
    assert team.name == "Full team"
    assert set(team.members.all()) == {leader, member}


def Team_lock(team):
    team.refresh_from_db()
    return team.lock_version


def test_revisions_keep_the_keywords_and_a_restore_brings_them_back(editor):
    article = make_article(title="Keywords", keywords=["fibroblasts", "metastasis"])
    save(editor, article, keywords="fibroblasts, metastasis")
    original = Version.objects.get_for_object(article).first()
    save(editor, article, keywords="chemotherapy")
    newest = Version.objects.get_for_object(article).first()

    diff = editor.get(reverse("admin:newsroom_article_diff", args=[article.pk]), {"from": original.pk, "to": newest.pk})
    editor.post(reverse("admin:newsroom_article_restore", args=[article.pk, original.pk]))

    assert "<del>fibroblasts, metastasis</del> → <ins>chemotherapy</ins>" in diff.text
    assert sorted(article.keywords.names()) == ["fibroblasts", "metastasis"]
