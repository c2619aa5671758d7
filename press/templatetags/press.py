from django import template

from ..embargo import embargo_lines

register = template.Library()


@register.simple_tag
def embargo_notice(moment, zone_name=""):
    """The embargo notice's lines, in the active language: ``{% embargo_notice t zone as lines %}``."""
    return embargo_lines(moment, zone_name) if moment else []
