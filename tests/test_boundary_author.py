"""A communications author against every admin and public address: no 500, no secret, no write beyond drafts.

Authors work on every team's drafts, so another team's draft is theirs to read; what they may not do is
publish or delete it, touch research data, users, roles, site settings or the login records.
"""

import pytest
from boundary import PROTECTED, ask_everything, build_world, snapshot
from factories import make_user

from newsroom.models import Article
from newsroom.roles import AUTHOR

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client):
    world = build_world()
    client.force_login(make_user(AUTHOR))
    return world


def test_an_author_gets_no_500_sees_no_secret_and_neither_publishes_nor_deletes_nor_touches_research_data(
    client, world
):
    before = snapshot(PROTECTED)
    secrets = (world["editor"].password, "192.0.2.1")

    faults, asked = ask_everything(client, world, forbidden=secrets)

    assert asked > 100
    assert not faults, "\n".join(faults)
    assert snapshot(PROTECTED) == before
    draft = Article.objects.get(pk=world["draft"].pk)
    assert draft.status != Article.Status.PUBLISHED
    assert draft.deleted_at is None
