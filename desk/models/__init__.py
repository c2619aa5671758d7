from .calendar_feeds import CalendarFeed
from .comments import ReviewComment
from .media_requests import MediaRequest
from .notifications import DeskProfile, ExpiryNotice, Kind, Notification

__all__ = ["CalendarFeed", "DeskProfile", "ExpiryNotice", "Kind", "MediaRequest", "Notification", "ReviewComment"]
