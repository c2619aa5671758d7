# The institute writes British English: "9 February 2021" rather than Django's "Feb. 9, 2021".
# Every admin screen shows times as DATETIME_FORMAT (core.dates), so that they read the same everywhere.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
