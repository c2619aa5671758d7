"""The expert finder (issue 15, point 5): a public directory of the researchers who take media
requests, by expertise, language and team, with a contact form that goes to the press office (its
e-mail and the editors' inbox), never to the researcher; spam-resistant and throttled."""

import time

import pytest
from django.core import mail
from django.urls import reverse
from factories import make_person, make_team, make_user
from worker import run_worker, worker_keeps_the_test_connection  # noqa: F401

from core.spam import started_token
from desk.models import Kind, MediaRequest, Notification
from newsroom.models import SiteSettings
from newsroom.roles import EDITOR
from research.models import Membership

pytestmark = pytest.mark.django_db
SECRET_EMAIL = "corinne.private@example.org"


@pytest.fixture
def experts():
    corinne = make_person(given_name="Corinne", family_name="Bousquet", email=SECRET_EMAIL, languages="fr en")
    corinne.takes_media_requests = True
    corinne.save()
    corinne.expertise.add("pancreatic cancer")
    nadezhda = make_person(given_name="Nadezhda", family_name="Cherdyntseva", languages="ru, EN")
    nadezhda.takes_media_requests = True
    nadezhda.save()
    nadezhda.expertise.add("breast cancer")
    shy = make_person(given_name="Shy", family_name="Researcher", languages="fr")
    shy.expertise.add("pancreatic cancer")
    team = make_team(acronym="MICROPANC", members=[(corinne, Membership.Role.LEADER), (shy, Membership.Role.MEMBER)])
    return {"corinne": corinne, "nadezhda": nadezhda, "shy": shy, "team": team}


def names(client, query=""):
    page = client.get(reverse("research:expert-list") + query)
    assert page.status_code == 200
    return [name for name in ("Corinne", "Nadezhda", "Shy") if f"{name} " in page.text]


def test_the_directory_lists_only_the_researchers_who_take_media_requests(client, experts):
    assert names(client) == ["Corinne", "Nadezhda"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?expertise=pancreatic-cancer", ["Corinne"]),
        ("?expertise=breast-cancer", ["Nadezhda"]),
        ("?language=en", ["Corinne", "Nadezhda"]),
        ("?language=ru", ["Nadezhda"]),
        ("?team=micropanc", ["Corinne"]),
        ("?language=xx&team=nowhere", ["Corinne", "Nadezhda"]),  # bad filters are reported, not a 500
    ],
)
def test_the_directory_filters_by_expertise_language_and_team(client, experts, query, expected):
    assert names(client, query) == expected


def test_languages_are_named_in_the_readers_language(client, experts):
    client.cookies["django_language"] = "fr"

    page = client.get(reverse("research:expert-list")).text

    assert "Français, Anglais" in page and "Russe" in page


def test_contact_details_of_researchers_are_never_on_the_public_pages(client, experts):
    corinne = experts["corinne"]
    pages = [
        client.get(reverse("research:expert-list")).text,
        client.get(reverse("expert-contact", args=[corinne.slug])).text,
        client.get(corinne.get_absolute_url()).text,
    ]

    assert all(SECRET_EMAIL not in page for page in pages)


def test_someone_who_takes_no_media_requests_has_no_contact_form(client, experts):
    assert client.get(reverse("expert-contact", args=[experts["shy"].slug])).status_code == 404


def request_data(**fields):
    return {
        "name": "Jane Reporter",
        "outlet": "Le Monde",
        "email": "jane@example.com",
        "message": "Could we talk about stromal CSF-1 on Thursday?",
        "started": started_token(time.time() - 10),
        **fields,
    }


def test_a_request_goes_to_the_press_office_and_the_editors_inbox_never_to_the_researcher(client, experts):
    SiteSettings.objects.create(institute_name="CRCT", press_email="press@example.org")
    editor = make_user(EDITOR, username="editor")
    editor.email = "editor@example.org"
    editor.save()
    url = reverse("expert-contact", args=[experts["corinne"].slug])

    response = client.post(url, request_data())
    assert response.status_code == 302
    assert "press office has your request" in client.get(response["Location"]).text
    run_worker()
    run_worker()

    request = MediaRequest.objects.get()
    assert (request.expert, request.forwarding) == (experts["corinne"], MediaRequest.Forwarding.SENT)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["editor@example.org", "press@example.org"]
    assert all(SECRET_EMAIL not in message.to for message in mail.outbox)
    press = next(message for message in mail.outbox if message.to == ["press@example.org"])
    assert press.reply_to == ["jane@example.com"] and "stromal CSF-1" in press.body
    assert Notification.objects.get(recipient=editor).kind == Kind.MEDIA_REQUEST


def test_a_request_goes_over_smtp_to_the_press_office(client, experts, smtp_server):
    mailbox = smtp_server()
    SiteSettings.objects.create(institute_name="CRCT", press_email="press@example.org")
    client.post(reverse("expert-contact", args=[experts["corinne"].slug]), request_data())
    run_worker()

    assert [message["to"] for message in mailbox.messages] == [["press@example.org"]]
    assert "Jane Reporter" in mailbox.messages[0]["content"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"website": "http://buy.example"}, "leave the last field empty"),
        ({"started": "now"}, "very fast"),
        ({"started": "forged"}, "open too long"),
        ({"email": "not an address"}, "valid email address"),
        ({"message": ""}, "This field is required"),
    ],
)
def test_the_contact_form_refuses_spam_and_bad_input_with_a_clear_message(client, experts, fields, message):
    if fields.get("started") == "now":
        fields = {"started": started_token()}
    response = client.post(reverse("expert-contact", args=[experts["corinne"].slug]), request_data(**fields))

    assert response.status_code == 400
    assert message in response.text
    assert "Jane Reporter" in response.text or "name" in fields  # what was typed is kept
    assert not MediaRequest.objects.exists()


def test_one_address_may_send_only_a_few_requests_a_day(client, experts):
    url = reverse("expert-contact", args=[experts["corinne"].slug])
    answers = [client.post(url, request_data()).status_code for _ in range(4)]

    assert answers == [302, 302, 302, 429]
    assert MediaRequest.objects.count() == 3
    assert "try again tomorrow" in client.post(url, request_data()).text


def test_one_visitor_may_send_only_a_few_requests_a_day(client, experts):
    url = reverse("expert-contact", args=[experts["corinne"].slug])
    answers = [client.post(url, request_data(email=f"j{n}@example.com")).status_code for n in range(6)]

    assert answers == [302] * 5 + [429]


def test_editors_see_the_requests_in_the_admin(staff_client, experts):
    MediaRequest.objects.create(
        expert=experts["corinne"],
        expert_name="Corinne Bousquet",
        name="Jane",
        outlet="Le Monde",
        email="jane@example.com",
        message="Hello",
        language="en",
    )

    page = staff_client.get(reverse("admin:desk_mediarequest_changelist")).text

    assert "Le Monde" in page and "Corinne Bousquet" in page


def test_the_demo_content_has_experts(client, seeded):
    assert names(client) == ["Corinne", "Nadezhda"]
    assert names(client, "?language=ru") == ["Nadezhda"]
