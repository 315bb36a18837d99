"""``{% load core_icons %}``: the drawn marks of ``core.icons`` in templates."""

from django import template

from core import icons

register = template.Library()


@register.simple_tag
def direction_icon(code):
    return icons.direction_icon(code)


@register.simple_tag
def category_icon(code):
    return icons.category_icon(code)


@register.simple_tag
def studio_cover(studio):
    """A studio's cover artwork; ``studio.directions`` prefetched (cards) or not (the studio page)."""
    return icons.studio_cover(studio.title, [direction.code for direction in studio.directions.all()])


@register.simple_tag
def facet_icon(group_name, value):
    """The mark of a filter option, for the 案例类别 and 建设方向 groups ('' for the others)."""
    if group_name == "direction":
        return icons.direction_icon(value)
    if group_name == "category":
        return icons.category_icon(value)
    return ""
