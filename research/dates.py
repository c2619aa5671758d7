"""Dates known to a year, a month or a day, as publications give them ("2021", "2021 Jan", "2021 Jan 19").

A ``PartialDate`` is a ``date`` (so it is stored, compared and sorted as one) whose unknown month
and day are 1 and are never shown: it reads back at the precision it was given.
"""

import re
from datetime import date

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    YEAR = "year", _("Year")
    MONTH = "month", _("Month")
    DAY = "day", _("Day")


class PartialDate(date):
    precision = Precision.DAY

    def __new__(cls, year, month=None, day=None):
        partial = super().__new__(cls, year, month or 1, (day or 1) if month else 1)
        partial.precision = Precision.DAY if month and day else Precision.MONTH if month else Precision.YEAR
        return partial

    def __reduce__(self):
        return (PartialDate, tuple(self.parts()))

    @classmethod
    def of(cls, day, precision):
        """``day`` read at ``precision``, e.g. 2021-01-01 as a month is January 2021."""
        if day is None:
            return None
        return cls(
            day.year,
            day.month if precision != Precision.YEAR else None,
            day.day if precision == Precision.DAY else None,
        )

    def iso(self):
        """ISO 8601 at its precision: "2021", "2021-01" or "2021-01-19" (``isoformat()`` stays whole)."""
        return self.isoformat()[: {Precision.YEAR: 4, Precision.MONTH: 7}.get(self.precision, 10)]

    def parts(self):
        """Year, month and day as far as known, as CSL's date-parts want them."""
        return [self.year, self.month, self.day][: {Precision.YEAR: 1, Precision.MONTH: 2}.get(self.precision, 3)]

    def slashed(self):
        """ "2021/01/19", "2021/01", "2021": as Google Scholar's citation_publication_date has it."""
        return "/".join(f"{part:02d}" for part in self.parts())

    def display(self):
        """In the active language: "2021", "January 2021" (« janvier 2021 », «Январь 2021»), or the whole date."""
        if self.precision == Precision.YEAR:
            return str(self.year)
        return date_format(self, "YEAR_MONTH_FORMAT" if self.precision == Precision.MONTH else "DATE_FORMAT")


# What editors type: 2021, 2021-01 or 01/2021, 2021-01-19 (the day formats of their language are accepted too).
YEAR = re.compile(r"\d{4}")
YEAR_MONTH = re.compile(r"(\d{4})-(\d{1,2})|(\d{1,2})[/.](\d{4})")


def parse_typed(text):
    """The partial date an editor typed, or ``None`` when the text is neither a year nor a month of a year."""
    text = text.strip()
    if YEAR.fullmatch(text):
        return PartialDate(int(text))
    if match := YEAR_MONTH.fullmatch(text):
        year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
        if 1 <= int(month) <= 12:
            return PartialDate(int(year), int(month))
    return None
