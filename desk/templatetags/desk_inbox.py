from django import template

from ..models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    user = context.get("user")
    if user is None or not user.is_authenticated or not user.is_staff:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
