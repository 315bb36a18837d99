from django import template

from core.icons import CATEGORY_ICONS

register = template.Library()


@register.simple_tag
def studio_cases(studio):
    """The studio's published cases, newest first, ready for case cards (three queries)."""
    from cases.models import CasePage

    if studio is None or not getattr(studio, "pk", None):
        return []
    cases = list(
        CasePage.objects.live()
        .public()
        .filter(studio=studio)
        .defer_streamfields()
        .select_related("cover")
        .prefetch_related("directions", "cover__renditions")
        .order_by(*CasePage.LIBRARY_ORDER)
    )
    for case in cases:
        case.studio = studio  # the caller's studio: not joined again
    return cases


@register.inclusion_tag("cases/includes/category_band.html")
def category_band(case):
    """The case card's cover: its category's drawn mark and name on the category's colour."""
    return {"category": case.category, "label": case.get_category_display(), "path": CATEGORY_ICONS.get(case.category)}
