from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from . import views

news_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/", views.ArticleListView.as_view(), name="article-list"),
    path("news/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
]

urlpatterns = [
    path("", include((news_patterns, "newsroom"))),
    path("", include("research.urls")),
    path("admin/", admin.site.urls),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
