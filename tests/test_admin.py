"""The admin is the CMS: every page loads, lists stay cheap, editors can edit articles."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from factories import (
    make_article,
    make_event,
    make_grant,
    make_image,
    make_journalist,
    make_organisation,
    make_page,
    make_person,
    make_publication,
    make_team,
)
from taggit.models import Tag

from core.publishing import Action
from desk.models import Notification
from newsroom.models import (
    ArchiveImport,
    ArchiveImportItem,
    Article,
    ArticlePartner,
    AuditEntry,
    EditorialEvent,
    Event,
    Image,
    MenuItem,
    Page,
    SiteSettings,
    TrashedArticle,
)
from press.models import Journalist, PressEmail, ReleaseAccess
from research.imports import run_import
from research.models import Grant, Membership, Organisation, Person, Publication, Team

pytestmark = pytest.mark.django_db
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def make_membership():
    return make_team(members=[(make_person(), Membership.Role.LEADER)]).memberships.get()


def make_full_article():
    partner = (make_organisation(kind=Organisation.Kind.HOSPITAL), "collaboration")
    return make_article(
        teams=[make_team()],
        people=[make_person()],
        publications=[make_publication()],
        grants=[make_grant()],
        partners=[partner],
        keywords=["fibroblasts"],
        lead_image=make_image(),
    )


def make_user():
    return User.objects.create_user(f"researcher{User.objects.count()}", password="a-long-password-1")


# One row for each model the admin shows; a newly registered model needs an entry here.
ROW_MAKERS = {
    Organisation: make_organisation,
    Person: lambda: make_person(affiliation=make_organisation()),
    Team: lambda: make_team(members=[(make_person(), Membership.Role.LEADER)], institution=make_organisation()),
    Membership: make_membership,
    Publication: make_publication,
    Grant: lambda: make_grant(principal_investigator=make_person()),
    Image: make_image,
    Article: make_full_article,
    SiteSettings: SiteSettings.load,
    TrashedArticle: lambda: TrashedArticle.objects.get(pk=make_article(deleted_at=timezone.now()).pk),
    EditorialEvent: lambda: EditorialEvent.objects.create(article_title="Purged article", action="purged"),
    Event: lambda: make_event(teams=[make_team()], speakers=[make_person()], lead_image=make_image()),
    Page: make_page,
    MenuItem: lambda: MenuItem.objects.create(label="About", page=make_page()),
    AuditEntry: lambda: make_event().record_event(None, Action.PUBLISHED),
    User: make_user,
    Notification: lambda: Notification.objects.create(
        recipient=User.objects.get(username="editor"), kind="submitted", subject="Submitted for review", body="…"
    ),
    Group: lambda: Group.objects.create(name=f"Editors {Group.objects.count()}"),
    Tag: lambda: Tag.objects.create(name=f"keyword {Tag.objects.count()}"),
    # The background-task queue (django-tasks-db): a real task enqueued, as an import enqueues it.
    DBTaskResult: lambda: DBTaskResult.objects.get(pk=run_import.enqueue(0).id),
    # django-axes' login records (attempts, successful log-ins, failures).
    AccessAttempt: lambda: AccessAttempt.objects.create(
        username=f"user{AccessAttempt.objects.count()}", ip_address="203.0.113.7", failures_since_start=1
    ),
    AccessLog: lambda: AccessLog.objects.create(username="emma", ip_address="203.0.113.7", user_agent="test"),
    AccessFailureLog: lambda: AccessFailureLog.objects.create(
        username="emma", ip_address="203.0.113.7", user_agent="test"
    ),
    # Archive imports (newsroom/archive/) and the redirects of the old addresses they leave.
    ArchiveImport: lambda: make_archive_item().job,
    ArchiveImportItem: lambda: make_archive_item(),
    Redirect: lambda: Redirect.objects.create(site_id=1, old_path=f"/old/{Redirect.objects.count()}/", new_path="/"),
    Site: lambda: Site.objects.create(domain=f"site{Site.objects.count()}.example.org", name="Other"),
    # The press room (press/): journalists, the e-mails sent to them and what they read before a lift.
    Journalist: make_journalist,
    PressEmail: lambda: PressEmail.objects.create(journalist=make_journalist(), kind="release", article=make_article()),
    ReleaseAccess: lambda: ReleaseAccess.objects.create(
        journalist=make_journalist(), article=make_article(), what="view", address="203.0.113.7"
    ),
}


def make_archive_item():
    job = ArchiveImport.objects.create(filename="old.xml", content=b"<rss/>", status="done", total=1, processed=1)
    return job.items.create(position=0, action="failed", title="Broken", details="Not imported: it has no title.")


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def management_form(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def label(model):
    return model._meta.label


def test_every_registered_model_has_a_row_maker_for_these_tests():
    assert set(REGISTERED) <= set(ROW_MAKERS)


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_changelist_loads_and_searches(staff_client, model):
    ROW_MAKERS[model]()

    assert staff_client.get(admin_url(model, "changelist"), follow=True).status_code == 200
    assert staff_client.get(admin_url(model, "changelist"), {"q": "x"}, follow=True).status_code == 200


# Nobody adds rows to these by hand: the trash and the audit log are written by the workflow.
# Nor to the login records, which django-axes writes.
NOT_ADDED_BY_HAND = {
    SiteSettings,
    TrashedArticle,
    EditorialEvent,
    AuditEntry,
    AccessAttempt,
    AccessLog,
    AccessFailureLog,
}
# Nor to the task queue, which the site fills when it starts background work.
NOT_ADDED_BY_HAND |= {DBTaskResult}
# Nor to the lines of an archive import's summary, which the import writes.
NOT_ADDED_BY_HAND |= {ArchiveImportItem}
# Nor to the inbox, which the desk writes.
NOT_ADDED_BY_HAND |= {Notification}
# Nor to the press room's records of e-mails and reads, which the press room writes.
NOT_ADDED_BY_HAND |= {PressEmail, ReleaseAccess}


@pytest.mark.parametrize("model", [m for m in REGISTERED if m not in NOT_ADDED_BY_HAND], ids=label)
def test_add_page_loads(staff_client, model):
    assert staff_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize(
    "add_page",
    [
        "newsroom/article/add/?lead_image=abc&authors=x&teams=1,x&translation_of=%00",
        "research/team/add/?institution=abc",
        "research/person/add/?affiliation=abc&user=x",
        "research/membership/add/?person=x&team=y",
        "research/publication/add/?teams=x",
        "research/grant/add/?funder=x&principal_investigator=x&teams=1,x",
    ],
)
def test_an_add_page_prefilled_with_ids_that_are_not_ids_still_loads(staff_client, add_page):
    assert staff_client.get(f"/admin/{add_page}").status_code == 200


def test_an_add_page_keeps_a_valid_prefilled_link(staff_client):
    team = make_team(acronym="MICROPANC")

    page = staff_client.get(f"/admin/newsroom/article/add/?teams={team.pk}").text

    assert f'<option value="{team.pk}" selected>MICROPANC' in page


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_change_page_loads_for_a_row_made_by_the_factories(staff_client, model):
    row = ROW_MAKERS[model]()

    assert staff_client.get(admin_url(model, "change", row.pk)).status_code == 200


@pytest.mark.parametrize("model", [m for m in REGISTERED if m is not SiteSettings], ids=label)
def test_changelist_query_count_does_not_grow_with_rows(staff_client, model):
    SiteSettings.load()
    ROW_MAKERS[model]()
    with CaptureQueriesContext(connection) as one_row:
        staff_client.get(admin_url(model, "changelist"))
    for _ in range(3):
        ROW_MAKERS[model]()
    with CaptureQueriesContext(connection) as four_rows:
        response = staff_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert len(four_rows) == len(one_row), [query["sql"] for query in four_rows]


def test_team_list_counts_current_members(staff_client):
    former = make_person()
    team = make_team(members=[(make_person(), Membership.Role.LEADER), (make_person(), "member"), (former, "member")])
    team.memberships.filter(person=former).update(ended_on=timezone.now().date())

    response = staff_client.get(admin_url(Team, "changelist"))

    assert response.context["cl"].result_list.get(pk=team.pk).member_count == 2
    assert '<td class="field-member_count">2</td>' in response.text


def test_publication_search_finds_a_paper_by_an_author_name(staff_client):
    wanted = make_publication(authors=("R Samain", "C Bousquet"))
    make_publication(authors=("V Perelmuter",))

    response = staff_client.get(admin_url(Publication, "changelist"), {"q": "Samain"})

    assert list(response.context["cl"].result_list) == [wanted]


def test_publication_search_finds_a_paper_by_a_pasted_doi_link(staff_client):
    wanted = make_publication(doi="10.1016/j.jcmgh.2021.01.008")
    make_publication(doi="10.1038/s41568-019-0201-3")

    response = staff_client.get(
        admin_url(Publication, "changelist"), {"q": "https://doi.org/10.1016/J.JCMGH.2021.01.008"}
    )

    assert list(response.context["cl"].result_list) == [wanted]


def test_an_editor_can_edit_an_article_through_the_change_form(staff_client):
    article = make_article(title="Old title", status=Article.Status.DRAFT, publish_at=None)
    team, person, hospital = make_team(), make_person(), make_organisation(name="Beaujon Hospital")
    data = {
        "title": "Protein secretions block metastasis",
        "slug": article.slug,
        "kind": Article.Kind.RESEARCH_HIGHLIGHT,
        "standfirst": "Normalising what fibroblasts secrete stops metastasis.",
        "body": "<p>Findings.</p><script>alert(1)</script>",
        "keywords": "fibroblasts, pancreatic adenocarcinoma",
        "lock_version": article.lock_version,
        "teams": [team.pk],
        "status": Article.Status.PUBLISHED,
        "publish_at_0": "2021-02-01",
        "publish_at_1": "09:30:00",
        "language": "en",
        **management_form("article_people", total=1),
        "article_people-0-person": person.pk,
        "article_people-0-order": "0",
        **management_form("partnerships", total=1),
        "partnerships-0-organisation": hospital.pk,
        "partnerships-0-role": ArticlePartner.Role.COLLABORATION,
        "partnerships-0-order": "0",
        "_save": "Save",
    }

    response = staff_client.post(admin_url(Article, "change", article.pk), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.title == "Protein secretions block metastasis"
    assert article.is_live
    assert article.body == "<p>Findings.</p>"
    assert list(article.teams.all()) == [team]
    assert article.featured_people == [person]
    assert article.partners_by_role() == [("Collaboration", [hospital])]
    assert sorted(article.keywords.names()) == ["fibroblasts", "pancreatic adenocarcinoma"]


def test_a_new_article_is_credited_to_the_editor_who_adds_it(staff_client):
    data = {
        "title": "A new grant for the team",
        "kind": Article.Kind.NEWS,
        "status": Article.Status.DRAFT,
        "language": "en",
        **management_form("article_people"),
        **management_form("partnerships"),
    }

    response = staff_client.post(admin_url(Article, "add"), data)

    assert response.status_code == 302
    article = Article.objects.get(title="A new grant for the team")
    assert [user.username for user in article.authors.all()] == ["editor"]
    assert article.slug == "a-new-grant-for-the-team"


def test_article_changelist_links_to_the_public_page_of_live_articles_only(staff_client):
    live = make_article()
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(publish_at=timezone.now() + timedelta(days=2))

    page = staff_client.get(admin_url(Article, "changelist")).text

    assert f'href="{live.get_absolute_url()}"' in page
    assert f'href="{draft.get_absolute_url()}"' not in page
    assert f'href="{scheduled.get_absolute_url()}"' not in page


def test_view_on_site_button_appears_for_live_articles_only(staff_client):
    live = make_article()
    draft = make_article(status=Article.Status.DRAFT)

    assert live.get_absolute_url() in staff_client.get(admin_url(Article, "change", live.pk)).text
    assert draft.get_absolute_url() not in staff_client.get(admin_url(Article, "change", draft.pk)).text


def test_site_settings_cannot_be_added_twice(staff_client):
    SiteSettings.load()

    assert staff_client.get(admin_url(SiteSettings, "add")).status_code == 403
    assert staff_client.post(admin_url(SiteSettings, "add"), {"institute_name": "Second"}).status_code == 403
    assert SiteSettings.objects.count() == 1


def test_site_settings_can_be_added_while_there_are_none(staff_client):
    SiteSettings.objects.all().delete()

    assert staff_client.get(admin_url(SiteSettings, "add")).status_code == 200


def test_site_settings_list_opens_the_one_row_and_it_cannot_be_deleted(staff_client):
    settings = SiteSettings.load()

    response = staff_client.get(admin_url(SiteSettings, "changelist"))

    assert response.status_code == 302
    assert response.url == admin_url(SiteSettings, "change", settings.pk)
    assert staff_client.post(admin_url(SiteSettings, "delete", settings.pk), {"post": "yes"}).status_code == 403
    assert SiteSettings.objects.count() == 1


def test_site_settings_are_edited_in_the_admin(staff_client):
    settings = SiteSettings.load()
    data = {
        "institute_name": "Cancer Research Center of Toulouse",
        "short_name": "CRCT",
        "careers_text": "Want to join the CRCT team?",
    }

    response = staff_client.post(admin_url(SiteSettings, "change", settings.pk), data)

    assert response.status_code == 302
    assert SiteSettings.load().careers_text == "Want to join the CRCT team?"


def test_admin_pages_carry_the_newsroom_title(staff_client):
    response = staff_client.get(reverse("admin:index"))

    assert "Newsroom administration" in response.text


def test_image_list_shows_a_thumbnail_beside_the_alt_text(staff_client):
    image = make_image(alt_text="Fibroblasts in pancreatic tumour tissue")

    page = staff_client.get(admin_url(Image, "changelist")).text

    assert f'<img src="/media/renditions/{image.pk}/picture-card-64.webp" alt="" width="120"' in page
    assert "Fibroblasts in pancreatic tumour tissue" in page
