from django.views.generic import DetailView, ListView

from .forms import ArticleFilterForm
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
