"""The kinds of result: what each searches, how it is filtered and ordered, how a hit reads."""

from dataclasses import dataclass, field

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.publishing import Status
from newsroom.models import Article, Event
from research.models import Membership, Person, Publication, Team

from .text import highlight, snippet


@dataclass
class Hit:
    kind: str
    object: object
    url: str
    title: str
    snippet: str
    meta: object = ""


def article_hit(article, terms, headlines=None):
    if headlines:
        title, text = headlines
    else:
        title, text = highlight(article.title, terms), snippet(f"{article.standfirst} {article.body}", terms)
    date = article.publish_at.date() if article.publish_at else None
    return Hit("news", article, article.get_absolute_url(), title, text, meta=date)


def team_hit(team, terms, headlines=None):
    return Hit(
        "teams", team, team.get_absolute_url(), highlight(team.display_name, terms), snippet(team.summary, terms)
    )


def person_hit(person, terms, headlines=None):
    about = ", ".join(filter(None, [person.position, person.affiliation.name if person.affiliation else ""]))
    title = highlight(person.name_with_honorific, terms)
    return Hit("people", person, person.get_absolute_url(), title, highlight(about, terms))


def publication_hit(publication, terms, headlines=None):
    source = " ".join(filter(None, [publication.journal_abbreviation or publication.journal, publication.doi or ""]))
    title = highlight(publication.title, terms)
    return Hit(
        "publications", publication, publication.get_absolute_url(), title, highlight(source, terms), publication.year
    )


def event_hit(event, terms, headlines=None):
    title, text = highlight(event.title, terms), snippet(f"{event.summary} {event.body}", terms)
    return Hit("events", event, event.get_absolute_url(), title, text, meta=event.local_start.date())


def cites(identifier):
    """Articles that cite the publication a DOI or PubMed ID names."""
    cited = Publication.objects.filter(identifier).values("pk")
    return Q(pk__in=Article.publications.through.objects.filter(publication__in=cited).values("article"))


@dataclass
class Kind:
    key: str
    label: str
    queryset: object
    hit: object
    title_fields: tuple
    order: tuple
    identifier_match: object = None
    # The lookups each filter uses, None where it does not apply to this kind (people have no year).
    team_lookup: str | None = None
    keyword_lookup: str | None = None
    year_lookup: str | None = None
    language_lookup: str | None = None
    # The date a kind ordered newest first is ordered by, and the filters that, with it, make an
    # index of its rows: on PostgreSQL its latest rows are searched first (postgres.RECENT).
    recent: str | None = None
    recent_index_filters: dict = field(default_factory=dict)

    def filtered(self, *, team=None, keyword=None, year=None, language=None):
        """The kind's public rows with the filters applied, or None when a filter does not apply."""
        filters = [
            (self.team_lookup, self.team_value(team)),
            (self.keyword_lookup, keyword),
            (self.year_lookup, year),
            (self.language_lookup, language),
        ]
        if any(value is not None and not lookup for lookup, value in filters):
            return None
        return self.queryset().filter(**{lookup: value for lookup, value in filters if value is not None})

    def team_value(self, team):
        """The value the team lookup compares with: the team, or its members for people."""
        if team is None:
            return None
        return Membership.objects.filter(team=team).values("person") if self.key == "people" else team


def live_articles():
    return Article.objects.live().defer("search_vector")


KINDS = [
    Kind(
        "news",
        _("News"),
        live_articles,
        article_hit,
        title_fields=("title",),
        order=("-publish_at",),
        identifier_match=cites,
        team_lookup="teams",
        keyword_lookup="keywords__slug",
        year_lookup="publish_at__year",
        language_lookup="language",
        # The index of (status, publish_at) that the news list reads.
        recent="publish_at",
        recent_index_filters={"status": Status.PUBLISHED},
    ),
    Kind(
        "teams",
        _("Teams"),
        lambda: Team.objects.filter(is_active=True).defer("search_vector", "description"),
        team_hit,
        title_fields=("acronym", "name"),
        order=("acronym",),
        team_lookup="pk",
        keyword_lookup="keywords__slug",
    ),
    Kind(
        "people",
        _("People"),
        lambda: Person.objects.select_related("affiliation").defer("search_vector", "bio"),
        person_hit,
        title_fields=("given_name", "family_name"),
        order=("family_name",),
        # A person belongs to a team through a current or past membership.
        team_lookup="pk__in",
    ),
    Kind(
        "publications",
        _("Publications"),
        lambda: Publication.objects.defer("search_vector", "abstract"),
        publication_hit,
        title_fields=("title",),
        order=(F("published_on").desc(nulls_last=True),),
        identifier_match=lambda identifier: identifier,
        team_lookup="teams",
        year_lookup="published_on__year",
    ),
    Kind(
        "events",
        _("Events"),
        lambda: Event.objects.live().defer("search_vector"),
        event_hit,
        title_fields=("title",),
        order=("-start",),
        team_lookup="teams",
        year_lookup="start__year",
        language_lookup="language",
    ),
]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
