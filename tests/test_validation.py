"""Identifiers and slugs: what editors paste is normalised, what cannot be right is refused clearly."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from factories import make_article, make_grant, make_organisation, make_person, make_publication
from slugify import slugify

from newsroom.models import Article
from research.models import Grant, Organisation, Person, Publication, Team
from research.validators import orcid_check_digit

pytestmark = pytest.mark.django_db

DOI = "10.1016/j.jcmgh.2021.01.008"
ORCID = "0000-0002-1825-0097"
ROR = "02feahw73"
FUNDER_ID = "501100006769"
# Its slug cut at 80 characters ends one character short of the limit, so "-2" does not fit after it.
LONG_TITLE = (
    "Normalisation of protein secretions in the tumour microenvironment blocks their spread in pancreatic cancer"
)


def errors_of(instance):
    """The messages full_clean() gives, by field."""
    with pytest.raises(ValidationError) as refused:
        instance.full_clean()
    return refused.value.message_dict


def management_form(prefix):
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def add_in_admin(client, model, data):
    """POST the admin add form; returns the response and the form's errors (empty when saved)."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    response = client.post(url, data)
    errors = {} if response.status_code == 302 else response.context["adminform"].form.errors
    return response, errors


def new_person(orcid):
    return Person(given_name="Rémi", family_name="Samain", orcid=orcid)


def new_organisation(**fields):
    return Organisation(name="Russian Science Foundation", **fields)


# DOI


@pytest.mark.parametrize(
    "pasted",
    [
        DOI,
        "https://doi.org/10.1016/J.JCMGH.2021.01.008",
        "doi:10.1016/j.jcmgh.2021.01.008",
        "DOI: 10.1016/J.JCMGH.2021.01.008",
    ],
)
def test_doi_is_stored_in_its_canonical_form(pasted):
    publication = Publication(title="Secretions", doi=pasted)
    publication.full_clean()
    publication.save()

    assert Publication.objects.get().doi == DOI


def test_doi_that_is_not_a_doi_is_refused():
    assert "is not a DOI" in errors_of(Publication(title="Secretions", doi="jcmgh.2021.01.008"))["doi"][0]


def test_same_doi_written_differently_is_refused():
    make_publication(doi=DOI)

    errors = errors_of(Publication(title="Again", doi="https://doi.org/10.1016/J.JCMGH.2021.01.008"))

    assert errors["doi"] == ["Publication with this DOI already exists."]


def test_admin_refuses_a_publication_whose_doi_exists_already(staff_client):
    make_publication(doi=DOI)
    data = {"title": "Again", "status": "published", "kind": "article", **management_form("authors")}

    response, errors = add_in_admin(staff_client, Publication, {**data, "doi": "doi:10.1016/J.JCMGH.2021.01.008"})

    assert errors["doi"] == ["Publication with this DOI already exists."]
    assert "Publication with this DOI already exists." in response.text
    assert Publication.objects.count() == 1


def test_admin_stores_a_pasted_doi_link_in_canonical_form(staff_client):
    data = {"title": "Secretions", "status": "published", "kind": "article", **management_form("authors")}

    response, errors = add_in_admin(staff_client, Publication, {**data, "doi": f"https://doi.org/{DOI.upper()}"})

    assert errors == {}
    assert Publication.objects.get().doi == DOI


# ORCID


def test_orcid_check_digit_x_is_computed_by_the_iso_7064_algorithm():
    # ISO 7064 MOD 11-2 by hand for 0000-0002-9079-593: a remainder of 10 is written X.
    total = 0
    for digit in "000000029079593":
        total = (total + int(digit)) * 2
    assert (12 - total % 11) % 11 == 10
    assert orcid_check_digit("000000029079593") == "X"


@pytest.mark.parametrize(
    ("pasted", "stored"),
    [
        (ORCID, ORCID),
        (f"https://orcid.org/{ORCID}", ORCID),
        ("0000-0002-9079-593X", "0000-0002-9079-593X"),
        ("https://orcid.org/0000-0002-9079-593x", "0000-0002-9079-593X"),
    ],
)
def test_valid_orcid_is_accepted_and_normalised(pasted, stored):
    person = new_person(pasted)
    person.full_clean()
    person.save()

    assert Person.objects.get().orcid == stored


@pytest.mark.parametrize(
    ("pasted", "message"),
    [
        ("0000-0002-1825-0098", "has a wrong check digit"),
        ("0000-0002-9079-5930", "has a wrong check digit"),
        ("1234", "is not an ORCID iD"),
        ("0000-0002-1825-009", "is not an ORCID iD"),
    ],
)
def test_invalid_orcid_is_refused_with_a_clear_message(pasted, message):
    assert message in errors_of(new_person(pasted))["orcid"][0]


