"""What journalists are sent, written in their language when the e-mail goes out: decisions on
their application, sign-in links and embargoed releases. The sending is ``press.tasks``'s."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .accreditation import sign_in_token
from .embargo import embargo_lines
from .models import PressEmail


def absolute(url):
    return settings.NEWSROOM_SITE_URL.rstrip("/") + url


def subject_of(email):
    subjects = {
        PressEmail.Kind.APPROVED: _("Your press accreditation is approved"),
        PressEmail.Kind.REFUSED: _("Your application for press accreditation"),
        PressEmail.Kind.WITHDRAWN: _("Your press accreditation is withdrawn"),
        PressEmail.Kind.SIGN_IN: _("Your link to sign in to the press room"),
    }
    if email.kind == PressEmail.Kind.RELEASE:
        notice = embargo_lines(email.article.embargo_until)[0]
        return f"{notice}: {email.article.title}"
    return str(subjects[email.kind])


def context_of(email):
    journalist = email.journalist
    context = {"email": email, "journalist": journalist, "room_url": absolute(reverse("press:room"))}
    if email.kind == PressEmail.Kind.SIGN_IN:
        context["link"] = absolute(reverse("press:link-sign-in", args=[sign_in_token(journalist.user)]))
        context["minutes"] = settings.PRESS_SIGN_IN_LINK_MINUTES
    if email.kind == PressEmail.Kind.RELEASE:
        article = email.article
        context["article"] = article
        context["notice"] = embargo_lines(article.embargo_until, journalist.time_zone)
        context["release_url"] = absolute(reverse("press:release", args=[article.slug]))
        context["summary"] = getattr(getattr(article, "media_kit", None), "summary", "")
    return context


def compose(email):
    """(subject, body) of the e-mail, in the journalist's language."""
    with translation.override(email.journalist.language):
        subject = subject_of(email)
        body = render_to_string(f"press/emails/{email.kind}.txt", context_of(email))
    return subject[:300], body


def is_still_due(email):
    """A sign-in link or a release goes only to a journalist still accredited, and a release only under embargo."""
    if email.kind in (PressEmail.Kind.SIGN_IN, PressEmail.Kind.RELEASE) and not email.journalist.is_accredited:
        return False
    return email.kind != PressEmail.Kind.RELEASE or email.article.is_under_embargo
