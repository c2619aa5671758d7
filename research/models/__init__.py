from .grants import Grant
from .imports import ImportedEntry, ImportJob
from .organisations import Organisation
from .people import Person
from .publications import Publication, PublicationAuthor, PublicationQuerySet
from .teams import Membership, MembershipQuerySet, Team, TeamQuerySet

__all__ = [
    "Grant",
    "ImportJob",
    "ImportedEntry",
    "Membership",
    "MembershipQuerySet",
    "Organisation",
    "Person",
    "Publication",
    "PublicationAuthor",
    "PublicationQuerySet",
    "Team",
    "TeamQuerySet",
]
