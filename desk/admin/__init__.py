from . import inbox  # noqa: F401  (registers the inbox, with the comment pages)
