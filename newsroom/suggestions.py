"""Research links an article's text suggests, and the one write that makes such a link.

``research.mentions`` finds the identifiers; this module knows which of them the article
does not link yet, and links one: to the publication or grant already known, or to one
created for it (a publication from its metadata, a grant under its funder).
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from research.importing import ImportRights, import_identifier
from research.mentions import AWARD, DOI, PMID, find_mentions, text_of_html
from research.models import Grant, Organisation, Publication, Team
from research.sources.http import make_client


@dataclass
class Suggestion:
    kind: str
    value: str
    funder: Organisation | None = None
    existing: Publication | Grant | None = None

    @property
    def label(self):
        if self.kind == AWARD:
            return _("grant No. %(number)s from %(funder)s") % {"number": self.value, "funder": self.funder}
        return f"{'DOI' if self.kind == DOI else _('PubMed ID')} {self.value}"

    @property
    def action(self):
        if self.existing is not None:
            return _("Link “%s”") % self.existing
        if self.kind == AWARD:
            return _("Add this grant and link it")
        return _("Fetch from %s and link it") % ("Crossref" if self.kind == DOI else "PubMed")


def known_funders():
    """Organisations that fund: those with grants on file, and funding agencies and foundations."""
    funding_kinds = (Organisation.Kind.FUNDING_AGENCY, Organisation.Kind.FOUNDATION)
    return Organisation.objects.filter(Q(kind__in=funding_kinds) | Q(grants__isnull=False)).distinct()


def article_text(article):
    return "\n".join([article.title, article.standfirst, text_of_html(article.body)])


def suggestions_for(article):
    """What the article's text mentions and the article does not link yet."""
    suggestions = []
    for mention in find_mentions(article_text(article), known_funders()):
        existing = find_existing(mention.kind, mention.value, mention.funder)
        if existing is None or not is_linked(article, existing):
            suggestions.append(Suggestion(mention.kind, mention.value, mention.funder, existing))
    return suggestions


def find_existing(kind, value, funder=None):
    if kind == AWARD:
        return Grant.objects.filter(funder=funder, award_number=value).first()
    return Publication.objects.filter(**{kind: value}).first()


def is_linked(article, target):
    links = article.grants if isinstance(target, Grant) else article.publications
    return links.filter(pk=target.pk).exists()


class CannotLink(Exception):
    """The suggestion could not be followed; the message is meant for the editor."""


def link_suggestion(article, kind, value, user, funder=None, transport=None):
    """Link the publication or grant a suggestion names, creating it first when it is not known yet.

    A publication looked up for the first time joins the article's teams that ``user`` works on.
    Returns ``(target, created)``. Raises ``CannotLink`` (or ``LookupFailed`` from the metadata
    services) with a message for the editor.
    """
    if kind not in (DOI, PMID, AWARD) or not value or (kind == AWARD and funder is None):
        raise CannotLink(_("This suggestion is incomplete; reload the page and try again."))
    existing = find_existing(kind, value, funder)
    if kind == AWARD:
        grant, created = Grant.objects.get_or_create(funder=funder, award_number=value)
        article.grants.add(grant)
        return grant, created
    if existing is not None:
        article.publications.add(existing)
        return existing, False
    with make_client(transport) as client:
        teams = article.teams.filter(pk__in=Team.objects.editable_by(user).values("pk"))
        outcome = import_identifier(value, client, rights=ImportRights(user, teams))
    if outcome.publication is None:
        raise CannotLink(_("Nothing was linked: %s.") % outcome.reason)
    article.publications.add(outcome.publication)
    return outcome.publication, True
