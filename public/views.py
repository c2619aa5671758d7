"""The public site: thin views over the live news, events and pages, and the research data they link to.

News pages read ``Article.objects.live()``; the research pages (teams, people, publications,
partners, grants) list the live news that names them.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Window
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from newsroom.models import Article, Event, Page
from research.models import Grant, Membership, Organisation, Person, Publication, Team

from . import search
from .forms import ArticleFilterForm, PublicationFilterForm, SearchForm


class HomeView(ListView):
    template_name = "newsroom/home.html"
    context_object_name = "latest"

    def get_queryset(self):
        self.featured = list(Article.objects.live().filter(is_featured=True).for_list()[:3])
        return Article.objects.live().for_list().exclude(pk__in=[a.pk for a in self.featured])[:9]

    def get_context_data(self, **kwargs):
        events = Event.objects.upcoming().for_list()[:3]
        return super().get_context_data(featured=self.featured, upcoming_events=events, **kwargs)


class ArticleListView(ListView):
    paginate_by = 10

    def get(self, request, *args, **kwargs):
        # A keyword alone is the keyword's own page; with other filters it narrows this list.
        self.filter_form = ArticleFilterForm(request.GET)
        if set(request.GET) == {"keyword"} and self.filter_form.is_valid() and self.filter_form.cleaned_data["keyword"]:
            return redirect("newsroom:keyword-detail", slug=self.filter_form.cleaned_data["keyword"], permanent=True)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.filter_form.filter(Article.objects.live().for_list())

    def get_context_data(self, **kwargs):
        kind = self.filter_form.cleaned_data.get("kind")
        feed = {"kind": kind, "kind_label": Article.Kind(kind).label} if kind else {}
        return super().get_context_data(filter_form=self.filter_form, **feed, **kwargs)


class ArticleDetailView(DetailView):
    def get_queryset(self):
        return Article.objects.live().for_detail()

    def get_context_data(self, **kwargs):
        return super().get_context_data(translations=list(self.object.translations()), **kwargs)


class SearchView(TemplateView):
    """Results grouped by kind, a few of each; with a kind chosen, all of that kind, page by page."""

    template_name = "newsroom/search.html"
    per_group = 5
    paginate_by = 10

    def get_context_data(self, **kwargs):
        with search.planned():
            return super().get_context_data(**self.results(), **kwargs)

    def results(self):
        form = SearchForm(self.request.GET)
        found = form.results()
        query = form.cleaned_data.get("q", "")
        page_obj = None
        groups = []
        for key, results in found.items():
            kind = search.KINDS_BY_KEY[key]
            if form.cleaned_data.get("type"):
                page_obj = Paginator(results, self.paginate_by).get_page(self.request.GET.get("page"))
                objects, total = page_obj.object_list, page_obj.paginator.count
            else:
                # The count of all matches beside each shown row: one query for the group.
                objects = list(results.annotate(matches_in_kind=Window(Count("pk")))[: self.per_group])
                total = objects[0].matches_in_kind if objects else 0
            total, more = search.counted(total)
            groups.append({"kind": kind, "total": total, "more": more, "hits": search.hits(kind, objects, query)})
        found_any = any(group["total"] for group in groups)
        return {
            "form": form,
            "query": query,
            "groups": groups,
            "found_any": found_any,
            "suggestion": search.did_you_mean(query) if query and not found_any else None,
            "page_obj": page_obj,
        }


class TeamListView(ListView):
    queryset = Team.objects.active().defer("search_vector").select_related("institution")


class TeamDetailView(DetailView):
    queryset = (
        Team.objects.defer("search_vector")
        .select_related("institution")
        .prefetch_related(
            "keywords",
            Prefetch("memberships", queryset=Membership.objects.current_by_role(), to_attr="current_memberships"),
        )
    )

    def get_context_data(self, **kwargs):
        team = self.object
        return super().get_context_data(
            articles=team.articles.live().for_list()[:6],
            publications=team.publications.with_authors()[:10],
            grants=team.grants.select_related("funder"),
            upcoming_events=team.events.upcoming().for_list()[:3],
            **kwargs,
        )


class PersonDetailView(DetailView):
    queryset = (
        Person.objects.defer("search_vector")
        .select_related("affiliation")
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("team").defer("team__search_vector"))
        )
    )

    def get_context_data(self, **kwargs):
        person = self.object
        return super().get_context_data(
            articles=person.articles.live().for_list()[:10],
            publications=Publication.objects.filter(authors__person=person).distinct().with_authors()[:20],
            **kwargs,
        )


class PublicationListView(ListView):
    paginate_by = 20

    def get_queryset(self):
        self.filter_form = PublicationFilterForm(self.request.GET)
        return self.filter_form.filter(Publication.objects.with_authors())

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


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


class KeywordDetailView(ArticlesPageMixin, DetailView):
    """A keyword's page: its live news, page by page, the active teams it describes and the publications
    its news discuss. A keyword that only drafts or retired teams use has no page."""

    template_name = "newsroom/keyword_detail.html"
    context_object_name = "keyword"
    publications_shown = 10

    def get_object(self, queryset=None):
        tag = Tag.objects.filter(slug=self.kwargs["slug"]).first()
        if tag is None or not (self.get_articles(tag).exists() or self.get_teams(tag).exists()):
            raise Http404("No live news or active team uses this keyword.")
        return tag

    def get_articles(self, tag=None):
        return Article.objects.live().filter(keywords=tag or self.object).for_list()

    def get_teams(self, tag):
        return Team.objects.active().filter(keywords=tag).select_related("institution")

    def get_context_data(self, **kwargs):
        live = Article.objects.live().filter(keywords=self.object)
        publications = Publication.objects.filter(pk__in=live.values("publications")).with_authors()
        return super().get_context_data(
            teams=self.get_teams(self.object),
            publications=publications[: self.publications_shown],
            **kwargs,
        )


class PublicationDetailView(ArticlesPageMixin, DetailView):
    queryset = Publication.objects.with_authors().prefetch_related(
        Prefetch("teams", queryset=Team.objects.select_related("institution"))
    )

    def get_articles(self):
        return self.object.articles.live().for_list()


def articles_naming(organisation):
    """Live articles that name the organisation as a partner or thank it for one of its grants."""
    live = Article.objects.live()
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
            teams=organisation.teams.active(),
            **kwargs,
        )


class GrantDetailView(ArticlesPageMixin, DetailView):
    queryset = Grant.objects.select_related("funder", "principal_investigator").prefetch_related(
        Prefetch("teams", queryset=Team.objects.select_related("institution"))
    )

    def get_articles(self):
        return self.object.articles.live().for_list()


class PageDetailView(DetailView):
    def get_queryset(self):
        return Page.objects.live()

    def get_context_data(self, **kwargs):
        return super().get_context_data(translations=list(self.object.translations()), **kwargs)
