"""The HTTP side of the metadata services, and the errors an editor sees when a look-up fails.

Every request goes through a client made by ``make_client``: a short timeout, and a
User-Agent that names the software and a contact address, as Crossref and NCBI ask.
Tests hand in an ``httpx.MockTransport`` that serves recorded responses.
"""

from contextlib import contextmanager

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 10
DEFAULT_CONTACT = "webmaster@localhost"


class LookupFailed(Exception):
    """A publication could not be looked up; the message is meant for the editor."""


class MalformedIdentifier(LookupFailed):
    pass


class NotFound(LookupFailed):
    pass


class SourceUnavailable(LookupFailed):
    """The service could not be reached, did not answer in time, or is busy."""


class BadResponse(LookupFailed):
    """The service answered with something that is not the metadata it should send."""


def contact_email():
    return getattr(settings, "NEWSROOM_CONTACT_EMAIL", "") or DEFAULT_CONTACT


def user_agent():
    return f"Newsroom/0.1 (publication import for a research institute; mailto:{contact_email()})"


def make_client(transport=None):
    return httpx.Client(
        transport=transport,
        timeout=TIMEOUT_SECONDS,
        headers={"User-Agent": user_agent()},
        follow_redirects=True,
    )


def get(client, url, *, source, what, params=None):
    """The response to a GET, or a ``LookupFailed`` that says what went wrong in the editor's words.

    ``source`` names the service ("Crossref") and ``what`` the thing asked for ("DOI 10.1/x").
    """
    try:
        response = client.get(url, params=params)
    except httpx.TimeoutException as error:
        raise SourceUnavailable(
            _("%(source)s did not answer within %(seconds)s seconds. Try again in a few minutes.")
            % {"source": source, "seconds": TIMEOUT_SECONDS}
        ) from error
    except httpx.HTTPError as error:
        raise SourceUnavailable(
            _(
                "%(source)s could not be reached (%(error)s). "
                "Check the server's internet connection, or try again later."
            )
            % {"source": source, "error": error.__class__.__name__}
        ) from error
    check_status(response, source=source, what=what)
    return response


def check_status(response, *, source, what):
    status = response.status_code
    if status == 404:
        raise NotFound(
            _("%(source)s does not know %(what)s. Check the identifier for typing mistakes.")
            % {"source": source, "what": what}
        )
    if status == 429 or status >= 500:
        raise SourceUnavailable(
            _("%(source)s is busy or down (HTTP %(status)s). Try again in a few minutes.")
            % {"source": source, "status": status}
        )
    if status != 200:
        raise BadResponse(
            _("%(source)s refused the request for %(what)s (HTTP %(status)s).")
            % {"source": source, "what": what, "status": status}
        )


@contextmanager
def client_for(client):
    """The client given, or a new one that is closed after use."""
    if client is not None:
        yield client
        return
    with make_client() as new_client:
        yield new_client
