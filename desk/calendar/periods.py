"""The month or week a calendar page shows, read from its query string; bad values mean this month."""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
# Far enough for any plan; the neighbours of year 1 or 9999 could not be computed.
YEARS = range(1900, 3000)


def local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass
class Period:
    kind: str  # "month" or "week"
    first: date
    last: date  # included

    @property
    def start(self):
        return local_midnight(self.first)

    @property
    def end(self):
        return local_midnight(self.last + timedelta(days=1))

    @property
    def value(self):
        if self.kind == "week":
            year, week, _day = self.first.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.first:%Y-%m}"

    @property
    def query(self):
        return f"{self.kind}={self.value}"

    def as_month(self):
        return month_of(self.first)

    def as_week(self):
        """The week of this period that holds today, or its first week."""
        today = timezone.localdate()
        return week_of(today if self.first <= today <= self.last else self.first)

    @property
    def title(self):
        if self.kind == "week":
            year, week, _day = self.first.isocalendar()
            return _("Week %(week)s of %(year)s") % {"week": week, "year": year}
        return date_format(self.first, "YEAR_MONTH_FORMAT")

    def previous(self):
        if self.kind == "week":
            return week_of(self.first - timedelta(days=7))
        return month_of((self.first - timedelta(days=1)).replace(day=1))

    def next(self):
        if self.kind == "week":
            return week_of(self.first + timedelta(days=7))
        return month_of(self.last + timedelta(days=1))

    def weeks(self):
        """Lists of seven days, Monday first, covering the period."""
        if self.kind == "week":
            return [[self.first + timedelta(days=offset) for offset in range(7)]]
        return calendar.Calendar(calendar.MONDAY).monthdatescalendar(self.first.year, self.first.month)


def month_of(day):
    first = day.replace(day=1)
    return Period("month", first, first.replace(day=calendar.monthrange(first.year, first.month)[1]))


def week_of(day):
    monday = day - timedelta(days=day.weekday())
    return Period("week", monday, monday + timedelta(days=6))


def period_from_query(params):
    """``?week=2026-W49`` or ``?month=2026-12``; anything else is the current month."""
    today = timezone.localdate()
    try:
        if (match := WEEK.match(params.get("week", ""))) and int(match[1]) in YEARS:
            return week_of(date.fromisocalendar(int(match[1]), int(match[2]), 1))
        if (match := MONTH.match(params.get("month", ""))) and int(match[1]) in YEARS:
            return month_of(date(int(match[1]), int(match[2]), 1))
    except ValueError:
        pass
    return month_of(today)
