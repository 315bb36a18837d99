"""``{% load promotion_tags %}`` then ``{% promotion_badges page %}``.

On a listing, pass the map from :func:`promotions.queries.levels_by_page` once
(``{% promotion_badges item levels_map %}``) to keep one query for the whole list.
"""

from django import template

from promotions.queries import levels_by_page

register = template.Library()


@register.inclusion_tag("promotions/includes/badges.html")
def promotion_badges(page, levels_map=None):
    if page is None or not getattr(page, "pk", None):
        return {"badges": []}
    if levels_map is None:
        levels_map = levels_by_page([page.pk])
    return {"badges": levels_map.get(page.pk, [])}


@register.simple_tag
def promotion_levels_map(pages):
    """``{% promotion_levels_map page_obj as levels_map %}``: the badges of a whole page of results."""
    return levels_by_page(page.pk for page in pages)
