"""The press room in a real browser: a journalist applies → an editor approves in the admin → the
journalist signs in with an e-mailed link → reads an embargoed release → downloads its media kit;
with axe checks of the pages, in English, French and Russian (issue 15)."""

import re
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from factories import make_article, make_image, make_person, make_user

from newsroom.models import Article
from newsroom.roles import EDITOR
from press import accreditation
from press.models import Journalist, MediaKit, MediaPicture, PressContact, ReleaseAccess

from .conftest import axe_violations, describe

pytestmark = pytest.mark.browser


@pytest.fixture
def press_room(settings, tasks_at_once):
    settings.PRESS_FORM_MIN_SECONDS = 0
    # The live server's database is emptied between tests, groups made by migrations included.
    call_command("ensure_roles", verbosity=0)
    editor = make_user(EDITOR, username="emma")
    release = make_article(
        title="Zebrafish regrow their hearts",
        kind=Article.Kind.PRESS_RELEASE,
        standfirst="Heart cells divide again after an injury.",
        body="<p>Cardiomyocytes of zebrafish divide again.</p>",
        embargo_until=timezone.now() + timedelta(days=2),
    )
    MediaKit.objects.create(article=release, summary="A first in vertebrates.")
    MediaPicture.objects.create(article=release, image=make_image(credit="Inserm / J. Doe"), licence="cc-by-4.0")
    PressContact.objects.create(
        article=release, person=make_person(), role=PressContact.Role.INTERVIEW, phone="+33 5 61 00 11 22"
    )
    return {"editor": editor, "release": release}


def assert_accessible(page, name):
    violations = axe_violations(page)
    assert not violations, f"{name}:\n{describe(violations)}"


def admin_page(site, username):
    page = site.page()
    page.goto(site.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-password-1")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site.url + "/admin/")
    return page


def test_a_journalist_applies_is_approved_signs_in_reads_an_embargoed_release_and_downloads_its_kit(site, press_room):
    release = press_room["release"]
    journalist = site.page(timezone_id="America/New_York")
    journalist.goto(site.url + "/press/apply/")
    assert_accessible(journalist, "application form")
    journalist.get_by_label(re.compile("^Name")).fill("Marie Curie")
    journalist.get_by_label("Outlet").fill("Le Quotidien")
    journalist.get_by_label("E-mail address").fill("marie@example.org")
    journalist.get_by_label("Link to your work").fill("https://news.example.org/authors/marie")
    journalist.get_by_role("button", name="Send my application").click()
    journalist.get_by_role("heading", name="Application received").wait_for()
    applicant = Journalist.objects.get()
    assert (applicant.status, applicant.time_zone) == ("pending", "America/New_York")  # the browser's zone

    editor = admin_page(site, "emma")
    editor.goto(site.url + "/admin/press/journalist/")
    editor.get_by_role("checkbox", name="Select this object for an action - Marie Curie (Le Quotidien)").check()
    editor.get_by_label("Action:").select_option(label="Approve: accredit until the date set, or for a year")
    editor.get_by_role("button", name="Run", exact=True).click()
    editor.get_by_text("1 journalist accredited.").wait_for()
    assert [message.to for message in mail.outbox] == [["marie@example.org"]] * 2
    assert mail.outbox[0].subject == "Your press accreditation is approved"
    assert mail.outbox[1].subject.startswith("EMBARGOED until ")  # the release under embargo, ahead of the lift

    journalist.goto(site.url + "/press/")
    journalist.wait_for_url(re.compile(r".*/press/sign-in/.*"))
    assert_accessible(journalist, "sign-in page")
    link_form = journalist.locator("form", has=journalist.get_by_role("button", name="E-mail me a sign-in link"))
    link_form.get_by_label("E-mail address").fill("marie@example.org")
    link_form.get_by_role("button", name="E-mail me a sign-in link").click()
    journalist.get_by_role("heading", name="Check your e-mail").wait_for()
    link = re.search(r"http://\S+/press/sign-in/link/\S+/", mail.outbox[-1].body).group(0)
    journalist.goto(site.url + link.split("8000", 1)[1])
    journalist.get_by_role("button", name="Sign in").click()
    journalist.wait_for_url(site.url + "/press/")
    assert_accessible(journalist, "press room")

    journalist.get_by_role("link", name="Zebrafish regrow their hearts").click()
    notice = journalist.locator(".embargo-notice").first
    assert notice.inner_text().startswith("EMBARGOED until ")
    assert "in your time zone (America/New_York)" in notice.inner_text()
    assert journalist.get_by_text("+33 5 61 00 11 22").is_visible()
    assert_accessible(journalist, "embargoed release")
    journalist.emulate_media(media="print")
    assert notice.is_visible()
    journalist.emulate_media(media="screen")

    with journalist.expect_download() as download:
        journalist.get_by_role("link", name="Media kit (zip)").click()
    kit = zipfile.ZipFile(download.value.path())
    assert f"{release.slug}.txt" in kit.namelist() and any(name.startswith("pictures/") for name in kit.namelist())
    assert kit.read(f"{release.slug}.txt").decode().startswith("EMBARGOED until ")
    assert list(ReleaseAccess.objects.order_by("pk").values_list("what", flat=True)) == ["view", "kit"]
    assert site.page().goto(site.url + release.get_absolute_url()).status == 404  # still nothing for the public


@pytest.mark.parametrize(
    "language, heading", [("fr", "Demander une accréditation presse"), ("ru", "Подать заявку на аккредитацию")]
)
def test_the_application_form_is_translated_and_accessible(site, press_room, language, heading):
    page = site.page(cookies={"django_language": language})
    page.goto(site.url + "/press/apply/")
    page.get_by_role("heading", name=heading).wait_for()
    page.get_by_role("button").filter(has_text=re.compile("Envoyer|Отправить")).click()  # empty: clear errors
    assert page.locator(".errorlist").count() >= 4
    assert_accessible(page, f"application form with errors, {language}")


def test_a_russian_journalist_reads_the_release_in_russian(site, press_room):
    press = Journalist.objects.create(
        name="Иван", outlet="Газета", email="ivan@example.org", work_url="https://example.org", language="ru"
    )
    accreditation.approve(press, press_room["editor"])
    press.user.set_password("zebrafish-hearts-42")
    press.user.save()
    page = site.page(cookies={"django_language": "ru"})
    page.goto(site.url + "/press/sign-in/")
    password_form = page.locator("form", has=page.get_by_role("button", name="Войти"))
    password_form.get_by_label("Адрес электронной почты").fill("ivan@example.org")
    password_form.get_by_label("Пароль").fill("zebrafish-hearts-42")
    password_form.get_by_role("button", name="Войти").click()
    page.wait_for_url(site.url + "/press/")
    page.get_by_role("link", name="Zebrafish regrow their hearts").click()
    assert page.locator(".embargo-notice").first.inner_text().startswith("ЭМБАРГО до ")
    assert_accessible(page, "release, ru")
