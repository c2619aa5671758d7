"""The shapes of the API's answers. They generate the OpenAPI document, and every answer is checked
against them before it leaves.

Items of every kind can be narrowed with ``?fields=``: only ``id`` is always present, which the
document says by listing ``id`` alone as required.
"""

from datetime import date, datetime

from ninja import Schema
from pydantic import ConfigDict, Field


def only_id_required(schema, model):
    schema["required"] = ["id"]


class Item(Schema):
    model_config = ConfigDict(json_schema_extra=only_id_required)


class Link(Schema):
    """Another item of the API: its id, its name and its address in the API."""

    id: int
    name: str
    url: str


class KeywordLink(Schema):
    id: int
    slug: str
    name: str
    url: str


PEER_REVIEW = (
    "peer-reviewed, ahead-of-print (peer-reviewed, online before its issue), preprint (not yet "
    "peer-reviewed) or conference (a conference talk or paper)"
)


class PublicationLink(Link):
    peer_review: str = Field(description=PEER_REVIEW)


class PartnerLink(Link):
    role: str = Field(description="collaboration or support")


class Picture(Schema):
    url: str
    alt_text: str
    width: int | None
    height: int | None


class Article(Item):
    id: int
    slug: str
    title: str
    kind: str
    language: str
    standfirst: str
    body: str = Field(description="Sanitised HTML.")
    is_featured: bool
    publish_at: datetime
    expire_at: datetime | None
    updated_at: datetime
    image: Picture | None
    keywords: list[KeywordLink]
    teams: list[Link]
    people: list[Link]
    publications: list[PublicationLink]
    grants: list[Link]
    partners: list[PartnerLink]
    url: str
    page_url: str = Field(description="The article's page on the public site.")


class Member(Schema):
    person: Link
    role: str


class Team(Item):
    id: int
    slug: str
    acronym: str
    name: str
    summary: str
    description: str = Field(description="Sanitised HTML.")
    contact_email: str
    institution: Link | None
    keywords: list[KeywordLink]
    members: list[Member]
    url: str
    page_url: str
    articles_url: str
    publications_url: str


class Person(Item):
    id: int
    slug: str
    name: str
    honorific: str
    given_name: str
    family_name: str
    position: str
    orcid: str | None
    affiliation: Link | None
    teams: list[Link]
    url: str
    page_url: str
    articles_url: str
    publications_url: str


class Author(Schema):
    name: str = Field(description="As printed.")
    person: Link | None


class Publication(Item):
    id: int
    title: str
    journal: str
    journal_abbreviation: str
    published_on: str | None = Field(
        description="ISO 8601 as far as it is known: 2021, 2021-01 or 2021-01-19 (no day is made up)."
    )
    published_on_precision: str | None = Field(description="year, month or day; null when there is no date.")
    volume: str
    issue: str
    pages: str
    doi: str | None
    pmid: str | None
    status: str = Field(description="published, ahead-of-print, in-press, preprint or conference")
    peer_review: str = Field(description=PEER_REVIEW)
    kind: str
    is_open_access: bool
    abstract: str
    citation: str = Field(description="The citation in the institute's style, as plain text.")
    authors: list[Author]
    teams: list[Link]
    url: str
    page_url: str
    articles_url: str


class Grant(Item):
    id: int
    name: str
    award_number: str
    title: str
    programme: str
    started_on: date | None
    ended_on: date | None
    funder: Link
    principal_investigator: Link | None
    teams: list[Link]
    url: str
    page_url: str
    articles_url: str


class Organisation(Item):
    id: int
    slug: str
    name: str
    short_name: str
    kind: str
    city: str
    country: str = Field(description="ISO 3166-1 alpha-2 code, e.g. FR; empty when unknown.")
    country_name: str = Field(description="The country's name in the language asked for (Accept-Language).")
    website: str
    ror_id: str | None
    funder_id: str | None
    url: str
    page_url: str
    articles_url: str


class Keyword(Item):
    id: int
    slug: str
    name: str
    url: str
    articles_url: str


class Event(Item):
    id: int
    slug: str
    title: str
    kind: str = Field(description="seminar, thesis-defence, conference or other")
    language: str
    summary: str
    body: str = Field(description="Sanitised HTML.")
    start: datetime
    end: datetime
    time_zone: str = Field(description="The event's own time zone, e.g. Europe/Paris.")
    venue: str
    online_url: str
    registration_url: str
    publish_at: datetime
    updated_at: datetime
    image: Picture | None
    speakers: list[Link]
    teams: list[Link]
    url: str
    page_url: str = Field(description="The event's page on the public site.")
    calendar_url: str = Field(description="The event as an iCalendar file.")


class Page(Item):
    id: int
    slug: str
    title: str
    language: str
    body: str = Field(description="Sanitised HTML.")
    translation_of: int | None = Field(description="The id of the page this one translates, if any.")
    publish_at: datetime
    updated_at: datetime
    url: str
    page_url: str = Field(description="The page on the public site.")


def page_of(item):
    """The schema of one page of ``item``s."""
    return type(
        f"{item.__name__}Page",
        (Schema,),
        {
            "__annotations__": {"items": list[item], "next": str | None},
            "__doc__": f"One page of {item.__name__.lower()} items; `next` is the following page, or null.",
        },
    )


class Error(Schema):
    detail: str
