from .grants import Grant
from .imports import ImportedEntry, ImportJob
from .organisations import Organisation
from .people import Person
from .publications import PeerReview, Publication, PublicationAuthor, PublicationQuerySet
from .teams import Membership, MembershipQuerySet, Team, TeamQuerySet

__all__ = [
    "Grant",
    "ImportJob",
    "ImportedEntry",
    "Membership",
    "MembershipQuerySet",
    "Organisation",
    "PeerReview",
    "Person",
    "Publication",
    "PublicationAuthor",
    "PublicationQuerySet",
    "Team",
    "TeamQuerySet",
]
