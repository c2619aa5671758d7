# "1 декабря 2026 г., 09:05": the month in the genitive after a day number (E, not F, which gives
# the nominative "Декабрь"); a month on its own, as in the calendar's heading, stays nominative.
DATE_FORMAT = "j E Y г."
DATETIME_FORMAT = "j E Y г., H:i"
YEAR_MONTH_FORMAT = "F Y"
