from django import template
from django.urls import NoReverseMatch, reverse

from ..models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox(context):
    """The inbox's address and unread count for the header; None on an admin site without the inbox."""
    user = context.get("user")
    if user is None or not user.is_authenticated or not user.is_staff:
        return None
    try:
        url = reverse("admin:desk_notification_changelist")
    except NoReverseMatch:
        return None
    return {
        "url": url,
        "preferences_url": reverse("admin:desk_notification_preferences"),
        "unread": Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
    }
