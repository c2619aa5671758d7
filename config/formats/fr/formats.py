# "1 décembre 2026, 09:05": Django's French formats, with the comma the English ones have.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
