import reversion
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = _("Research")

    def ready(self):
        # Revisions of team pages follow their memberships and keywords, so a restore brings the
        # member list and the keywords back too.
        Membership, Team = self.get_model("Membership"), self.get_model("Team")
        reversion.register(Membership)
        reversion.register(Team, follow=("memberships", "keyword_links"))
