from django.urls import path

from . import views

app_name = "research"

urlpatterns = [
    path("teams/", views.TeamListView.as_view(), name="team-list"),
    path("teams/<slug:slug>/", views.TeamDetailView.as_view(), name="team-detail"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("publications/", views.PublicationListView.as_view(), name="publication-list"),
    path("publications/<int:pk>/", views.PublicationDetailView.as_view(), name="publication-detail"),
    path("partners/<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
    path("grants/<int:pk>/", views.GrantDetailView.as_view(), name="grant-detail"),
]
