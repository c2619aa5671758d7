"""Deciding on applications: each decision is one function that checks, applies and queues the
applicant's e-mail in one transaction; the admin's actions only call them.

An approved journalist gets a login of their own on the public site, never a staff one; it is
only good while the accreditation is (``Journalist.is_accredited``).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.utils import timezone

from .models import Journalist, PressEmail

SIGN_IN_SALT = "press.sign-in-link"


class DecisionError(Exception):
    pass


def default_end():
    return timezone.localdate() + timedelta(days=settings.PRESS_ACCREDITATION_DAYS)


def account_name(email):
    """The user name of a journalist's login: apart from staff user names, whatever they are."""
    return f"press:{email.strip().lower()}"[:150]


def login_for(journalist):
    users = get_user_model().objects
    user = journalist.user or users.filter(username=account_name(journalist.email)).first()
    if user is None:
        user = users.create_user(account_name(journalist.email), email=journalist.email)
    user.email, user.first_name, user.is_active, user.is_staff, user.is_superuser = (
        journalist.email,
        journalist.name[:150],
        True,
        False,
        False,
    )
    user.save()
    return user


def decide(journalist, editor, status, kind, **changes):
    from .tasks import deliver_releases_to, send_press_email

    with transaction.atomic():
        Journalist.objects.filter(pk=journalist.pk).select_for_update().first()
        for name, value in {"status": status, "decided_at": timezone.now(), "decided_by": editor, **changes}.items():
            setattr(journalist, name, value)
        journalist.save()
        email = PressEmail.objects.create(journalist=journalist, kind=kind)
        send_press_email.enqueue(email.pk)
        if status == Journalist.Status.APPROVED:
            deliver_releases_to.enqueue(journalist.pk)
    return journalist


def approve(journalist, editor, until=None):
    until = until or (
        journalist.accredited_until
        if journalist.accredited_until and journalist.accredited_until >= timezone.localdate()
        else default_end()
    )
    if journalist.is_accredited:
        raise DecisionError(f"{journalist} is already accredited.")
    user = login_for(journalist)
    return decide(
        journalist, editor, Journalist.Status.APPROVED, PressEmail.Kind.APPROVED, accredited_until=until, user=user
    )


def refuse(journalist, editor):
    if journalist.status != Journalist.Status.PENDING:
        raise DecisionError(f"{journalist} is not awaiting a decision.")
    return decide(journalist, editor, Journalist.Status.REFUSED, PressEmail.Kind.REFUSED)


def withdraw(journalist, editor):
    if journalist.status != Journalist.Status.APPROVED:
        raise DecisionError(f"{journalist} is not accredited.")
    return decide(journalist, editor, Journalist.Status.WITHDRAWN, PressEmail.Kind.WITHDRAWN)


def accredited_journalist(user):
    """The journalist signed in as ``user`` while their accreditation is current, else None."""
    if not user.is_authenticated or user.is_staff:
        return None
    journalist = Journalist.objects.filter(user=user).first()
    return journalist if journalist is not None and journalist.is_accredited else None


# The e-mailed sign-in link: signed, expiring, and good once (signing in changes last_login).


def sign_in_token(user):
    last = user.last_login.isoformat() if user.last_login else ""
    return signing.dumps({"user": user.pk, "last": last}, salt=SIGN_IN_SALT)


def user_of_token(token):
    """The user a sign-in link is for, if it is genuine, recent and unused; else None."""
    try:
        data = signing.loads(token, salt=SIGN_IN_SALT, max_age=settings.PRESS_SIGN_IN_LINK_MINUTES * 60)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    user = get_user_model().objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None or (user.last_login.isoformat() if user.last_login else "") != data.get("last"):
        return None
    return user
