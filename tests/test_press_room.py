"""The press room: applying, the editors' decisions, signing in (password or e-mailed link), the
release page and its downloads, the record of who read what before the lift, and the press
contacts' direct details, which only accredited journalists ever see."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from factories import make_article, make_image, make_journalist, make_person, make_user

from core.spam import started_token
from newsroom.models import Article
from newsroom.roles import EDITOR
from press import accreditation
from press.models import Journalist, MediaKit, MediaPicture, PressContact, PressEmail, ReleaseAccess

pytestmark = pytest.mark.django_db

LIFT = "2036-12-02T08:00:00+00:00"  # 09:00 in Paris (CET)


@pytest.fixture(autouse=True)
def quick_forms(settings, tasks_at_once):
    settings.FORM_MIN_SECONDS = 0


@pytest.fixture
def release(db):
    person = make_person(given_name="Inès", family_name="Lavigne", email="ines.public@example.org")
    article = make_article(
        title="Zebrafish regrow their hearts",
        kind=Article.Kind.PRESS_RELEASE,
        body="<p>Cardiomyocytes divide again.</p>",
        embargo_until=timezone.now() + timedelta(days=1),
    )
    MediaKit.objects.create(article=article, summary="Heart cells of zebrafish divide after an injury.")
    MediaPicture.objects.create(article=article, image=make_image(credit="Inserm / J. Doe"), licence="cc-by-4.0")
    PressContact.objects.create(
        article=article,
        person=person,
        role=PressContact.Role.INTERVIEW,
        phone="+33 5 61 00 11 22",
        email="ines@lab.example.org",
    )
    return article


def application(**changes):
    data = {
        "name": "Marie Curie",
        "outlet": "Le Quotidien",
        "email": "Marie@Example.org",
        "work_url": "https://news.example.org/authors/marie",
        "time_zone": "America/New_York",
        "website": "",
        "started": started_token(),
    }
    return {**data, **changes}


# Applying -------------------------------------------------------------------------------------------


def test_an_application_is_saved_pending_in_the_applicants_language(client):
    response = client.post("/press/apply/", application(), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    journalist = Journalist.objects.get()
    assert (journalist.email, journalist.status, journalist.language) == ("marie@example.org", "pending", "fr")
    assert journalist.time_zone == "America/New_York"
    assert journalist.user is None


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"website": "http://spam.example"}, "Leave this field empty"),
        ({"started": "forged"}, "has been altered"),
        ({"email": "not an address"}, "valid email"),
        ({"work_url": ""}, "This field is required"),
        ({"time_zone": "Mars/Olympus"}, "Select a valid choice"),
    ],
)
def test_a_bad_application_is_refused_with_a_clear_message_and_nothing_saved(client, changes, message):
    response = client.post("/press/apply/", application(**changes))
    assert response.status_code == 400
    assert message in response.text
    assert not Journalist.objects.exists()


def test_an_application_sent_too_quickly_is_taken_for_a_script(client, settings):
    settings.FORM_MIN_SECONDS = 60
    response = client.post("/press/apply/", application())
    assert response.status_code == 400 and "very fast" in response.text


def test_a_second_application_with_the_same_address_is_refused(client):
    make_journalist(status="pending", email="marie@example.org")
    response = client.post("/press/apply/", application())
    assert response.status_code == 400 and "exists already" in response.text


def test_applications_are_throttled_per_address(client):
    for number in range(5):
        client.post("/press/apply/", application(email=f"m{number}@example.org"), REMOTE_ADDR="203.0.113.5")
    response = client.post("/press/apply/", application(email="m9@example.org"), REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 429
    assert Journalist.objects.count() == 5
    assert (
        client.post("/press/apply/", application(email="m9@example.org"), REMOTE_ADDR="198.51.100.1").status_code == 302
    )


# Decisions ------------------------------------------------------------------------------------------


def decide_in_admin(client, action, journalist):
    editor = make_user(EDITOR)
    client.force_login(editor)
    data = {"action": action, "_selected_action": [journalist.pk]}
    return client.post(reverse("admin:press_journalist_changelist"), data)


def test_an_editor_approves_in_the_admin_and_the_journalist_gets_a_login_without_admin_access(client):
    journalist = make_journalist(status="pending", language="fr")
    decide_in_admin(client, "approve", journalist)
    journalist.refresh_from_db()
    assert journalist.is_accredited
    assert journalist.accredited_until == timezone.localdate() + timedelta(days=365)
    assert not journalist.user.is_staff and not journalist.user.has_usable_password()
    assert mail.outbox[-1].to == [journalist.email]
    assert "accréditation" in mail.outbox[-1].subject
    email = PressEmail.objects.get(kind="approved")
    assert email.delivery == "sent" and email.sent_at


def test_a_refusal_and_a_withdrawal_are_emailed_and_recorded(client):
    pending, accredited = make_journalist(status="pending"), make_journalist()
    decide_in_admin(client, "refuse", pending)
    decide_in_admin(client, "withdraw", accredited)
    pending.refresh_from_db(), accredited.refresh_from_db()
    assert (pending.status, accredited.status) == ("refused", "withdrawn")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([pending.email, accredited.email])
    assert set(PressEmail.objects.values_list("kind", "delivery")) == {("refused", "sent"), ("withdrawn", "sent")}


def test_a_withdrawal_or_an_expiry_takes_effect_at_once(client, release):
    journalist = make_journalist()
    client.force_login(journalist.user)
    assert client.get(f"/press/releases/{release.slug}/").status_code == 200
    accreditation.withdraw(journalist, None)
    assert client.get(f"/press/releases/{release.slug}/").status_code == 403
    Journalist.objects.filter(pk=journalist.pk).update(status="approved", accredited_until=timezone.localdate())
    assert client.get(f"/press/releases/{release.slug}/").status_code == 200
    Journalist.objects.filter(pk=journalist.pk).update(accredited_until=timezone.localdate() - timedelta(days=1))
    assert client.get(f"/press/releases/{release.slug}/").status_code == 403


def test_staff_are_not_journalists(client, release):
    client.force_login(make_user(EDITOR))
    assert client.get(f"/press/releases/{release.slug}/").status_code == 403


# Signing in -----------------------------------------------------------------------------------------


def with_password(journalist, password="a-long-password-1"):
    journalist.user.set_password(password)
    journalist.user.save()
    return journalist


def sign_in(client, email, password="a-long-password-1", address="203.0.113.7"):
    return client.post("/press/sign-in/", {"username": email, "password": password}, REMOTE_ADDR=address)


def test_a_journalist_signs_in_with_a_password(client):
    journalist = with_password(make_journalist())
    response = sign_in(client, journalist.email.upper())
    assert response.status_code == 302 and response["Location"] == "/press/"
    assert client.get("/press/").status_code == 200
    assert client.get("/admin/").status_code == 302  # no admin access


def test_an_expired_journalist_cannot_sign_in(client):
    journalist = with_password(make_journalist(accredited_until=timezone.localdate() - timedelta(days=1)))
    response = sign_in(client, journalist.email)
    assert response.status_code == 200 and "not current" in response.text
    assert "_auth_user_id" not in client.session


def test_password_sign_in_is_throttled_like_staff_log_ins(client):
    journalist = with_password(make_journalist())
    for attempt in range(5):
        sign_in(client, journalist.email, password=f"wrong-{attempt}")
    response = sign_in(client, journalist.email)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.exists()


def link_from(message):
    return re.search(r"http://[^\s]+/press/sign-in/link/[^\s]+/", message.body).group(0).split("8000", 1)[1]


def test_an_emailed_link_signs_in_once(client):
    journalist = make_journalist(language="ru")
    response = client.post("/press/sign-in/link/", {"email": journalist.email})
    assert response["Location"] == "/press/sign-in/link/sent/"
    message = mail.outbox[-1]
    assert message.to == [journalist.email] and "ссылка" in message.subject.lower()
    link = link_from(message)
    assert client.get(link).status_code == 200  # a mail scanner opening it does not sign in
    assert "_auth_user_id" not in client.session
    assert client.post(link)["Location"] == "/press/"
    assert client.get("/press/").status_code == 200
    client.logout()
    assert client.post(link).status_code == 400  # used up


def test_a_link_request_for_an_unknown_address_looks_the_same_and_sends_nothing(client):
    response = client.post("/press/sign-in/link/", {"email": "nobody@example.org"})
    assert response["Location"] == "/press/sign-in/link/sent/"
    assert mail.outbox == []


def test_an_old_sign_in_link_does_not_work(client, settings):
    journalist = make_journalist()
    client.post("/press/sign-in/link/", {"email": journalist.email})
    settings.PRESS_SIGN_IN_LINK_MINUTES = -1
    assert client.post(link_from(mail.outbox[-1])).status_code == 400


def test_link_requests_are_throttled(client):
    journalist = make_journalist()
    for _ in range(5):
        client.post("/press/sign-in/link/", {"email": journalist.email})
    assert client.post("/press/sign-in/link/", {"email": journalist.email}).status_code == 429
    assert len(mail.outbox) == 5


def test_the_profile_keeps_the_time_zone_and_sets_a_password(client):
    journalist = make_journalist()
    client.force_login(journalist.user)
    client.post("/press/profile/", {"profile": "1", "language": "fr", "time_zone": "Asia/Tokyo"})
    journalist.refresh_from_db()
    assert (journalist.language, journalist.time_zone) == ("fr", "Asia/Tokyo")
    data = {"password": "1", "new_password1": "zebrafish-hearts-42", "new_password2": "zebrafish-hearts-42"}
    assert client.post("/press/profile/", data).status_code == 302
    client.logout()
    assert sign_in(client, journalist.email, "zebrafish-hearts-42").status_code == 302


# The release, its downloads and their record ----------------------------------------------------------


def test_the_release_page_shows_the_embargo_in_both_time_zones(client, release):
    Article.objects.filter(pk=release.pk).update(embargo_until=LIFT)
    journalist = make_journalist(time_zone="America/New_York")
    client.force_login(journalist.user)
    from django.test.utils import override_settings  # noqa: F401

    page = client.get(f"/press/releases/{release.slug}/").text
    assert "EMBARGOED until 2 December 2036, 09:00 CET" in page
    assert "That is 2 December 2036, 03:00 EST in your time zone (America/New_York)." in page


def test_the_embargo_notice_is_in_the_readers_language(client, release):
    Article.objects.filter(pk=release.pk).update(embargo_until=LIFT)
    client.force_login(make_journalist().user)
    assert (
        "EMBARGO jusqu’au 2 décembre 2036, 09:00 CET"
        in client.get(f"/press/releases/{release.slug}/", HTTP_ACCEPT_LANGUAGE="fr").text
    )
    assert (
        "ЭМБАРГО до 2 декабря 2036, 09:00 CET"
        in client.get(f"/press/releases/{release.slug}/", HTTP_ACCEPT_LANGUAGE="ru").text
    )


def test_every_view_and_download_before_the_lift_is_recorded(client, release):
    journalist = make_journalist()
    client.force_login(journalist.user)
    agent = {"REMOTE_ADDR": "198.51.100.23", "HTTP_USER_AGENT": "Reporter's browser"}
    client.get(f"/press/releases/{release.slug}/", **agent)
    kit = client.get(f"/press/releases/{release.slug}/media-kit.zip", **agent)
    client.get(f"/press/releases/{release.slug}/release.txt", **agent)
    picture = release.media_pictures.get()
    client.get(f"/press/releases/{release.slug}/pictures/{picture.pk}/", **agent)
    records = list(ReleaseAccess.objects.order_by("pk").values_list("journalist", "article", "what", "address"))
    assert records == [
        (journalist.pk, release.pk, what, "198.51.100.23") for what in ("view", "kit", "text", "picture")
    ]
    assert ReleaseAccess.objects.filter(user_agent="Reporter's browser").count() == 4
    assert b"".join(kit.streaming_content)

    Article.objects.filter(pk=release.pk).update(embargo_until=timezone.now() - timedelta(seconds=1))
    client.get(f"/press/releases/{release.slug}/")
    assert ReleaseAccess.objects.count() == 4  # after the lift, reading is no longer traced


def test_the_record_is_shown_on_the_articles_admin_page(client, release):
    journalist = make_journalist(name="Marie Curie")
    ReleaseAccess.objects.create(article=release, journalist=journalist, what="kit", address="198.51.100.23")
    client.force_login(make_user(EDITOR))
    page = client.get(reverse("admin:newsroom_article_change", args=[release.pk])).text
    assert "Marie Curie" in page and "198.51.100.23" in page and "Downloaded the media kit" in page
    listing = client.get(reverse("admin:newsroom_article_changelist")).text
    assert "Until " in listing  # the embargo column


def test_the_media_kit_zip_holds_the_text_the_pictures_and_the_embargo(client, release):
    Article.objects.filter(pk=release.pk).update(embargo_until=LIFT)
    client.force_login(make_journalist().user)
    response = client.get(f"/press/releases/{release.slug}/media-kit.zip")
    assert response["Cache-Control"].count("no-store") and "private" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert f"{release.slug}.txt" in names
    assert any(name.startswith("pictures/") and name.endswith(".png") for name in names)
    text = archive.read(f"{release.slug}.txt").decode()
    assert text.startswith("EMBARGOED until 2 December 2036, 09:00 CET")
    assert "Inserm / J. Doe" in text and "CC BY 4.0" in text
    assert "+33 5 61 00 11 22" in text and "ines@lab.example.org" in text
    assert archive.comment.decode() == "EMBARGOED until 2 December 2036, 09:00 CET"


def test_a_picture_of_another_release_is_not_served(client, release):
    other = make_article(embargo_until=timezone.now() + timedelta(days=1))
    client.force_login(make_journalist().user)
    picture = release.media_pictures.get()
    assert client.get(f"/press/releases/{other.slug}/pictures/{picture.pk}/").status_code == 404


# Press contacts ---------------------------------------------------------------------------------------


def test_press_contacts_direct_details_are_for_accredited_journalists_only(client, release):
    secret = ("+33 5 61 00 11 22", "ines@lab.example.org")
    Article.objects.filter(pk=release.pk).update(embargo_until=timezone.now() - timedelta(seconds=1))
    person = release.press_contacts.get().person
    release.people.add(person)
    public = [
        release.get_absolute_url(),
        person.get_absolute_url(),
        "/news/feed/",
        f"/api/v1/articles/{release.slug}",
        "/api/v1/articles",
        f"/api/v1/people/{person.slug}",
        "/sitemap-people.xml",
        "/search/?q=Zebrafish",
    ]
    readers = [None, make_journalist(status="pending", with_login=True).user]
    readers.append(make_journalist(accredited_until=timezone.localdate() - timedelta(days=1)).user)
    for user in readers:
        client.logout()
        if user:
            client.force_login(user)
        for url in [*public, f"/press/releases/{release.slug}/", f"/press/releases/{release.slug}/media-kit.zip"]:
            response = client.get(url)
            content = b"".join(response.streaming_content) if response.streaming else response.content
            assert not any(value.encode() in content for value in secret), url
    jsonld = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', client.get(public[0]).text, re.S)
    assert jsonld and not any(value in json.dumps(jsonld) for value in secret)
    client.force_login(make_journalist().user)
    page = client.get(f"/press/releases/{release.slug}/").text
    assert all(value in page for value in secret)


# Editing the kit in the article's admin page -------------------------------------------------------------


def management_form(prefix, total=0, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def test_editors_set_the_embargo_and_the_media_kit_on_the_articles_admin_page(client):
    article = make_article(title="Zebrafish regrow their hearts", status=Article.Status.DRAFT, publish_at=None)
    image, person = make_image(credit="Inserm"), make_person()
    client.force_login(make_user(EDITOR))
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    page = client.get(url)
    assert "Embargo until" in page.text and "Summary for journalists" in page.text
    lock = re.search(r'name="lock_version" value="(\d+)"', page.text).group(1)
    data = {
        "title": article.title,
        "slug": article.slug,
        "kind": "press-release",
        "language": "en",
        "status": "draft",
        "lock_version": lock,
        "embargo_until_0": "2036-12-02",
        "embargo_until_1": "09:00",
        **management_form("article_people"),
        **management_form("partnerships"),
        **management_form("media_kit", 1),
        "media_kit-0-summary": "Heart cells divide again.",
        **management_form("media_pictures", 1),
        "media_pictures-0-image": image.pk,
        "media_pictures-0-licence": "cc-by-sa-4.0",
        "media_pictures-0-order": "0",
        **management_form("press_contacts", 1),
        "press_contacts-0-person": person.pk,
        "press_contacts-0-role": "press-officer",
        "press_contacts-0-phone": "+33 5 61 00 11 22",
        "press_contacts-0-email": "press@lab.example.org",
        "press_contacts-0-order": "0",
        **management_form("press_accesses"),
        **management_form("press_emails"),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    article.refresh_from_db()
    assert timezone.localtime(article.embargo_until).strftime("%Y-%m-%d %H:%M") == "2036-12-02 09:00"
    assert article.media_kit.summary == "Heart cells divide again."
    assert article.media_pictures.get().get_licence_display() == "CC BY-SA 4.0"
    assert article.press_contacts.get().phone == "+33 5 61 00 11 22"


def test_the_cells_of_the_media_kits_tables_are_named_by_their_column_for_screen_readers(client):
    client.force_login(make_user(EDITOR))
    page = client.get(reverse("admin:newsroom_article_add")).text
    assert 'aria-label="Licence" id="id_media_pictures-__prefix__-licence"' in page
    assert 'aria-label="Credit"' in page and 'aria-label="Direct phone"' in page


def test_an_embargo_that_ends_after_the_expiry_is_refused(client):
    article = make_article(
        expire_at=timezone.now() + timedelta(days=1), embargo_until=timezone.now() + timedelta(days=2)
    )
    with pytest.raises(Exception, match="after the end of the embargo"):
        article.full_clean()


def test_the_desk_calendar_shows_each_embargo_lift(client):
    from test_desk_calendar import days, local

    make_article(
        title="Zebrafish regrow their hearts",
        publish_at=local(2036, 12, 1, 10),
        embargo_until=local(2036, 12, 2, 9),
    )
    client.force_login(make_user(EDITOR))
    shown = days(client, "?month=2036-12")
    assert shown["2036-12-01"] == ["Zebrafish regrow their hearts"]
    assert shown["2036-12-02"] == ["Zebrafish regrow their hearts"]
    assert "Embargo lifts" in client.get("/admin/desk/calendar/?month=2036-12").text


def test_setting_an_embargo_on_a_draft_in_the_form_is_no_transition():
    from core import workflow

    article = make_article(status=Article.Status.DRAFT, publish_at=None)
    before = Article.objects.get(pk=article.pk)
    article.embargo_until = timezone.now() + timedelta(days=1)
    article.save()
    workflow.record_form_changes(article, before, make_user(EDITOR))
    assert not article.events.exists()


def queries_of(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_kit_rows(article, count):
    for number in range(count):
        MediaPicture.objects.create(article=article, image=make_image(), order=number)
        PressContact.objects.create(article=article, person=make_person(), phone=f"+33 1 00 00 00 0{number}")


def test_the_press_pages_query_count_does_not_grow_with_releases_pictures_or_contacts(client, release):
    client.force_login(make_journalist().user)
    url = f"/press/releases/{release.slug}/"
    make_article(kind=Article.Kind.PRESS_RELEASE)  # both lists have a release
    queries_of(client, "/press/")  # the first request of a session also loads the site settings
    room, page = queries_of(client, "/press/"), queries_of(client, url)
    for _ in range(3):
        make_article(embargo_until=timezone.now() + timedelta(days=1), kind=Article.Kind.PRESS_RELEASE)
        make_article(kind=Article.Kind.PRESS_RELEASE)
    add_kit_rows(release, 3)
    assert queries_of(client, "/press/") == room
    assert queries_of(client, url) == page
