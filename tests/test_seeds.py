import hashlib
import io
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from factories import SEED_AUTHORS

from newsroom.models import Article, ArticlePartner, Image, SiteSettings
from newsroom.seeding import SEEDS_DIR
from research.models import Grant, Membership, Organisation, Person, Publication, Team

FIRST_DOI = "10.1016/j.jcmgh.2021.01.008"
FIRST_ARTICLE = (
    "Normalization of protein secretions in the tumor microenvironment blocks metastasis in pancreatic cancer"
)
SECOND_ARTICLE = "Cancer chemotherapy and the microenvironment: new aspects of metastasis prevention"


def database_snapshot():
    """Every row of every model of the research, news and tag apps, M2M link tables included."""
    models = [
        model
        for label in ("research", "newsroom", "taggit")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}


def media_snapshot(settings):
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root)): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        for path in root.rglob("*")
        if path.is_file()
    }


def load(path=None, reset=False):
    options = {"path": path} if path else {}
    call_command("loadseeds", stdout=io.StringIO(), reset=reset, **options)


@pytest.fixture
def seeds_copy(tmp_path):
    """A copy of seeds/ that a test may edit; returns a function that rewrites text in one file."""
    folder = shutil.copytree(SEEDS_DIR, tmp_path / "seeds")

    def edit(name, old, new):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return folder

    edit.folder = folder
    return edit


def test_loading_the_seeds_twice_changes_no_row_link_tag_or_file(db, settings):
    load()
    rows, files = database_snapshot(), media_snapshot(settings)
    load()
    assert database_snapshot() == rows
    assert media_snapshot(settings) == files
    assert len(rows["taggit.TaggedItem"]) == 12 + 6  # articles and teams, and two experts' expertise
    assert len(rows["newsroom.Article_publications"]) == 3
    assert len([name for name in files if not name.startswith("renditions/")]) == 2


def test_the_seeded_publication_lists_its_26_authors_in_printed_order(seeded):
    publication = Publication.objects.get(doi=FIRST_DOI)
    authors = list(publication.authors.select_related("person"))
    assert [author.name for author in authors] == SEED_AUTHORS
    linked = {author.name: author.person.full_name for author in authors if author.person}
    assert linked == {"R Samain": "Rémi Samain", "C Bousquet": "Corinne Bousquet"}


def test_the_seeded_publication_is_online_ahead_of_print_in_its_journal(seeded):
    publication = Publication.objects.get(doi=FIRST_DOI)
    assert publication.status == Publication.Status.AHEAD_OF_PRINT
    assert publication.journal_abbreviation == "Cell Mol Gastroenterol Hepatol"
    assert str(publication.published_on) == "2021-01-19"
    assert list(publication.teams.values_list("acronym", flat=True)) == ["MICROPANC"]


def test_a_doi_written_another_way_in_the_seeds_finds_the_same_publication(db, seeds_copy):
    load()
    folder = seeds_copy(
        "publications.toml", f'doi = "{FIRST_DOI}"', 'doi = "https://doi.org/10.1016/J.JCMGH.2021.01.008"'
    )
    load(folder)
    assert Publication.objects.count() == 3
    assert Publication.objects.filter(doi=FIRST_DOI).count() == 1


def test_the_second_article_points_to_the_teams_review_and_the_third_party_review(seeded):
    article = Article.objects.get(title=SECOND_ARTICLE)
    review, cited_by = article.publications.order_by("title")
    assert review.title.startswith("Mechanisms behind prometastatic changes")
    assert review.kind == Publication.Kind.REVIEW
    assert review.teams.get().institution.name == "Cancer Research Institute of the Tomsk NRMC"
    assert cited_by.journal == "Nature Reviews Cancer"
    assert [author.name for author in cited_by.authors.all()] == [
        "Felix Weiss",
        "Douglas Lauffenburger",
        "Peter Friedl",
    ]
    assert not review.doi and not cited_by.doi


def test_the_grants_are_filed_under_the_russian_science_foundation(seeded):
    funder = Organisation.objects.get(funder_id="501100006769")
    assert funder.name == "Russian Science Foundation"
    assert funder.kind == Organisation.Kind.FUNDING_AGENCY
    assert sorted(funder.grants.values_list("award_number", flat=True)) == ["14-15-00318", "19-75-30016"]
    article = Article.objects.get(title=SECOND_ARTICLE)
    assert set(article.grants.all()) == set(Grant.objects.filter(funder=funder))