def test_admin_accepts_an_orcid_link_and_stores_the_bare_id(staff_client):
    data = {"given_name": "Rémi", "family_name": "Samain", **management_form("memberships")}

    response, errors = add_in_admin(staff_client, Person, {**data, "orcid": f"https://orcid.org/{ORCID}"})

    assert errors == {}
    assert Person.objects.get().orcid == ORCID


def test_admin_refuses_an_orcid_with_a_wrong_check_digit(staff_client):
    data = {"given_name": "Rémi", "family_name": "Samain", **management_form("memberships")}

    response, errors = add_in_admin(staff_client, Person, {**data, "orcid": "0000-0002-1825-0098"})

    assert "has a wrong check digit" in errors["orcid"][0]
    assert "please copy the ORCID iD again from orcid.org" in response.text
    assert not Person.objects.exists()


def test_same_orcid_as_a_link_is_refused_as_a_duplicate():
    make_person(orcid=ORCID)

    assert errors_of(new_person(f"https://orcid.org/{ORCID}"))["orcid"] == ["Person with this ORCID iD already exists."]


# ROR


@pytest.mark.parametrize("pasted", [ROR, f"https://ror.org/{ROR}", "https://ror.org/02FEAHW73"])
def test_valid_ror_id_is_accepted_and_stored_bare(pasted):
    organisation = new_organisation(ror_id=pasted)
    organisation.full_clean()
    organisation.save()

    assert Organisation.objects.get().ror_id == ROR
    assert Organisation.objects.get().ror_url == f"https://ror.org/{ROR}"


@pytest.mark.parametrize(
    ("pasted", "message"),
    [("02feahw74", "has a wrong checksum"), ("12345", "is not a ROR id"), ("02feahwu3", "is not a ROR id")],
)
def test_invalid_ror_id_is_refused_with_a_clear_message(pasted, message):
    assert message in errors_of(new_organisation(ror_id=pasted))["ror_id"][0]


def test_admin_accepts_a_ror_link(staff_client):
    data = {"name": "Inserm", "kind": Organisation.Kind.RESEARCH_INSTITUTE, "ror_id": f"https://ror.org/{ROR}"}

    response, errors = add_in_admin(staff_client, Organisation, data)

    assert errors == {}
    assert Organisation.objects.get().ror_id == ROR


def test_admin_refuses_a_ror_id_with_a_wrong_checksum(staff_client):
    data = {"name": "Inserm", "kind": Organisation.Kind.RESEARCH_INSTITUTE, "ror_id": "02feahw74"}

    response, errors = add_in_admin(staff_client, Organisation, data)

    assert "please copy the ROR id again from ror.org" in errors["ror_id"][0]
    assert not Organisation.objects.exists()


# Crossref Funder Registry


@pytest.mark.parametrize(
    "pasted", [FUNDER_ID, f"10.13039/{FUNDER_ID}", f"https://doi.org/10.13039/{FUNDER_ID}", "100000001"]
)
def test_funder_id_is_accepted_and_stored_as_the_registry_number(pasted):
    organisation = new_organisation(funder_id=pasted)
    organisation.full_clean()
    organisation.save()

    assert Organisation.objects.get().funder_id == pasted.rsplit("/", 1)[-1]


@pytest.mark.parametrize("pasted", ["abc", "10.13039/abc", "12345"])
def test_funder_id_that_is_not_a_registry_number_is_refused(pasted):
    assert "is not a Crossref Funder Registry id" in errors_of(new_organisation(funder_id=pasted))["funder_id"][0]


def test_admin_accepts_a_funder_doi_link(staff_client):
    data = {
        "name": "RSF",
        "kind": Organisation.Kind.FUNDING_AGENCY,
        "funder_id": f"https://doi.org/10.13039/{FUNDER_ID}",
    }

    response, errors = add_in_admin(staff_client, Organisation, data)

    assert errors == {}
    assert Organisation.objects.get().funder_id == FUNDER_ID


def test_admin_refuses_a_funder_id_that_is_not_a_number(staff_client):
    data = {"name": "RSF", "kind": Organisation.Kind.FUNDING_AGENCY, "funder_id": "abc"}

    response, errors = add_in_admin(staff_client, Organisation, data)

    assert "is not a Crossref Funder Registry id" in errors["funder_id"][0]


# PubMed ID


def test_pmid_of_digits_is_accepted():
    publication = Publication(title="Secretions", pmid="33482394")
    publication.full_clean()


