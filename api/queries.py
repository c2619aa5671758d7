"""What the API may show, shaped for its serializers: every article, event and page through the live rule, only
active teams, and related rows prefetched with explicit names so a page costs constant queries."""

from django.db.models import Prefetch, Q
from taggit.models import Tag

from core.keywords import keywords_as_list
from newsroom.models import Article, ArticlePartner, ArticlePerson, Event, EventSpeaker, Page
from research.models import Grant, Membership, Organisation, Person, Publication, PublicationAuthor, Team


def active_teams():
    return Team.objects.active().only("pk", "acronym", "slug")


def articles():
    return (
        Article.objects.live()
        .select_related("lead_image")
        .prefetch_related(
            keywords_as_list(),
            Prefetch("teams", queryset=active_teams()),
            Prefetch("article_people", queryset=ArticlePerson.objects.select_related("person")),
            Prefetch("publications", queryset=Publication.objects.only("pk", "title", "status")),
            Prefetch("grants", queryset=Grant.objects.select_related("funder")),
            Prefetch("partnerships", queryset=ArticlePartner.objects.select_related("organisation")),
        )
    )


def events():
    return (
        Event.objects.live()
        .select_related("lead_image")
        .prefetch_related(
            Prefetch("teams", queryset=active_teams()),
            Prefetch("event_speakers", queryset=EventSpeaker.objects.select_related("person")),
        )
    )


def pages():
    return Page.objects.live()


def teams():
    return (
        Team.objects.active()
        .select_related("institution")
        .prefetch_related(
            keywords_as_list(),
            Prefetch("memberships", queryset=Membership.objects.current_by_role(), to_attr="current_memberships"),
        )
    )


def people():
    current = Membership.objects.filter(ended_on__isnull=True, team__is_active=True).select_related("team")
    return Person.objects.select_related("affiliation").prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_memberships")
    )


def publications():
    return Publication.objects.prefetch_related(
        Prefetch("authors", queryset=PublicationAuthor.objects.select_related("person")),
        Prefetch("teams", queryset=active_teams()),
    )


def grants():
    return Grant.objects.select_related("funder", "principal_investigator").prefetch_related(
        Prefetch("teams", queryset=active_teams())
    )


def organisations():
    return Organisation.objects.all()


def keywords():
    """Keywords of live articles and of active teams: a keyword of drafts alone does not exist here."""
    return Tag.objects.filter(
        Q(pk__in=Article.objects.live().values("keywords__pk")) | Q(pk__in=Team.objects.active().values("keywords__pk"))
    )
