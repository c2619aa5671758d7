from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.views.generic import DetailView, ListView

from .models import Grant, Membership, Organisation, Person, Publication, Team


class TeamListView(ListView):
    queryset = Team.objects.select_related("institution").filter(is_active=True)


class TeamDetailView(DetailView):
    queryset = Team.objects.select_related("institution").prefetch_related(
        "keywords",
        Prefetch("memberships", queryset=Membership.objects.current_by_role(), to_attr="current_memberships"),
    )

    def get_context_data(self, **kwargs):
        team = self.object
        return super().get_context_data(
            articles=team.articles.live().for_list()[:6],
            publications=team.publications.with_authors()[:10],
            grants=team.grants.select_related("funder"),
            **kwargs,
        )


class PersonDetailView(DetailView):
    queryset = Person.objects.select_related("affiliation").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("team"))
    )

    def get_context_data(self, **kwargs):
        person = self.object
        return super().get_context_data(
            articles=person.articles.live().for_list()[:10],
            publications=Publication.objects.filter(authors__person=person).distinct().with_authors()[:20],
            **kwargs,
        )


class PublicationListView(ListView):
    queryset = Publication.objects.with_authors()
    paginate_by = 20


class ArticlesPageMixin:
    """A detail page that lists the news naming its object, a page of cards at a time.

    A much-cited paper or a funder's long-running grant gathers hundreds of articles over the
    years; the page shows them as the news list does, newest first, twelve at a time.
    """

    articles_per_page = 12

    def get_context_data(self, **kwargs):
        paginator = Paginator(self.get_articles(), self.articles_per_page)
        # get_page() turns a missing, odd or too-large ?page= into the nearest real page.
        page = paginator.get_page(self.request.GET.get("page"))
        return super().get_context_data(articles=page.object_list, page_obj=page, **kwargs)


class PublicationDetailView(ArticlesPageMixin, DetailView):
    queryset = Publication.objects.with_authors().prefetch_related(
        Prefetch("teams", queryset=Team.objects.select_related("institution"))
    )

    def get_articles(self):
        return self.object.articles.live().for_list()


def articles_naming(organisation):
    """Live articles that name the organisation as a partner or thank it for one of its grants."""
    # The article model is reached through the related name: research does not import the news app.
    live = organisation.articles.model.objects.live()
    naming = live.filter(Q(partners=organisation) | Q(grants__funder=organisation)).values("pk")
    return live.filter(pk__in=naming).for_list()


class OrganisationDetailView(ArticlesPageMixin, DetailView):
    model = Organisation

    def get_articles(self):
        return articles_naming(self.object)

    def get_context_data(self, **kwargs):
        organisation = self.object
        return super().get_context_data(
            grants=organisation.grants.all(),
            teams=organisation.teams.filter(is_active=True),
            **kwargs,
        )


class GrantDetailView(ArticlesPageMixin, DetailView):
    queryset = Grant.objects.select_related("funder", "principal_investigator").prefetch_related(
        Prefetch("teams", queryset=Team.objects.select_related("institution"))
    )

    def get_articles(self):
        return self.object.articles.live().for_list()
