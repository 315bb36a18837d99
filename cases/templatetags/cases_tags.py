from django import template

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
