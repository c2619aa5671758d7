# The institute writes British English: "9 February 2021" rather than Django's "Feb. 9, 2021".
DATE_FORMAT = "j F Y"
# Every admin screen shows a moment the same way: "9 February 2021, 10:00".
DATETIME_FORMAT = "j F Y, H:i"
