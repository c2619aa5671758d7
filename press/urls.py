"""The press room's addresses, under /press/."""

from django.urls import path

from . import releases, views

app_name = "press"

urlpatterns = [
    path("", releases.room, name="room"),
    path("apply/", views.apply, name="apply"),
    path("apply/thanks/", views.applied, name="applied"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-in/link/", views.request_link, name="request-link"),
    path("sign-in/link/sent/", views.link_sent, name="link-sent"),
    path("sign-in/link/<str:token>/", views.link_sign_in, name="link-sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("profile/", views.profile, name="profile"),
    path("releases/<slug:slug>/", releases.release, name="release"),
    path("releases/<slug:slug>/media-kit.zip", releases.kit_download, name="kit"),
    path("releases/<slug:slug>/release.txt", releases.text_download, name="text"),
    path("releases/<slug:slug>/pictures/<int:pk>/", releases.picture_download, name="picture"),
]