def test_partners_of_the_first_article_are_collaborators_or_supporters_of_their_kind(seeded):
    article = Article.objects.get(title=FIRST_ARTICLE)
    partners = [
        (link.organisation.name, link.organisation.kind, link.role)
        for link in article.partnerships.select_related("organisation")
    ]
    collaboration, support = ArticlePartner.Role.COLLABORATION, ArticlePartner.Role.SUPPORT
    assert partners == [
        ("Limoges Hospital", Organisation.Kind.HOSPITAL, collaboration),
        ("Beaujon Hospital", Organisation.Kind.HOSPITAL, collaboration),
        ("Proteomic platform, IPBS", Organisation.Kind.CORE_FACILITY, collaboration),
        ("Novartis", Organisation.Kind.COMPANY, collaboration),
        ("Foundation for Medical Research (FRM)", Organisation.Kind.FOUNDATION, support),
        ("National League Against Cancer", Organisation.Kind.FOUNDATION, support),
        ("Institut national du cancer (INCa)", Organisation.Kind.FUNDING_AGENCY, support),
    ]


def test_people_keep_their_honorifics_distinctions_and_positions(seeded):
    cherdyntseva = Person.objects.get(family_name="Cherdyntseva")
    assert cherdyntseva.name_with_honorific == "Prof. Nadezhda Cherdyntseva"
    assert cherdyntseva.distinction_list == ["Corresponding Member of the Russian Academy of Sciences"]
    assert cherdyntseva.position == "Deputy Director for Science"
    perelmuter = Person.objects.get(family_name="Perelmuter")
    assert perelmuter.distinction_list == ["Honored Scientist of the Russian Federation"]
    assert Person.objects.get(family_name="Samain").name_with_honorific == "Dr. Rémi Samain"
    assert not Person.objects.exclude(orcid=None).exists()


def test_teams_have_their_leaders_members_and_institutions(seeded):
    micropanc = Team.objects.get(acronym="MICROPANC")
    assert micropanc.name == "Microenvironment & Therapeutic Resistance in Pancreatic Neoplasia"
    assert micropanc.institution.short_name == "CRCT"
    assert [(m.person.family_name, m.role) for m in micropanc.memberships.all()] == [
        ("Bousquet", Membership.Role.LEADER),
        ("Samain", Membership.Role.MEMBER),
    ]
    tomsk = Team.objects.get(institution__name="Cancer Research Institute of the Tomsk NRMC")
    assert "interdisciplinary" in tomsk.name.lower()
    assert {m.person.family_name for m in tomsk.memberships.filter(role=Membership.Role.LEADER)} == {
        "Perelmuter",
        "Cherdyntseva",
    }


def test_both_articles_are_live_with_their_kind_keywords_and_lead_image(seeded, settings):
    first, second = Article.objects.get(title=FIRST_ARTICLE), Article.objects.get(title=SECOND_ARTICLE)
    assert set(Article.objects.live()) == {first, second}
    assert (first.kind, first.is_featured, first.publish_at.year) == (Article.Kind.RESEARCH_HIGHLIGHT, True, 2021)
    assert (second.kind, second.is_featured, second.publish_at.year) == (Article.Kind.NEWS, False, 2022)
    assert set(first.keywords.names()) == {"cancer-related fibroblasts", "pancreatic adenocarcinoma"}
    assert {"metastasis", "chemotherapy", "tumour microenvironment"} <= set(second.keywords.names())
    assert first.lead_image.caption.startswith("One picture")
    for image in Image.objects.all():
        assert image.alt_text and image.credit
        assert (image.width, image.height) == (1200, 675)
        assert (Path(settings.MEDIA_ROOT) / image.file.name).stat().st_size < 150_000
    assert "<blockquote>" in first.body and "<blockquote>" in second.body


def test_the_site_settings_carry_the_institutes_details(seeded):
    site = SiteSettings.load()
    assert site.institute_name == "Toulouse Cancer Research Center (Oncopole)"
    assert (site.short_name, site.address, site.phone) == ("CRCT", "Toulouse – FR", "+33 5 82 74 15 75")
    assert site.careers_text == "Want to join the CRCT team?"


def test_an_edited_seed_updates_the_row_it_names_instead_of_adding_one_when_reset(db, seeds_copy):
    load()
    load(seeds_copy("people.toml", 'position = "Deputy Director for Science"', 'position = "Director"'), reset=True)
    assert Person.objects.filter(family_name="Cherdyntseva").get().position == "Director"
    assert Person.objects.count() == 4


def test_loading_again_keeps_what_editors_changed_in_the_demo_content(db):
    load()
    article = Article.objects.get(title=FIRST_ARTICLE)
    article.title = "Fibroblasts, SOM230 and metastasis: an edited title"
    article.save()
    article.teams.clear()
    Person.objects.filter(family_name="Cherdyntseva").update(position="Director")

    load()

    article.refresh_from_db()
    assert article.title == "Fibroblasts, SOM230 and metastasis: an edited title"
    assert not article.teams.exists()
    assert Person.objects.get(family_name="Cherdyntseva").position == "Director"
    assert Article.objects.count() == 2


