"""Researchers work on their own teams and nothing else: by list, by address and by POST."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from factories import make_article, make_person, make_publication, make_team, make_user

from newsroom.models import Article
from newsroom.roles import AUTHOR, EDITOR, RESEARCHER
from research.models import ImportJob, Membership, Publication, Team

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


def test_a_researcher_files_imported_publications_under_one_of_their_teams_only(world, tasks_at_once):
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


# Another team's publication, found by its DOI, stays theirs (issue 9, hole 1)


@pytest.fixture
def theirs(world):
    """Another team's publication of the DOI in tests/data/publications.bib, without volume or pages."""
    publication = make_publication(title="Their paper", doi="10.1016/j.jcmgh.2021.01.008", authors=("R Samain",))
    publication.teams.set([world["other"]])
    return publication


def test_a_researcher_cannot_take_over_another_teams_publication_by_importing_its_doi(world, theirs, tasks_at_once):
    client, import_url = world["client"], url("research_publication_import_file")
    bibtex = (Path(__file__).parent / "data" / "publications.bib").read_bytes()

    response = client.post(import_url, {"file": SimpleUploadedFile("refs.bib", bibtex), "teams": [world["own"].pk]})

    theirs.refresh_from_db()
    assert list(theirs.teams.all()) == [world["other"]]
    assert (theirs.volume, theirs.pages, theirs.authors.count()) == ("", "", 1)
    assert client.get(url("research_publication_change", theirs.pk)).status_code == 404
    assert client.post(url("research_publication_delete", theirs.pk), {"post": "yes"}).status_code == 404
    summary = client.get(url("research_publication_import", ImportJob.objects.get().pk)).text
    assert "Already in the newsroom as “Their paper”, which belongs to another team (OTHER)" in summary
    assert response.url == url("research_publication_imports")


def test_a_researcher_cannot_take_over_another_teams_publication_by_looking_up_its_doi(world, theirs):
    response = world["client"].post(
        url("research_publication_add_from_identifier"),
        {"identifier": "https://doi.org/10.1016/j.jcmgh.2021.01.008", "teams": [world["own"].pk]},
    )

    assert "which belongs to another team (OTHER): nothing was changed" in response.text
    assert list(theirs.teams.all()) == [world["other"]]


# A record shared with another team keeps that team (issue 9, hole 3)


def publication_form(publication, teams):
    return {
        "title": publication.title,
        "kind": publication.kind,
        "status": publication.status,
        "teams": [team.pk for team in teams],
        "authors-TOTAL_FORMS": "0",
        "authors-INITIAL_FORMS": "0",
    }


def test_saving_a_shared_publication_keeps_the_other_teams_link(world):
    shared = make_publication(authors=())
    shared.teams.set([world["own"], world["other"]])
    client = world["client"]

    form = client.get(url("research_publication_change", shared.pk)).context["adminform"].form
    response = client.post(url("research_publication_change", shared.pk), publication_form(shared, [world["own"]]))

    assert response.status_code == 302
    assert set(shared.teams.all()) == {world["own"], world["other"]}
    assert "Also linked to OTHER" in form.fields["teams"].help_text


def test_a_researcher_may_take_their_team_off_a_shared_publication(world):
    shared = make_publication(authors=())
    shared.teams.set([world["own"], world["other"]])

    response = world["client"].post(url("research_publication_change", shared.pk), publication_form(shared, []))

    assert response.status_code == 302
    assert list(shared.teams.all()) == [world["other"]]


def test_saving_a_shared_article_keeps_the_other_teams_link(world):
    shared = make_article(status="draft", teams=[world["own"], world["other"]])
    data = {
        "title": shared.title,
        "slug": shared.slug,
        "kind": shared.kind,
        "language": shared.language,
        "teams": [world["own"].pk],
        "lock_version": shared.lock_version,
        "article_people-TOTAL_FORMS": "0",
        "article_people-INITIAL_FORMS": "0",
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
    }

    response = world["client"].post(url("newsroom_article_change", shared.pk), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert set(shared.teams.all()) == {world["own"], world["other"]}


def test_a_researcher_cannot_delete_a_publication_shared_with_another_team(world):
    shared, own = make_publication(title="Shared paper"), make_publication(title="Our paper")
    shared.teams.set([world["own"], world["other"]])
    own.teams.set([world["own"]])
    client = world["client"]

    single = client.post(url("research_publication_delete", shared.pk), {"post": "yes"}, follow=True)
    bulk = client.post(
        url("research_publication_changelist"),
        {"action": "delete_selected", "_selected_action": [shared.pk, own.pk], "post": "yes"},
        follow=True,
    )

    assert "Nothing was deleted: “Shared paper” is also linked to another team." in single.text
    assert "Nothing was deleted: “Shared paper” is also linked to another team." in bulk.text
    assert set(Publication.objects.all()) == {shared, own}
    client.post(url("research_publication_delete", own.pk), {"post": "yes"})
    assert list(Publication.objects.all()) == [shared]


# Profiles (issue 9, hole 9)


def test_a_plain_member_of_a_team_saves_their_own_profile(world):
    person = world["person"]
    data = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "slug": person.slug,
        "position": "Research engineer",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "1",
        "memberships-0-id": person.memberships.get(team=world["own"]).pk,
        "memberships-0-person": person.pk,
        "memberships-0-team": world["own"].pk,
        "memberships-0-role": "leader",
        "memberships-0-order": "0",
    }
    client = world["client"]

    page = client.get(url("research_person_change", person.pk))
    response = client.post(url("research_person_change", person.pk), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.position == "Research engineer"
    assert person.memberships.get(team=world["member"]).role == Membership.Role.MEMBER
    assert page.context["inline_admin_formsets"][0].formset.total_form_count() == 1


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
