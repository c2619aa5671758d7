"""An anonymous visitor against every admin and public address: no 500, no draft, no write."""

import pytest
from boundary import ARTICLES, PROTECTED, admin_addresses, ask_everything, build_world, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_every_admin_address_sends_an_anonymous_visitor_to_the_login_page(client, world):
    refused = []
    for address in admin_addresses(world):
        response = client.get(address)
        if address.startswith(("/admin/login/", "/admin/logout/", "/admin/jsi18n/")):
            continue
        if response.status_code not in (302, 404) or "/admin/login/" not in response.get("Location", "/admin/login/"):
            refused.append(f"{address}: {response.status_code}")

    assert not refused, "\n".join(refused)


def test_an_anonymous_visitor_sees_no_draft_gets_no_500_and_writes_nothing(client, world):
    before = snapshot(PROTECTED + ARTICLES)

    faults, asked = ask_everything(client, world, skip_post=("logout/", "login/"))

    assert asked > 100
    assert not faults, "\n".join(faults)
    assert snapshot(PROTECTED + ARTICLES) == before