def test_a_reset_brings_the_demo_content_back_to_the_seed_values(db):
    load()
    article = Article.objects.get(title=FIRST_ARTICLE)
    article.title = "An edited title"
    article.save()
    article.teams.clear()

    load(reset=True)

    article.refresh_from_db()
    assert article.title == FIRST_ARTICLE
    assert [team.acronym for team in article.teams.all()] == ["MICROPANC"]


def test_a_changed_seed_picture_replaces_the_stored_file_without_adding_an_image(db, seeds_copy, settings):
    load()
    picture = seeds_copy.folder / "images" / "chemotherapy-microenvironment.jpg"
    shutil.copyfile(seeds_copy.folder / "images" / "pancreatic-microenvironment.jpg", picture)
    load(seeds_copy.folder, reset=True)
    assert Image.objects.count() == 2
    stored = Path(settings.MEDIA_ROOT) / "images" / "seeds" / picture.name
    assert stored.read_bytes() == picture.read_bytes()


@pytest.mark.parametrize(
    ("file_name", "old", "new", "message"),
    [
        ("people.toml", 'slug = "remi-samain"', 'slug = "remi-samain', "people.toml: this is not valid TOML"),
        ("people.toml", 'given_name = "Rémi"', 'givenname = "Rémi"', "people.toml, person 1 (remi-samain): missing"),
        ("publications.toml", f'doi = "{FIRST_DOI}"', 'doi = "not a doi"', "is not a DOI"),
        ("organisations.toml", 'kind = "Company"', 'kind = "Start-up"', "kind “Start-up” is not one of"),
        ("articles/2022-02-chemotherapy-and-metastasis.toml", '"tme-metastasis"', '"tomsk"', "no team “tomsk”"),
        (
            "articles/2021-02-pancreatic-cancer-metastasis.toml",
            "publish_at = 2021-02-09T10:00:00+01:00",
            'publish_at = "next Tuesday"',
            "publish_at should be a date and time",
        ),
    ],
)
def test_a_malformed_seed_file_is_named_in_the_error_and_nothing_is_written(
    db, seeds_copy, file_name, old, new, message
):
    folder = seeds_copy(file_name, old, new)
    before = database_snapshot()
    with pytest.raises(CommandError) as error:
        load(folder)
    assert file_name in str(error.value)
    assert message in str(error.value)
    assert database_snapshot() == before


def test_a_failed_load_over_loaded_seeds_leaves_them_as_they_were(db, seeds_copy):
    load()
    before = database_snapshot()
    folder = seeds_copy("people.toml", 'position = "Deputy Director for Science"', 'position = "Director"')
    seeds_copy("grants.toml", 'funder = "russian-science-foundation"', 'funder = "rsf"')
    with pytest.raises(CommandError, match="grants.toml, grant 1 .*no organisation “rsf”"):
        load(folder)
    assert database_snapshot() == before


def test_a_missing_seed_file_is_named_in_the_error(db, seeds_copy):
    (seeds_copy.folder / "grants.toml").unlink()
    with pytest.raises(CommandError, match="grants.toml: the file is missing"):
        load(seeds_copy.folder)


@pytest.fixture
def demo_settings(settings, monkeypatch):
    settings.DEBUG = True
    # The default hasher is slow on purpose; these tests check the account, not the hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.delenv("DEMO_ADMIN_USERNAME", raising=False)
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    return settings


def ensure_demo_admin(*args):
    output = io.StringIO()
    call_command("ensure_demo_admin", *args, stdout=output)
    return output.getvalue()


def test_ensure_demo_admin_creates_one_superuser_and_prints_how_to_log_in(db, demo_settings):
    first, second = ensure_demo_admin(), ensure_demo_admin()
    user = get_user_model().objects.get(username="admin")
    assert (user.username, user.is_superuser, user.is_staff) == ("admin", True, True)
    assert user.check_password("newsroom-demo")
    for output in (first, second):
        assert "http://127.0.0.1:8000/admin/" in output
        assert "username: admin" in output and "password: newsroom-demo" in output


def test_ensure_demo_admin_keeps_a_changed_password_unless_asked_to_reset_it(db, demo_settings):
    ensure_demo_admin()
    user = get_user_model().objects.get(username="admin")
    user.set_password("someone-chose-this")
    user.save()
    assert "changed since" in ensure_demo_admin()
    user.refresh_from_db()
    assert user.check_password("someone-chose-this")
    ensure_demo_admin("--reset-password")
    user.refresh_from_db()
    assert user.check_password("newsroom-demo")


def test_ensure_demo_admin_takes_its_credentials_from_the_environment(db, demo_settings, monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_USERNAME", "demo-editor")
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "another-demo-password")
    ensure_demo_admin()
    assert get_user_model().objects.get(username="demo-editor").check_password("another-demo-password")


def test_ensure_demo_admin_refuses_to_run_when_debug_is_off_unless_forced(db, demo_settings):
    demo_settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        ensure_demo_admin()
    assert not get_user_model().objects.exists()
    ensure_demo_admin("--force")
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()
