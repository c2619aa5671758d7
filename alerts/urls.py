from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("sent/", views.sent, name="sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    # The secret is URL-safe base64 (secrets.token_urlsafe): letters, digits, - and _.
    path("unsubscribe/<slug:token>/", views.unsubscribe, name="unsubscribe"),
]
