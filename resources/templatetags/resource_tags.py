from django import template

from ..models import HandbookIndexPage, HandbookPage, ResourceIndexPage, ResourcePage, _with_listing_relations

register = template.Library()

STUDIO_LIST_LIMIT = 6


@register.simple_tag
def studio_resources(studio, limit=STUDIO_LIST_LIMIT):
    """The studio's newest published resources (at most ``limit``) and how many there are."""
    queryset = _with_listing_relations(ResourcePage.objects.live().public().filter(studio=studio))
    index = ResourceIndexPage.objects.live().first()
    return {
        "items": list(queryset.order_by("-first_published_at")[:limit]),
        "total": queryset.count(),
        "index_url": f"{index.url}?studio={studio.pk}" if index else "",
    }


@register.simple_tag
def studio_handbooks(studio, limit=STUDIO_LIST_LIMIT):
    """The studio's newest published handbooks (at most ``limit``) and how many there are."""
    queryset = (
        HandbookPage.objects.live()
        .public()
        .filter(studio=studio)
        .select_related("studio", "cover")
        .prefetch_related("topics")
    )
    items = list(queryset.order_by("-first_published_at")[:limit])
    HandbookPage.attach_chapter_counts(items)
    index = HandbookIndexPage.objects.live().first()
    return {
        "items": items,
        "total": queryset.count(),
        "index_url": f"{index.url}?studio={studio.pk}" if index else "",
    }
