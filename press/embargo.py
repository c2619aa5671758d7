"""The embargo notice, written once for the page, its print, the downloads and the e-mails:
"EMBARGOED until 2 December 2026, 09:00 CET", in the active language and the institute's time
zone, with the same moment in the journalist's own time zone when it differs."""

import zoneinfo

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def moment_format():
    # Translators: a date format (Django's "date" filter): "2 December 2026, 09:00 CET". Russian needs
    # "E", the month's name as it follows a day ("2 декабря"); French "F" ("2 décembre").
    return pgettext("embargo time", "j F Y, H:i T")


def moment_in(moment, zone_name):
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return date_format(moment.astimezone(zone), moment_format())


def institute_time(moment):
    return moment_in(moment, settings.TIME_ZONE)


def reader_time(moment, zone_name):
    """The moment in the reader's time zone, or "" when it reads the same as the institute's."""
    if not zone_name or zone_name == settings.TIME_ZONE:
        return ""
    local = moment_in(moment, zone_name)
    return "" if local == institute_time(moment) else local


def embargo_lines(moment, zone_name=""):
    """The notice as one or two lines of plain text."""
    lines = [_("EMBARGOED until %(moment)s") % {"moment": institute_time(moment)}]
    if local := reader_time(moment, zone_name):
        lines.append(_("That is %(moment)s in your time zone (%(zone)s).") % {"moment": local, "zone": zone_name})
    return lines
