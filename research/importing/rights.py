"""Who imports, and so what an import may create, change, and file under which teams.

Every write of an import asks these rights first: a publication found by its DOI or PubMed ID
that the user may not edit (another team's) is left exactly as it is, and no team is attached
to it; the summary says why.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..access import works_on_all_teams
from ..models import Team


class ImportRights:
    """The rights of ``user``, who files what they import under ``teams``.

    ``user=None`` stands for the site's own maintenance commands (``refresh_publications``),
    which may complete any publication and file nothing under a team.
    """

    def __init__(self, user=None, teams=()):
        self.user = user
        self.teams = list(teams)
        self.all_teams = user is None or works_on_all_teams(user)
        own_teams = Team.objects.none() if self.all_teams else Team.objects.editable_by(user)
        self.own_team_ids = set(own_teams.values_list("pk", flat=True))
        if not self.all_teams and any(team.pk not in self.own_team_ids for team in self.teams):
            raise PermissionDenied(_("Publications can only be filed under teams you work on."))

    @classmethod
    def of_the_site(cls):
        return cls(user=None)

    def _has(self, action):
        return self.user is None or self.user.has_perm(f"research.{action}_publication")

    @property
    def may_add(self):
        return self._has("add")

    def may_change(self, publication):
        if not self._has("change"):
            return False
        return self.all_teams or not self.own_team_ids.isdisjoint(publication.teams.values_list("pk", flat=True))

    def refusal(self, publication):
        """Why a publication that is already here was left as it is."""
        if not self._has("change"):
            return gettext("already in the newsroom as “%s”, and you may not change publications") % publication
        teams = ", ".join(team.acronym for team in publication.teams.all())
        owner = gettext("another team (%s)") % teams if teams else gettext("no team of yours")
        return gettext(
            "already in the newsroom as “%(item)s”, which belongs to %(owner)s: "
            "nothing was changed. Ask the communications office to add your team to it"
        ) % {"item": publication, "owner": owner}
