"""Researchers work on their own teams and nothing else: by list, by address and by POST."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from factories import make_article, make_person, make_publication, make_team, make_user

from newsroom.models import Article
from newsroom.roles import AUTHOR, EDITOR, RESEARCHER
from research.models import Membership, Publication, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client):
    """A researcher who leads MICROPANC, edits TME but only as a member elsewhere, and OTHER."""
    person = make_person()
    own = make_team(acronym="MICROPANC", members=[(person, Membership.Role.LEADER)])
    edited = make_team(acronym="EDITED")
    edited.editors.add(person)
    member_only = make_team(acronym="MEMBERONLY", members=[(person, Membership.Role.MEMBER)])
    other = make_team(acronym="OTHER")
    client.force_login(make_user(RESEARCHER, person=person))
    return {"client": client, "person": person, "own": own, "edited": edited, "member": member_only, "other": other}


def url(name, *args):
    return reverse(f"admin:{name}", args=args)


def test_a_researcher_lists_only_the_teams_they_lead_or_edit(world):
    response = world["client"].get(url("research_team_changelist"))

    assert {team.acronym for team in response.context["cl"].result_list} == {"MICROPANC", "EDITED"}


def test_a_researcher_opens_their_team_page_but_not_another_teams(world):
    client = world["client"]

    assert client.get(url("research_team_change", world["own"].pk)).status_code == 200
    assert client.get(url("research_team_change", world["edited"].pk)).status_code == 200
    assert client.get(url("research_team_change", world["other"].pk)).status_code == 404
    assert client.get(url("research_team_change", world["member"].pk)).status_code == 404


def test_a_researcher_cannot_save_another_teams_page_by_post(world):
    other = world["other"]

    response = world["client"].post(url("research_team_change", other.pk), {"acronym": "HACKED", "name": "x"})

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.acronym == "OTHER"


def test_a_researcher_edits_their_own_team_page(world):
    team = world["own"]
    data = {
        "acronym": "MICROPANC",
        "name": "A clearer full name",
        "slug": team.slug,
        "is_active": "on",
        "lock_version": team.lock_version,
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "1",
        "memberships-0-id": team.memberships.get().pk,
        "memberships-0-team": team.pk,
        "memberships-0-person": world["person"].pk,
        "memberships-0-role": "leader",
        "memberships-0-order": "0",
    }

    response = world["client"].post(url("research_team_change", team.pk), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    team.refresh_from_db()
    assert team.name == "A clearer full name"


def test_a_researcher_does_not_choose_who_may_edit_their_team(world):
    page = world["client"].get(url("research_team_change", world["own"].pk)).text

    assert "Who may edit" not in page


def test_a_researcher_sees_only_their_own_person_profile(world):
    client, stranger = world["client"], make_person()

    listed = client.get(url("research_person_changelist")).context["cl"].result_list

    assert list(listed) == [world["person"]]
    assert client.get(url("research_person_change", world["person"].pk)).status_code == 200
    assert client.get(url("research_person_change", stranger.pk)).status_code == 404


def test_a_researcher_sees_no_drafts_of_other_teams(world):
    mine = make_article(title="Ours", status="draft", teams=[world["own"]])
    theirs = make_article(title="Theirs", status="draft", teams=[world["other"]])
    client = world["client"]

    listed = client.get(url("newsroom_article_changelist")).context["cl"].result_list

    assert list(listed) == [mine]
    assert client.get(url("newsroom_article_change", theirs.pk)).status_code == 404
    assert client.get(url("newsroom_article_preview", theirs.pk)).status_code == 404
    assert client.post(url("newsroom_article_transition", theirs.pk, "submit")).status_code == 404


def test_a_researcher_drafts_news_for_their_team_only(world):
    base = {
        "title": "Our new paper",
        "kind": "news",
        "language": "en",
        "article_people-TOTAL_FORMS": "0",
        "article_people-INITIAL_FORMS": "0",
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
    }
    client = world["client"]

    refused = client.post(url("newsroom_article_add"), {**base, "teams": [world["other"].pk]})
    without_team = client.post(url("newsroom_article_add"), {**base, "teams": []})
    accepted = client.post(url("newsroom_article_add"), {**base, "teams": [world["own"].pk], "status": "published"})

    assert "Select a valid choice" in str(refused.context["adminform"].form.errors["teams"])
    assert "at least one of your teams" in str(without_team.context["adminform"].form.errors["teams"])
    assert accepted.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert list(article.teams.all()) == [world["own"]]


def test_a_researcher_cannot_attach_another_teams_id_to_a_publication(world):
    publication = make_publication()
    publication.teams.set([world["own"]])
    theirs = make_publication()
    theirs.teams.set([world["other"]])
    client = world["client"]
    data = {
        "title": publication.title,
        "kind": publication.kind,
        "status": publication.status,
        "teams": [world["own"].pk, world["other"].pk],
        "authors-TOTAL_FORMS": "0",
        "authors-INITIAL_FORMS": "0",
    }

    response = client.post(url("research_publication_change", publication.pk), data)

    assert "Select a valid choice" in str(response.context["adminform"].form.errors["teams"])
    assert list(client.get(url("research_publication_changelist")).context["cl"].result_list) == [publication]
    assert client.get(url("research_publication_change", theirs.pk)).status_code == 404


def test_a_researcher_cannot_join_another_team_through_their_profile(world):
    person = world["person"]
    data = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "slug": person.slug,
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-0-team": world["other"].pk,
        "memberships-0-role": "leader",
        "memberships-0-order": "0",
    }

    response = world["client"].post(url("research_person_change", person.pk), data)

    assert response.status_code == 200
    assert not world["other"].memberships.exists()


def test_an_author_sees_every_team_article_but_cannot_delete_or_reach_the_trash(client):
    client.force_login(make_user(AUTHOR))
    article = make_article(status="draft", teams=[make_team()])

    assert client.get(url("newsroom_article_change", article.pk)).status_code == 200
    assert client.post(url("newsroom_article_delete", article.pk), {"post": "yes"}).status_code == 403
    assert client.get(url("newsroom_trashedarticle_changelist")).status_code == 403


def test_an_editor_sees_every_team(client):
    client.force_login(make_user(EDITOR))
    make_team(), make_team()

    assert len(client.get(url("research_team_changelist")).context["cl"].result_list) == Team.objects.count()


def test_roles_are_there_after_migrate_and_ensure_roles_is_idempotent():
    from django.contrib.auth.models import Group

    before = {group.name: set(group.permissions.values_list("codename", flat=True)) for group in Group.objects.all()}
    call_command("ensure_roles", verbosity=0)
    call_command("ensure_roles", verbosity=0)
    after = {group.name: set(group.permissions.values_list("codename", flat=True)) for group in Group.objects.all()}

    assert before == after
    assert "publish_article" in after[EDITOR]
    assert "publish_article" not in after[AUTHOR]
    assert "work_on_all_teams" not in after[RESEARCHER]


def test_the_demo_setup_makes_one_login_per_role_and_links_the_researcher_to_corinne_bousquet(seeded, settings, client):
    import io

    from django.contrib.auth.models import User

    settings.DEBUG = True
    outputs = []
    for _ in range(2):
        output = io.StringIO()
        call_command("ensure_demo_admin", stdout=output)
        outputs.append(output.getvalue())

    assert User.objects.filter(username__in=["editor", "author", "researcher"]).count() == 3
    researcher = User.objects.get(username="researcher")
    assert researcher.person.slug == "corinne-bousquet"
    assert "username researcher, password newsroom-demo linked to Corinne Bousquet" in outputs[1]
    client.force_login(researcher)
    listed = client.get(url("research_team_changelist")).context["cl"].result_list
    assert [team.acronym for team in listed] == ["MICROPANC"]


def test_a_researcher_files_imported_publications_under_one_of_their_teams_only(world):
    client = world["client"]
    import_url = url("research_publication_import_file")
    bibtex = (Path(__file__).parent / "data" / "publications.bib").read_bytes()

    form = client.get(import_url).context["form"]
    without_team = client.post(import_url, {"file": SimpleUploadedFile("refs.bib", bibtex)})
    other_team = client.post(import_url, {"file": SimpleUploadedFile("refs.bib", bibtex), "teams": [world["other"].pk]})
    assert set(form.fields["teams"].queryset) == {world["own"], world["edited"]}
    assert "teams" in without_team.context["form"].errors and "teams" in other_team.context["form"].errors
    assert not Publication.objects.exists()

    client.post(import_url, {"file": SimpleUploadedFile("refs.bib", bibtex), "teams": [world["own"].pk]})

    imported = Publication.objects.all()
    assert imported and all(list(publication.teams.all()) == [world["own"]] for publication in imported)
    listed = client.get(url("research_publication_changelist")).context["cl"].result_list
    assert set(listed) == set(imported)


def test_a_researcher_cannot_make_their_article_a_translation_of_another_teams_draft(world):
    mine = make_article(title="Ours", status="draft", publish_at=None, teams=[world["own"]])
    theirs = make_article(title="Their secret draft", status="draft", publish_at=None, language="fr")
    theirs.teams.set([world["other"]])
    data = {
        "title": mine.title,
        "slug": mine.slug,
        "kind": "news",
        "language": "en",
        "teams": [world["own"].pk],
        "translation_of": theirs.pk,
        "lock_version": mine.lock_version,
        "article_people-TOTAL_FORMS": "0",
        "article_people-INITIAL_FORMS": "0",
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
    }

    response = world["client"].post(url("newsroom_article_change", mine.pk), data)

    assert "Select a valid choice" in str(response.context["adminform"].form.errors["translation_of"])
    mine.refresh_from_db()
    assert mine.translation_of is None
    assert "Their secret draft" not in world["client"].get(url("newsroom_article_change", mine.pk)).text


def test_the_translation_autocomplete_offers_a_researcher_only_their_teams_articles(world):
    mine = make_article(title="Fibroblast news ours", status="draft", publish_at=None, teams=[world["own"]])
    make_article(title="Fibroblast news theirs", status="draft", publish_at=None, teams=[world["other"]])
    query = {"term": "Fibroblast", "app_label": "newsroom", "model_name": "article", "field_name": "translation_of"}

    results = world["client"].get(reverse("admin:autocomplete"), query).json()["results"]

    assert [result["text"] for result in results] == [mine.title]


def test_the_view_on_site_redirect_does_not_reveal_another_teams_draft(world):
    from django.contrib.contenttypes.models import ContentType

    kind = ContentType.objects.get_for_model(Article).pk
    theirs = make_article(status="draft", publish_at=None, slug="their-secret-draft", teams=[world["other"]])
    mine = make_article(status="draft", publish_at=None, slug="our-draft", teams=[world["own"]])
    live = make_article(slug="their-live-news", teams=[world["other"]])
    client = world["client"]

    refused = client.get(f"/admin/r/{kind}/{theirs.pk}/")
    unknown = client.get(f"/admin/r/{kind}/not-a-number/")

    assert refused.status_code == 404 and "their-secret-draft" not in refused.get("Location", "")
    assert unknown.status_code == 404
    assert client.get(f"/admin/r/{kind}/{mine.pk}/")["Location"].endswith("/news/our-draft/")
    assert client.get(f"/admin/r/{kind}/{live.pk}/")["Location"].endswith("/news/their-live-news/")
