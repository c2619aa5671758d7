"""What communications staff do in the admin, in a real browser."""

import pytest
from django.core.management import call_command
from factories import make_user

from newsroom.models import Article
from newsroom.roles import EDITOR

pytestmark = pytest.mark.browser


def log_in(site, username):
    # The live server's database is emptied between tests, groups made by migrations included.
    call_command("ensure_roles", verbosity=0)
    make_user(EDITOR, username=username)
    page = site.page()
    page.goto(site.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-password-1")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site.url + "/admin/")
    return page


def test_a_workflow_button_asks_before_unsaved_edits_would_be_lost(site):
    article = Article.objects.get(kind=Article.Kind.NEWS)
    page = log_in(site, "emma")
    page.goto(f"{site.url}/admin/newsroom/article/{article.pk}/change/")
    page.get_by_label("Standfirst").fill("A new standfirst, not saved yet.")
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))

    page.get_by_role("button", name="Make a preview link").click()

    assert questions and "not saved" in questions[0]
    assert page.get_by_label("Standfirst").input_value() == "A new standfirst, not saved yet."
    assert not article.preview_links.exists()


def test_a_workflow_button_asks_nothing_when_everything_is_saved(site):
    article = Article.objects.get(kind=Article.Kind.NEWS)
    page = log_in(site, "emma")
    page.goto(f"{site.url}/admin/newsroom/article/{article.pk}/change/")
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))

    page.get_by_role("button", name="Make a preview link").click()

    assert not questions
    page.locator(".messagelist").get_by_text("Preview link, valid until").wait_for()
    assert article.preview_links.count() == 1


def test_an_editor_writes_in_the_rich_text_editor_and_the_text_is_saved(site):
    article = Article.objects.get(kind=Article.Kind.NEWS)
    page = log_in(site, "emma")
    page.goto(f"{site.url}/admin/newsroom/article/{article.pk}/change/")
    editor = page.locator(".prose-editor:has(#id_body) [contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("Written  under a strict policy.")

    # Tiptap's own stylesheet (allowed by its hash) keeps the spaces an editor types.
    assert editor.evaluate("element => getComputedStyle(element).whiteSpace") in {"pre-wrap", "break-spaces"}
    page.get_by_role("button", name="Save and continue editing").click()
    page.locator(".messagelist").wait_for()

    article.refresh_from_db()
    assert "Written" in article.body and "under a strict policy." in article.body


def test_every_admin_list_and_add_page_opens_for_an_editor(site):
    page = log_in(site, "emma")
    links = page.locator("#content-main a.addlink, #content-main th a").evaluate_all("links => links.map(a => a.href)")
    assert len(links) > 10
    for link in links:
        response = page.goto(link)
        assert response.status == 200, link
