"""The expert finder's contact form: a journalist asks the press office for an interview with an
expert. The request is kept (``MediaRequest``), put in the editors' inbox and e-mailed to the press
office's address (site settings), by background tasks; the researcher's own address and phone are
never shown nor used. The form stands up to spam without a third-party service (``core.spam``) and
one visitor or one address may send only a few requests a day.
"""

from django import forms
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.spam import SpamGuardForm, client_address, throttled
from research.models import Person

from .models import MediaRequest

# Requests one visitor (by network address), and one e-mail address, may send a day.
REQUESTS_PER_VISITOR = 5
REQUESTS_PER_ADDRESS = 3
DAY = 24 * 60 * 60


class MediaRequestForm(SpamGuardForm, forms.ModelForm):
    class Meta:
        model = MediaRequest
        fields = ["name", "outlet", "email", "phone", "deadline", "message"]
        labels = {
            "name": gettext_lazy("Your name"),
            "outlet": gettext_lazy("Media outlet"),
            "email": gettext_lazy("Your e-mail address"),
            "phone": gettext_lazy("Your phone (optional)"),
            "deadline": gettext_lazy("Your deadline (optional)"),
            "message": gettext_lazy("What would you like to ask?"),
        }
        help_texts = {"deadline": gettext_lazy("e.g. “Thursday noon”, for a piece on Friday.")}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "outlet": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
        }

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) > 5000:
            raise forms.ValidationError(_("Please keep your request under 5,000 characters."))
        return message


def throttled_request(request, email):
    """Counts this request; True when the visitor or the address has sent too many today."""
    by_visitor = throttled("media-request", client_address(request), REQUESTS_PER_VISITOR, DAY)
    by_address = throttled("media-request-address", email.lower(), REQUESTS_PER_ADDRESS, DAY)
    return by_visitor or by_address


def receive(media_request):
    """Queue the inbox entries of the editors and the e-mail to the press office, with the row."""
    from .tasks import announce_media_request_task, forward_media_request

    announce_media_request_task.enqueue(media_request.pk)
    forward_media_request.enqueue(media_request.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def contact(request, slug):
    expert = get_object_or_404(Person.objects.experts().select_related("affiliation"), slug=slug)
    form = MediaRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif throttled_request(request, form.cleaned_data["email"]):
            form.add_error(
                None, _("You have sent several requests today. Please try again tomorrow, or call the press office.")
            )
            status = 429
        else:
            with transaction.atomic():
                media_request = form.save(commit=False)
                media_request.expert, media_request.expert_name = expert, expert.name_with_honorific
                media_request.language = translation.get_language()
                media_request.save()
                receive(media_request)
            return redirect("expert-contact-sent", slug=expert.slug)
    return render(request, "desk/media_request_form.html", {"expert": expert, "form": form}, status=status)


def sent(request, slug):
    expert = get_object_or_404(Person.objects.experts(), slug=slug)
    return render(request, "desk/media_request_sent.html", {"expert": expert})
