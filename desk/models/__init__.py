from .comments import ReviewComment
from .notifications import DeskProfile, ExpiryNotice, Kind, Notification

__all__ = ["DeskProfile", "ExpiryNotice", "Kind", "Notification", "ReviewComment"]
