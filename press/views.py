"""Becoming and being an accredited journalist on the public site: applying, signing in with a
password or an e-mailed link, the profile and signing out. Staff log in to the admin, not here."""

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import LoginView
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import throttle
from .accreditation import accredited_journalist, user_of_token
from .forms import ApplicationForm, LinkRequestForm, ProfileForm, SignInForm
from .models import Journalist, PressEmail
from .pages import accredited_only, press_page

APPLICATIONS_PER_HOUR = 5
LINKS_PER_QUARTER = 5


@press_page
def apply(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST":
        address = throttle.client_address(request)
        if not throttle.allow("apply", address, APPLICATIONS_PER_HOUR, 3600):
            messages.error(request, _("Too many applications from this address: please try again in an hour."))
            return render(request, "press/apply.html", {"form": form}, status=429)
        if form.is_valid():
            journalist = form.save(commit=False)
            journalist.language = translation.get_language()
            journalist.applied_from = address
            journalist.save()
            return redirect("press:applied")
    return render(request, "press/apply.html", {"form": form}, status=400 if form.errors else 200)


@press_page
def applied(request):
    return render(request, "press/applied.html")


class SignInView(LoginView):
    form_class = SignInForm
    template_name = "press/sign_in.html"
    redirect_authenticated_user = False

    def get_default_redirect_url(self):
        return reverse("press:room")

    def dispatch(self, request, *args, **kwargs):
        return press_page(super().dispatch)(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(link_form=LinkRequestForm(), **kwargs)
        # LoginView's current site would hide the site settings' "site" of every public page.
        context.pop("site", None)
        context.pop("site_name", None)
        return context


@require_POST
@press_page
def request_link(request):
    """E-mail a sign-in link to an accredited journalist; the answer is the same for any address."""
    form = LinkRequestForm(request.POST)
    if not form.is_valid():
        return render(request, "press/sign_in.html", {"form": SignInForm(request), "link_form": form}, status=400)
    email = form.cleaned_data["email"].strip().lower()
    address = throttle.client_address(request)
    allowed = throttle.allow("link-address", address, LINKS_PER_QUARTER, 900) and throttle.allow(
        "link-email", email, LINKS_PER_QUARTER, 900
    )
    if not allowed:
        messages.error(request, _("Too many sign-in links asked for: please wait a quarter of an hour."))
        return render(request, "press/sign_in.html", {"form": SignInForm(request), "link_form": form}, status=429)
    journalist = Journalist.objects.accredited().filter(email=email, user__isnull=False).first()
    if journalist is not None:
        from .tasks import send_press_email

        with transaction.atomic():
            sent = PressEmail.objects.create(journalist=journalist, kind=PressEmail.Kind.SIGN_IN)
            send_press_email.enqueue(sent.pk)
    return redirect("press:link-sent")


@press_page
def link_sent(request):
    return render(request, "press/link_sent.html")


@press_page
def link_sign_in(request, token):
    """The e-mailed link asks for one click, so that a mail scanner opening it does not use it up."""
    user = user_of_token(token)
    if user is None or accredited_journalist(user) is None:
        return render(request, "press/link_invalid.html", status=400)
    if request.method == "POST":
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("press:room")
    return render(request, "press/link_sign_in.html")


@require_POST
@press_page
def sign_out(request):
    logout(request)
    return redirect("press:room")


@accredited_only
def profile(request):
    journalist = request.journalist
    profile_form = ProfileForm(request.POST if "profile" in request.POST else None, instance=journalist)
    password_form = SetPasswordForm(request.user, request.POST if "password" in request.POST else None)
    if profile_form.is_bound and profile_form.is_valid():
        profile_form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("press:profile")
    if password_form.is_bound and password_form.is_valid():
        update_session_auth_hash(request, password_form.save())
        messages.success(request, _("Your password is set: you can sign in with it from now on."))
        return redirect("press:profile")
    context = {"profile_form": profile_form, "password_form": password_form, "journalist": journalist}
    status = 400 if profile_form.errors or password_form.errors else 200
    return render(request, "press/profile.html", context, status=status)
