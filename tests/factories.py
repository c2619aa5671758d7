"""Factories shared by the test modules: small functions with sensible defaults."""

import io
import itertools
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from newsroom.models import Article, ArticlePartner, ArticlePerson, Event, EventSpeaker, Image, Page
from research.models import Grant, Membership, Organisation, Person, Publication, PublicationAuthor, Team

_numbers = itertools.count(1)

# The authors of the first seed article's paper, as printed (and as Crossref and PubMed give them).
SEED_AUTHORS = [
    "R Samain",
    "A Brunel",
    "T Douché",
    "M Fanjul",
    "S Cassant-Sourdy",
    "J Rochotte",
    "J Cros",
    "C Neuzillet",
    "J Raffenne",
    "C Duluc",
    "A Perraud",
    "J Nigri",
    "V Gigoux",
    "I Bieche",
    "M Ponzo",
    "G Carpentier",
    "I Cascone",
    "R Tomasini",
    "H A Schmid",
    "M Mathonnet",
    "R Nicolle",
    "M P Bousquet",
    "Y Martineau",
    "S Pyronnet",
    "C Jean",
    "C Bousquet",
]


def png_bytes(size=(64, 48), color=(30, 90, 160)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def make_image(**fields):
    fields.setdefault("alt_text", "Fibroblasts under the microscope")
    upload = SimpleUploadedFile("picture.png", png_bytes(), content_type="image/png")
    return Image.objects.create(file=upload, **fields)


def make_organisation(**fields):
    fields.setdefault("name", f"Organisation {next(_numbers)}")
    return Organisation.objects.create(**fields)


def make_person(**fields):
    fields.setdefault("given_name", "Corinne")
    fields.setdefault("family_name", f"Bousquet {next(_numbers)}")
    return Person.objects.create(**fields)


def make_team(members=(), **fields):
    number = next(_numbers)
    fields.setdefault("acronym", f"TEAM{number}")
    fields.setdefault("name", f"Team number {number}")
    team = Team.objects.create(**fields)
    for order, (person, role) in enumerate(members):
        Membership.objects.create(team=team, person=person, role=role, order=order)
    return team


def make_publication(authors=("R Samain", "C Bousquet"), **fields):
    fields.setdefault("title", f"Publication {next(_numbers)}")
    fields.setdefault("journal", "Cellular and Molecular Gastroenterology and Hepatology")
    fields.setdefault("journal_abbreviation", "Cell Mol Gastroenterol Hepatol")
    publication = Publication.objects.create(**fields)
    for order, name in enumerate(authors):
        PublicationAuthor.objects.create(publication=publication, name=name, order=order)
    return publication


def make_grant(funder=None, **fields):
    fields.setdefault("award_number", f"19-75-{next(_numbers):05d}")
    return Grant.objects.create(funder=funder or make_organisation(kind=Organisation.Kind.FUNDING_AGENCY), **fields)


def make_article(teams=(), people=(), publications=(), grants=(), partners=(), keywords=(), **fields):
    """A live article unless told otherwise; ``partners`` is a list of (organisation, role)."""
    fields.setdefault("title", f"Article {next(_numbers)}")
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    article = Article.objects.create(**fields)
    article.teams.set(teams)
    article.publications.set(publications)
    article.grants.set(grants)
    for order, person in enumerate(people):
        ArticlePerson.objects.create(article=article, person=person, order=order)
    for order, (organisation, role) in enumerate(partners):
        ArticlePartner.objects.create(article=article, organisation=organisation, role=role, order=order)
    if keywords:
        article.keywords.add(*keywords)
        article.refresh_search_vector()
    return article


def make_user(role=None, person=None, username=None):
    """A staff login in one of the groups of newsroom.roles (made by the roles migration)."""
    username = username or f"user{next(_numbers)}"
    user = User.objects.create_user(username, password="a-long-password-1", is_staff=True, first_name=username.title())
    if role:
        user.groups.add(Group.objects.get(name=role))
    if person:
        person.user = user
        person.save(update_fields=["user"])
    return user


def make_event(teams=(), speakers=(), **fields):
    """A live seminar next week unless told otherwise."""
    start = fields.pop("start", timezone.now() + timedelta(days=7))
    fields.setdefault("title", f"Seminar {next(_numbers)}")
    fields.setdefault("status", Event.Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    fields.setdefault("venue", "Oncopole, room 101")
    fields.setdefault("end", start + timedelta(hours=2))
    event = Event.objects.create(start=start, **fields)
    event.teams.set(teams)
    for order, person in enumerate(speakers):
        EventSpeaker.objects.create(event=event, person=person, order=order)
    return event


def make_page(**fields):
    """A live basic page unless told otherwise."""
    fields.setdefault("title", f"Page {next(_numbers)}")
    fields.setdefault("body", "<p>About the institute.</p>")
    fields.setdefault("status", Page.Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    return Page.objects.create(**fields)


def make_journalist(status="approved", accredited_until=None, with_login=None, **fields):
    """An applicant (``status``: pending, approved, refused, withdrawn) with a public-site login when
    approved, or when ``with_login`` says so; ``accredited_until`` defaults to a month from today."""
    from press.accreditation import login_for
    from press.models import Journalist

    number = next(_numbers)
    fields.setdefault("name", f"Journalist {number}")
    fields.setdefault("outlet", "Le Quotidien")
    fields.setdefault("email", f"journalist{number}@example.org")
    fields.setdefault("work_url", "https://news.example.org/authors/journalist")
    if status == "approved" and accredited_until is None:
        accredited_until = timezone.localdate() + timedelta(days=30)
    journalist = Journalist.objects.create(status=status, accredited_until=accredited_until, **fields)
    if with_login if with_login is not None else status == "approved":
        journalist.user = login_for(journalist)
        journalist.save(update_fields=["user"])
    return journalist
