"""Every public and admin page is sent with a Content-Security-Policy that allows no inline code."""

import base64
import hashlib
from pathlib import Path

import django_prose_editor
import pytest
from django.conf import settings
from factories import make_article

pytestmark = pytest.mark.django_db

PAGES = ["/", "/news/", "/teams/", "/publications/", "/search/?q=x", "/admin/login/", "/no-such-page/"]


def policy_of(response):
    return dict(
        (part.split()[0], part.split()[1:]) for part in response["Content-Security-Policy"].split(";") if part.strip()
    )


@pytest.mark.parametrize("address", PAGES)
def test_public_pages_and_the_login_page_forbid_inline_scripts_and_styles(client, address):
    policy = policy_of(client.get(address))

    assert policy["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]


def test_the_admin_pages_carry_the_policy_and_their_scripts_the_nonce(staff_client):
    article = make_article()
    response = staff_client.get(f"/admin/newsroom/article/{article.pk}/change/")
    nonce = next(source for source in policy_of(response)["script-src"] if source.startswith("'nonce-"))[7:-1]
    html = response.content.decode()

    assert f'<script type="importmap" nonce="{nonce}">' in html
    assert f'nonce="{nonce}"' in html.split('src="/static/django_prose_editor/editor.js"')[1].split(">")[0]


def test_the_allowed_editor_stylesheet_hash_matches_the_installed_editor():
    # Tiptap injects this stylesheet itself; a new django-prose-editor may change it, and then the hash.
    script = (Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js").read_text()
    start = script.index("`.ProseMirror {\n  position: relative;")
    css = script[start + 1 : script.index("`", start + 1)]
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()

    assert f"'sha256-{digest}'" in settings.SECURE_CSP["style-src"]
