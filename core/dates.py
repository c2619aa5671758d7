"""Times as every admin screen and message gives them: the active language's DATETIME_FORMAT
(config/formats), in the institute's time zone."""

from django.utils import timezone
from django.utils.formats import date_format


def when_text(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
