from django import template

from ..models import HandbookIndexPage, HandbookPage, ResourceIndexPage, ResourcePage, _with_listing_relations

register = template.Library()

STUDIO_LIST_LIMIT = 6


def _newest_of_studio(queryset, studio, limit):
    """The studio's ``limit`` newest pages and how many there are (counted only when there are more).

    The pages belong to ``studio``, which the caller already has: it is set on each of them
    rather than joined again.
    """
    items = list(queryset.order_by("-first_published_at")[:limit])
    total = len(items) if len(items) < limit else queryset.count()
    for item in items:
        item.studio = studio
    return items, total


@register.simple_tag
def studio_resources(studio, limit=STUDIO_LIST_LIMIT):
    """The studio's newest published resources (at most ``limit``) and how many there are."""
    queryset = _with_listing_relations(ResourcePage.objects.live().public().filter(studio=studio)).select_related(None)
    items, total = _newest_of_studio(queryset, studio, limit)
    index = ResourceIndexPage.objects.live().first()
    return {
        "items": items,
        "total": total,
        "index_url": f"{index.url}?studio={studio.pk}" if index else "",
    }


@register.simple_tag
def studio_handbooks(studio, limit=STUDIO_LIST_LIMIT):
    """The studio's newest published handbooks (at most ``limit``) and how many there are."""
    queryset = (
        HandbookPage.objects.live()
        .public()
        .filter(studio=studio)
        .select_related("cover")
        .prefetch_related("topics", "cover__renditions")
    )
    items, total = _newest_of_studio(queryset, studio, limit)
    HandbookPage.attach_chapter_counts(items)
    index = HandbookIndexPage.objects.live().first()
    return {
        "items": items,
        "total": total,
        "index_url": f"{index.url}?studio={studio.pk}" if index else "",
    }
