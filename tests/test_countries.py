"""Countries are ISO 3166 choices with translated names; the countries typed before become codes."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation
from factories import make_organisation

from research.models import Organisation

BEFORE, AFTER = ("research", "0009_translated_names"), ("research", "0010_funder_names_and_iso_countries")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.fixture
def latest_schema_after():
    """The test moves the schema back in time; every later test needs it whole again."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_countries_typed_before_become_their_iso_codes_and_an_unknown_one_is_kept():
    old = migrate(BEFORE).get_model("research", "Organisation")
    typed = {"a": "France", "b": "Russie", "c": "RU", "d": "Russian Federation", "e": "Россия", "f": "deu"}
    for slug, country in typed.items():
        old.objects.create(name=slug, slug=slug, country=country)
    old.objects.create(name="g", slug="g", country="Atlantis", description="An island.")
    old.objects.create(name="h", slug="h", country="")

    new = migrate(AFTER).get_model("research", "Organisation")
    codes = dict(new.objects.values_list("slug", "country"))
    assert codes == {"a": "FR", "b": "RU", "c": "RU", "d": "RU", "e": "RU", "f": "DE", "g": "", "h": ""}
    assert new.objects.get(slug="g").description == "An island.\n\nCountry: Atlantis"


@pytest.mark.django_db
def test_a_country_is_shown_by_its_name_in_the_readers_language(client):
    organisation = make_organisation(name="FWO", country="BE")
    assert organisation.country.name == "Belgium"
    with translation.override("fr"):
        assert Organisation.objects.get(pk=organisation.pk).country.name == "Belgique"
    response = client.get(organisation.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru")
    assert "Бельгия" in response.content.decode()


@pytest.mark.django_db
def test_a_country_that_is_not_an_iso_code_is_refused():
    with pytest.raises(ValidationError) as refused:
        Organisation(name="X", slug="x", country="Atlantis").full_clean()
    assert "country" in refused.value.message_dict


@pytest.mark.django_db
def test_the_admin_offers_countries_as_a_choice_in_the_editors_language(staff_client):
    response = staff_client.get("/admin/research/organisation/add/", HTTP_ACCEPT_LANGUAGE="ru")
    page = response.content.decode()
    assert '<select name="country"' in page
    assert '<option value="BE">Бельгия</option>' in page


@pytest.mark.django_db
def test_a_funders_structured_data_gives_its_other_names_and_country():
    from public.structured_data import organisation_data

    funder = make_organisation(name="Russian Science Foundation", short_name="RSF", other_names="РНФ", country="RU")

    data = organisation_data(funder, lambda path: path)

    assert data["alternateName"] == ["RSF", "РНФ"]
    assert data["address"] == {"@type": "PostalAddress", "addressCountry": "RU"}


@pytest.mark.django_db
def test_a_grant_is_found_in_the_admin_by_its_funders_other_name(staff_client):
    from factories import make_grant

    grant = make_grant(funder=make_organisation(name="Russian Science Foundation", other_names="РНФ"))

    response = staff_client.get("/admin/research/grant/", {"q": "РНФ"})

    assert list(response.context["cl"].result_list) == [grant]
