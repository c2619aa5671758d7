from django.core.paginator import Paginator
from django.views.generic import DetailView, ListView, TemplateView

from . import search
from .forms import ArticleFilterForm, SearchForm
from .models import Article


class HomeView(ListView):
    template_name = "newsroom/home.html"
    context_object_name = "latest"

    def get_queryset(self):
        self.featured = list(Article.objects.live().filter(is_featured=True).for_list()[:3])
        return Article.objects.live().for_list().exclude(pk__in=[a.pk for a in self.featured])[:9]

    def get_context_data(self, **kwargs):
        return super().get_context_data(featured=self.featured, **kwargs)


class ArticleListView(ListView):
    paginate_by = 10

    def get_queryset(self):
        self.filter_form = ArticleFilterForm(self.request.GET)
        return self.filter_form.filter(Article.objects.live().for_list())

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


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
        form = SearchForm(self.request.GET)
        found = form.results()
        query = form.cleaned_data.get("q", "")
        terms = search.query_terms(query)
        page_obj = None
        groups = []
        for key, results in found.items():
            kind = search.KINDS_BY_KEY[key]
            if form.cleaned_data.get("type"):
                page_obj = Paginator(results, self.paginate_by).get_page(self.request.GET.get("page"))
                objects, total = page_obj.object_list, page_obj.paginator.count
            else:
                objects, total = results[: self.per_group], results.count()
            groups.append({"kind": kind, "total": total, "hits": [kind.hit(item, terms) for item in objects]})
        return super().get_context_data(
            form=form,
            query=query,
            groups=groups,
            found_any=any(group["total"] for group in groups),
            page_obj=page_obj,
            **kwargs,
        )
