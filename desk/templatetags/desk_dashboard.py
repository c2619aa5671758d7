"""``{% desk_dashboard %}``: the editorial desk's dashboard, on the admin's first page."""

from django import template

from ..dashboard import dashboard

register = template.Library()


@register.inclusion_tag("desk/dashboard/dashboard.html", takes_context=True)
def desk_dashboard(context):
    request = context["request"]
    return {"request": request, "perms": context.get("perms"), **dashboard(request.user)}
