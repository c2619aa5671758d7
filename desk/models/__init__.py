from .calendar_feeds import CalendarFeed
from .comments import ReviewComment
from .notifications import DeskProfile, ExpiryNotice, Kind, Notification

__all__ = ["CalendarFeed", "DeskProfile", "ExpiryNotice", "Kind", "Notification", "ReviewComment"]
