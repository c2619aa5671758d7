"""A researcher against every admin and public address, aimed at another team: no 500, no draft, no write."""

import pytest
from boundary import ARTICLES, PROTECTED, admin_addresses, ask_everything, build_world, snapshot
from factories import make_person, make_team, make_user

from newsroom.roles import RESEARCHER
from research.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client):
    world = build_world()
    person = make_person(given_name="Rita", family_name="Researcher")
    world["own"] = make_team(acronym="OWN", members=[(person, Membership.Role.LEADER)])
    client.force_login(make_user(RESEARCHER, person=person))
    return world


def test_a_researcher_reaches_no_admin_page_of_another_teams_objects(client, world):
    opened = []
    for address in admin_addresses(world):
        if "/{}/".format(world["draft"].pk) in address or "/{}/".format(world["other"].pk) in address:
            response = client.get(address)
            if response.status_code == 200 and world["draft"].title in response.content.decode():
                opened.append(address)

    assert not opened, "\n".join(opened)


def test_a_researcher_sees_no_other_teams_draft_gets_no_500_and_changes_nothing_of_theirs(client, world):
    before = snapshot(PROTECTED + ARTICLES)

    faults, asked = ask_everything(client, world)

    assert asked > 100
    assert not faults, "\n".join(faults)
    assert snapshot(PROTECTED + ARTICLES) == before


def test_posting_another_teams_draft_as_translation_of_does_not_show_its_title(client, world):
    response = client.post("/admin/newsroom/article/add/", {"title": "Mine", "translation_of": world["draft"].pk})

    assert world["draft"].title not in response.content.decode()
