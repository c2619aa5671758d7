"""The low-vision version of the site: a reader's display choices, kept in one cookie.

The choice is a plain cookie rather than session data so that it outlives the session, costs
no database row per visitor, and works without JavaScript: every page posts to one small view
that sets the cookie and sends the reader back where they were.
"""

from dataclasses import dataclass, fields, replace

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

COOKIE_NAME = "low_vision"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
SEPARATOR = "."

# Each choice: the values a reader may pick, the first being the default, with their labels.
TEXT_SIZES = {"large": _("Large text"), "larger": _("Larger text"), "largest": _("Largest text")}
SCHEMES = {
    "black-on-white": _("Black on white"),
    "white-on-black": _("White on black"),
    "blue-on-light-blue": _("Dark blue on light blue"),
}
IMAGES = {"shown": _("Show images"), "greyscale": _("Greyscale images"), "hidden": _("Hide images")}
# The widest steps reach the text spacing of WCAG 1.4.12: letters 0.12 em, words 0.16 em, lines 1.5 and more.
SPACINGS = {
    "normal": _("Normal letter spacing"),
    "medium": _("Medium letter spacing"),
    "wide": _("Wide letter spacing"),
}
LINE_HEIGHTS = {
    "normal": _("Normal line spacing"),
    "medium": _("Medium line spacing"),
    "wide": _("Wide line spacing"),
}
FONTS = {"sans-serif": _("Sans-serif font"), "serif": _("Serif font")}
# Cookies set before line spacing and font were choices of their own: their one spacing choice set both.
OLD_COOKIE_PARTS = 4


@dataclass(frozen=True)
class LowVision:
    text_size: str = "large"
    scheme: str = "black-on-white"
    images: str = "shown"
    spacing: str = "normal"
    line_height: str = "normal"
    font: str = "sans-serif"

    CHOICES = {
        "text_size": TEXT_SIZES,
        "scheme": SCHEMES,
        "images": IMAGES,
        "spacing": SPACINGS,
        "line_height": LINE_HEIGHTS,
        "font": FONTS,
    }

    @classmethod
    def from_cookie(cls, value):
        """The choices in the cookie, or None (the normal version) when it is missing or not ours."""
        parts = (value or "").split(SEPARATOR)
        if len(parts) == OLD_COOKIE_PARTS:
            parts += [parts[-1], cls.font]
        names = [field.name for field in fields(cls)]
        if len(parts) != len(names):
            return None
        choices = dict(zip(names, parts, strict=True))
        if not all(choices[name] in cls.CHOICES[name] for name in names):
            return None
        return cls(**choices)

    def to_cookie(self):
        return SEPARATOR.join(getattr(self, field.name) for field in fields(self))

    def updated(self, data):
        """A copy with the known choices found in data; unknown names and values are ignored."""
        known = {name: data[name] for name, allowed in self.CHOICES.items() if data.get(name) in allowed}
        return replace(self, **known)

    def options(self, name):
        """[(value, label, is_current)] for one choice, as the switcher shows them."""
        current = getattr(self, name)
        return [(value, label, value == current) for value, label in self.CHOICES[name].items()]

    def text_size_options(self):
        return self.options("text_size")

    def scheme_options(self):
        return self.options("scheme")

    def image_options(self):
        return self.options("images")

    def spacing_options(self):
        return self.options("spacing")

    def line_height_options(self):
        return self.options("line_height")

    def font_options(self):
        return self.options("font")

    @property
    def hides_images(self):
        return self.images == "hidden"


def context_processor(request):
    if getattr(request, "low_vision_preview", False):
        return {"low_vision": LowVision()}  # the admin's live preview of the low-vision version
    return {"low_vision": LowVision.from_cookie(request.COOKIES.get(COOKIE_NAME))}


def safe_next_url(request):
    """The page to go back to: the posted `next` when it is on this site, otherwise the home page."""
    next_url = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if allowed else reverse("newsroom:home")


# Like the language switch, it only sets a preference: no CSRF token, so pages set no CSRF cookie.
@csrf_exempt
@require_POST
def switch(request):
    """Turn the low-vision version on, change one of its choices, or go back to the normal version."""
    response = HttpResponseRedirect(safe_next_url(request))
    if request.POST.get("version") == "normal":
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
        return response
    current = LowVision.from_cookie(request.COOKIES.get(COOKIE_NAME)) or LowVision()
    response.set_cookie(
        COOKIE_NAME,
        current.updated(request.POST).to_cookie(),
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response
