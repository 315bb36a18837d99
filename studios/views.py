"""The site-wide 工作动态 listing at /updates/: every studio's updates, newest first, with filters."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from core.choices import Province, WorkCarrier
from core.listing import Facet, FacetedListing, by_promotion, newest_first, parse_year

from .models import StudioUpdatePage

UPDATES_PER_PAGE = 20
ORDER = ("-date", "-first_published_at", "-pk")

UPDATE_FACETS = [
    Facet("kind", _("活动类型"), "activity_kind", choices=WorkCarrier.choices),
    Facet("province", _("省份"), "studio_province", choices=Province.choices),
    Facet("year", _("年度"), "date__year", parse=parse_year, descending=True, label_for=lambda y: f"{y}年"),
]


def updates(request):
    listing = FacetedListing(
        request,
        StudioUpdatePage.site_wide(),
        UPDATE_FACETS,
        per_page=UPDATES_PER_PAGE,
        sorts=[newest_first(*ORDER), by_promotion(*ORDER)],
        decorate=StudioUpdatePage.with_studios,
    )
    context = listing.context()
    return render(request, "studios/update_listing.html", context)
