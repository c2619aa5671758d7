"""The press room's forms: the application, signing in (password or e-mailed link) and the profile.

The application resists spam without outside services: a field people never see (bots fill it),
a signed time the form was shown (too quick is a script, too old is a stale page), and a limit per
address (``press.throttle``).
"""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .accreditation import account_name, accredited_journalist
from .models import Journalist

STARTED_SALT = "press.application-started"
OLDEST_FORM_SECONDS = 24 * 60 * 60


class ApplicationForm(forms.ModelForm):
    # Hidden from people by the stylesheet; a bot that fills every field gives itself away.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Journalist
        fields = ("name", "outlet", "email", "work_url", "time_zone")
        widgets = {"time_zone": forms.Select(attrs={"data-browser-time-zone": ""})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = signing.dumps("application", salt=STARTED_SALT)
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["name"].widget.attrs.update(autocomplete="name")
        self.fields["outlet"].widget.attrs.update(autocomplete="organization")
        self.fields["time_zone"].help_text = _("Embargo times are shown in this time zone too.")

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave this field empty."), code="trap")
        return ""

    def clean_started(self):
        started = self.cleaned_data["started"]
        try:
            signing.loads(started, salt=STARTED_SALT, max_age=OLDEST_FORM_SECONDS)
        except signing.SignatureExpired as error:
            raise forms.ValidationError(
                _("This form was open too long: please send it again."), code="stale"
            ) from error
        except signing.BadSignature as error:
            raise forms.ValidationError(_("This form was not sent from this site."), code="forged") from error
        try:
            signing.loads(started, salt=STARTED_SALT, max_age=settings.PRESS_FORM_MIN_SECONDS)
        except signing.SignatureExpired:
            return started
        if settings.PRESS_FORM_MIN_SECONDS > 0:
            raise forms.ValidationError(
                _("This form was sent too quickly: please check it and send it again."), code="too-quick"
            )
        return started

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if Journalist.objects.filter(email=email).exists():
            raise forms.ValidationError(
                _("An application with this e-mail address exists already; the press office will answer it."),
                code="unique",
            )
        return email


class SignInForm(AuthenticationForm):
    """A journalist's password sign-in: by e-mail address, throttled by django-axes as the admin's is."""

    username = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    error_messages = {
        "invalid_login": _("This e-mail address and password do not match an accredited journalist."),
        "inactive": _("This account is inactive."),
        "not_accredited": _("Your accreditation is not current: ask the press office."),
    }

    def clean(self):
        if self.cleaned_data.get("username"):
            self.cleaned_data["username"] = account_name(self.cleaned_data["username"])
        return super().clean()

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if accredited_journalist(user) is None:
            raise forms.ValidationError(self.error_messages["not_accredited"], code="not_accredited")


class LinkRequestForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Journalist
        fields = ("language", "time_zone")
        help_texts = {
            "language": _("The language of the e-mails you receive."),
            "time_zone": _("Embargo times are shown in this time zone too."),
        }
