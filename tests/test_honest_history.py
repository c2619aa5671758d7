"""Honest history: a save records only what it changed, the diff reads as text, times keep their precision."""

from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from factories import make_article, make_team, make_user
from reversion.models import Version

from newsroom.models import EditorialEvent
from newsroom.roles import EDITOR

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """The values a browser would post from the page's change form, as the admin rendered them."""

    def __init__(self):
        super().__init__()
        self.values, self.select, self.textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.values[name] = attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else "")
        elif tag == "select" and name:
            self.select, self.multiple = name, "multiple" in attrs
            if not self.multiple:
                self.values.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            if self.multiple:
                self.values.setdefault(self.select, []).append(attrs.get("value", ""))
            else:
                self.values[self.select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.values[self.textarea] += data.removeprefix("\n") if not self.values[self.textarea] else data


def change_form(client, article):
    page = client.get(reverse("admin:newsroom_article_change", args=[article.pk])).text
    start = page.index('id="article_form"')
    fields = FormFields()
    fields.feed(page[start : page.index("</form>", start)])
    return fields.values


def post(client, article, data):
    response = client.post(reverse("admin:newsroom_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def editor(client):
    client.force_login(make_user(EDITOR, username="emma"))
    return client


def live_article(**fields):
    # A publish time to the microsecond, as ``timezone.now()`` gives one on publishing.
    moment = timezone.now() - timedelta(days=1, seconds=17, microseconds=123456)
    return make_article(title="Live one", body="<p>The tumour grows.</p>", publish_at=moment, **fields)


def test_a_body_only_save_of_a_live_article_records_no_published_event(editor):
    article = live_article()
    published_at = article.publish_at
    data = change_form(editor, article)

    post(editor, article, {**data, "body": "<p>The tumour grows fast.</p>"})

    article.refresh_from_db()
    assert article.publish_at == published_at
    assert not EditorialEvent.objects.filter(action__in=["published", "scheduled"]).exists()
    assert "ublish" not in Version.objects.get_for_object(article).first().revision.get_comment()


def test_the_publish_time_keeps_its_seconds_through_the_form(editor):
    moment = timezone.make_aware(datetime(2030, 5, 6, 10, 15, 37))
    article = make_article(title="Scheduled", publish_at=moment)

    post(editor, article, change_form(editor, article))

    article.refresh_from_db()
    assert timezone.localtime(article.publish_at) == timezone.localtime(moment)


def test_a_changed_publish_time_is_saved_to_the_second_and_recorded(editor):
    article = live_article()
    data = change_form(editor, article)

    post(editor, article, {**data, "publish_at_0": "2030-05-06", "publish_at_1": "10:15:37"})

    article.refresh_from_db()
    assert timezone.localtime(article.publish_at).replace(tzinfo=None) == datetime(2030, 5, 6, 10, 15, 37)
    assert EditorialEvent.objects.filter(action="scheduled").exists()


def conflict_error(response):
    assert response.status_code == 200
    return " ".join(response.context["adminform"].form.non_field_errors())


def test_the_conflict_message_names_only_the_fields_the_other_editor_changed():
    article = live_article(standfirst="Short.")
    alice, bob = Client(), Client()
    alice.force_login(make_user(EDITOR, username="alice"))
    bob.force_login(make_user(EDITOR, username="bob"))
    alices_form, bobs_form = change_form(alice, article), change_form(bob, article)

    post(alice, article, {**alices_form, "title": "Alice's title", "standfirst": "Alice's standfirst."})
    error = conflict_error(
        bob.post(reverse("admin:newsroom_article_change", args=[article.pk]), {**bobs_form, "body": "<p>Bob.</p>"})
    )

    changed = error.split("They changed: ")[1].split(". Your changes")[0]
    assert changed == "title, standfirst"


def test_the_conflict_message_names_a_change_of_teams_too():
    article = live_article()
    alice, bob = Client(), Client()
    alice.force_login(make_user(EDITOR, username="alice"))
    bob.force_login(make_user(EDITOR, username="bob"))
    team = make_team(acronym="MICROPANC")
    alices_form, bobs_form = change_form(alice, article), change_form(bob, article)

    post(alice, article, {**alices_form, "teams": [str(team.pk)]})
    error = conflict_error(
        bob.post(reverse("admin:newsroom_article_change", args=[article.pk]), {**bobs_form, "body": "<p>Bob.</p>"})
    )

    assert error.split("They changed: ")[1].split(". Your changes")[0] == "teams"


# The revision diff


def diff_page(client, article):
    newest, *_, first = list(Version.objects.get_for_object(article))
    return client.get(reverse("admin:newsroom_article_diff", args=[article.pk]), {"from": first.pk, "to": newest.pk})


def change_of(response, label):
    return dict(response.context["changes"])[label]


def test_the_diff_compares_the_text_of_rich_text_not_its_tags(editor):
    before = "<p>The tumour <strong>grows</strong>.</p><p>Slowly.</p>"
    after = "<p>The tumour <em>grows</em>.</p><p>Fast, <a href='https://doi.org/10.1/x'>see</a>.</p>"
    article = make_article(status="draft", publish_at=None, body=before)
    post(editor, article, {**change_form(editor, article), "body": after})

    body = change_of(diff_page(editor, article), "body")

    assert "&lt;" not in body and "strong" not in body and "<p>" not in body
    assert body == "The tumour grows.<br><del>Slowly.</del><br><ins>Fast, see [https://doi.org/10.1/x].</ins>"


def test_a_replaced_status_reads_old_arrow_new_with_the_words_apart(editor):
    article = make_article(status="draft", publish_at=None, title="Words")
    data = change_form(editor, article)
    post(editor, article, {**data, "status": "published", "publish_at_0": "2020-01-02", "publish_at_1": "09:30:00"})

    response = diff_page(editor, article)

    assert change_of(response, "status") == "<del>Draft</del> → <ins>Published</ins>"
    assert "DraftPublished" not in response.text
    assert change_of(response, "publish time").endswith("→ <ins>2 January 2020, 09:30</ins>")


def test_a_replaced_word_keeps_a_space_between_the_old_and_the_new(editor):
    article = make_article(status="draft", publish_at=None, title="Tumour grows slowly")
    data = change_form(editor, article)
    post(editor, article, {**data, "title": "Tumour grows fast"})

    assert change_of(diff_page(editor, article), "title") == "Tumour grows <del>slowly</del> <ins>fast</ins>"


def test_the_diff_of_a_picture_names_its_text_alternative(editor):
    article = make_article(status="draft", publish_at=None, body="<p>Before.</p>")
    data = change_form(editor, article)
    post(editor, article, {**data, "body": '<p>Before.</p><p><img src="/media/a.png" alt="A tumour"></p>'})

    assert "<ins>[picture: A tumour]</ins>" in change_of(diff_page(editor, article), "body")


# Words and dates of the workflow panel


def test_an_expired_article_reads_expired_in_the_panel(editor):
    article = make_article(
        title="Gone", publish_at=timezone.now() - timedelta(days=3), expire_at=timezone.now() - timedelta(days=1)
    )

    page = editor.get(reverse("admin:newsroom_article_change", args=[article.pk])).text

    assert "Expired" in page
    assert "Expires" not in page and "xpiring" not in page


def test_a_save_outside_the_admin_in_between_is_named_by_its_fields_too():
    article = live_article()
    bob = Client()
    bob.force_login(make_user(EDITOR, username="bob"))
    bobs_form = change_form(bob, article)
    article.refresh_from_db()
    article.standfirst = "Changed by an import."
    article.save()

    error = conflict_error(
        bob.post(reverse("admin:newsroom_article_change", args=[article.pk]), {**bobs_form, "body": "<p>Bob.</p>"})
    )

    assert error.split("They changed: ")[1].split(". Your changes")[0] == "standfirst"


def test_rescheduling_to_the_time_shown_keeps_the_seconds_of_the_schedule(editor):
    moment = timezone.make_aware(datetime(2030, 5, 6, 10, 15, 37))
    article = make_article(title="Scheduled", publish_at=moment)
    page = editor.get(reverse("admin:newsroom_article_change", args=[article.pk])).text
    shown = page.split('name="publish_at" value="')[1].split('"')[0]

    editor.post(reverse("admin:newsroom_article_transition", args=[article.pk, "schedule"]), {"publish_at": shown})

    article.refresh_from_db()
    assert shown == "2030-05-06T10:15" and article.publish_at == moment
