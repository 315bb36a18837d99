"""Public pages: the promotion hub at /promoted/ and the statistics at /stats/."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from core.choices import Province
from core.listing import Facet, FacetedListing, by_promotion, newest_first, parse_year

from .models import PROMOTION_LEVEL_CHOICES, ItemType
from .queries import public_promotions
from .stats import build_statistics

PROVINCE_LABELS = dict(Province.choices)


def parse_province(raw):
    return raw if raw in PROVINCE_LABELS else None


HUB_FACETS = [
    Facet("level", _("推介级别"), "level", choices=PROMOTION_LEVEL_CHOICES),
    Facet("year", _("推介年度"), "year", parse=parse_year, descending=True, label_for=lambda y: f"{y}年"),
    Facet("type", _("内容类型"), "item_type", choices=ItemType.choices),
    Facet(
        "province",
        _("省份"),
        "province",
        parse=parse_province,
        label_for=lambda value: str(PROVINCE_LABELS.get(value, value)),
    ),
]
HUB_PAGE_SIZE = 20


def promoted_hub(request):
    listing = FacetedListing(
        request,
        public_promotions(),
        HUB_FACETS,
        per_page=HUB_PAGE_SIZE,
        sorts=[
            newest_first("-year", "-created_at", "-pk"),
            by_promotion("-year", "-created_at", "-pk", field_name="level", aggregate=False),
        ],
        # what a promotion's card shows: the promoted page and its studio
        types=("studios.StudioPage", "cases.CasePage", "resources.ResourcePage"),
    )
    context = listing.context()
    context["page_title"] = "推介成果"
    return render(request, "promotions/promoted_hub.html", context)


def statistics(request):
    return render(request, "promotions/statistics.html", {"charts": build_statistics()})
