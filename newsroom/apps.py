import reversion
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        # An article's revision keeps its researchers, partners and keywords with its text. The
        # search vector is derived from the text on every save: no part of a revision.
        reversion.register(self.get_model("ArticlePerson"))
        reversion.register(self.get_model("ArticlePartner"))
        follow = ("article_people", "partnerships", "keyword_links")
        reversion.register(self.get_model("Article"), exclude=("search_vector",), follow=follow)
        reversion.register(self.get_model("EventSpeaker"))
        reversion.register(self.get_model("Event"), exclude=("search_vector",), follow=("event_speakers",))
        reversion.register(self.get_model("Page"))