@pytest.mark.parametrize("pasted", ["PMID: 33482394", "3348-2394", "abc", "0"])
def test_pmid_with_anything_but_digits_is_refused(pasted):
    assert "is not a PubMed ID" in errors_of(Publication(title="Secretions", pmid=pasted))["pmid"][0]


def test_admin_refuses_a_pmid_with_letters(staff_client):
    data = {"title": "Secretions", "status": "published", "kind": "article", "pmid": "PMID33482394"}

    response, errors = add_in_admin(staff_client, Publication, {**data, **management_form("authors")})

    assert "is not a PubMed ID" in errors["pmid"][0]


# Award numbers


def test_award_number_is_unique_per_funder():
    grant = make_grant(award_number="19-75-30016")

    errors = errors_of(Grant(funder=grant.funder, award_number="19-75-30016"))

    assert errors["__all__"] == ["This funder already has a grant with this award number."]


def test_same_award_number_under_another_funder_is_fine():
    make_grant(award_number="19-75-30016")

    Grant(funder=make_organisation(), award_number="19-75-30016").full_clean()


def test_admin_refuses_a_second_grant_with_the_same_award_number(staff_client):
    grant = make_grant(award_number="19-75-30016")

    response, errors = add_in_admin(staff_client, Grant, {"funder": grant.funder.pk, "award_number": " 19-75-30016 "})

    assert "This funder already has a grant with this award number." in response.text
    assert Grant.objects.count() == 1


def test_admin_accepts_the_same_award_number_under_another_funder(staff_client):
    make_grant(award_number="19-75-30016")
    other_funder = make_organisation()

    response, errors = add_in_admin(staff_client, Grant, {"funder": other_funder.pk, "award_number": "19-75-30016"})

    assert errors == {}
    assert Grant.objects.filter(funder=other_funder, award_number="19-75-30016").exists()


# Slugs


def test_slug_is_made_from_a_persons_name_without_accents():
    assert make_person(given_name="Rémi", family_name="Samain").slug == "remi-samain"


def test_cyrillic_title_gives_a_readable_ascii_slug():
    assert make_article(title="Химиотерапия рака").slug == "khimioterapiia-raka"


def test_team_slug_is_made_from_the_acronym():
    assert Team.objects.create(acronym="MICROPANC", name="Microenvironment").slug == "micropanc"


def test_organisation_slug_prefers_the_short_name():
    assert make_organisation(name="Fondation pour la Recherche Médicale", short_name="FRM").slug == "frm"


def test_same_name_gets_a_numbered_slug():
    slugs = [make_person(given_name="Rémi", family_name="Samain").slug for _ in range(3)]

    assert slugs == ["remi-samain", "remi-samain-2", "remi-samain-3"]


def test_long_title_is_cut_at_a_word_boundary():
    slug = make_article(title=LONG_TITLE).slug
    full = slugify(LONG_TITLE)

    assert len(slug) <= Article._meta.get_field("slug").max_length
    assert full.startswith(slug + "-")


def test_numbered_slug_of_a_long_title_is_also_cut_at_a_word_boundary():
    make_article(title=LONG_TITLE)

    slug = make_article(title=LONG_TITLE).slug

    assert slug.endswith("-2")
    assert len(slug) <= Article._meta.get_field("slug").max_length
    assert slugify(LONG_TITLE).startswith(slug.removesuffix("-2") + "-")


def test_a_slug_chosen_by_the_editor_is_kept():
    assert make_article(title="Химиотерапия рака", slug="chemotherapy").slug == "chemotherapy"


def test_title_without_letters_still_gets_a_slug():
    assert make_article(title="!!!").slug == "item"


def test_admin_makes_a_slug_when_the_editor_leaves_it_empty(staff_client):
    data = {"acronym": "MICROPANC", "name": "Microenvironment", "slug": "", "is_active": "on"}

    response, errors = add_in_admin(staff_client, Team, {**data, **management_form("memberships")})

    assert errors == {}
    assert Team.objects.get().slug == "micropanc"


def test_admin_refuses_a_slug_that_is_taken(staff_client):
    make_person(given_name="Rémi", family_name="Samain")
    data = {"given_name": "Rémi", "family_name": "Samain", "slug": "remi-samain", **management_form("memberships")}

    response, errors = add_in_admin(staff_client, Person, data)

    assert errors["slug"] == ["Person with this Slug already exists."]


def test_an_article_titled_like_a_reserved_address_gets_another_slug(client):
    article = make_article(title="Feed")
    assert article.slug == "feed-2"
    assert client.get(article.get_absolute_url()).status_code == 200


def test_an_editor_cannot_give_an_article_a_reserved_slug():
    article = make_article(title="Anything")
    article.slug = "feed"
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "used by another page" in str(refused.value)
