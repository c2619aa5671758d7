from .calendar_feeds import CalendarFeed

__all__ = ["CalendarFeed"]
