"""The sanitiser lives in ``richtext`` so that ``research`` can use it too; imported here for news code."""

from richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitize_html

__all__ = ["ALLOWED_ATTRIBUTES", "ALLOWED_TAGS", "sanitize_html"]
