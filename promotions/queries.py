"""Promotions for the public side: the home page, badges on pages and listings, the hub."""

from collections import defaultdict

from core.choices import PromotionLevel
from core.restrictions import site_pages

from .models import Promotion

# Highest level first, for badges.
LEVEL_ORDER = [PromotionLevel.MINISTRY, PromotionLevel.PROVINCE, PromotionLevel.SCHOOL]
LEVEL_LABELS = dict(PromotionLevel.choices)


def public_promotions():
    """Promotions of live, public pages, with the page and its studio loaded."""
    public_pages = site_pages().live().public()
    return Promotion.objects.filter(page__in=public_pages).select_related("page", "studio")


def _summary(page):
    for attr in ("summary", "search_description"):
        text = getattr(page, attr, "")
        if text:
            return str(text)
    return ""


def ministry_promotions(limit=6):
    """Ministry-level (部级) promotions for the home page, newest year first.

    A list of dicts with ``title``, ``url``, ``summary``, ``level``, ``level_label``,
    ``studio_name``, ``year``, ``note`` and ``category`` (a case's, else "") (the contract of ``home/includes/promoted.html``).
    One query for the promotions (with their pages) plus one per page type.
    """
    promotions = list(
        public_promotions().filter(level=PromotionLevel.MINISTRY).order_by("-year", "-created_at")[: limit * 3]
    )
    seen, picked = set(), []
    for promotion in promotions:  # one card per page even if promoted in several years
        if promotion.page_id not in seen:
            seen.add(promotion.page_id)
            picked.append(promotion)
        if len(picked) == limit:
            break
    specific = _specific_pages([promotion.page for promotion in picked])
    items = []
    for promotion in picked:
        page = specific.get(promotion.page_id, promotion.page)
        items.append(
            {
                "title": page.title,
                "url": page.url,
                "summary": _summary(page) or promotion.note,
                "level": promotion.level,
                "level_label": str(LEVEL_LABELS[promotion.level]),
                "studio_name": promotion.studio.title if promotion.studio and promotion.studio.pk != page.pk else "",
                "year": promotion.year,
                "note": promotion.note,
                "category": getattr(page, "category", "") or "",
            }
        )
    return items


def _specific_pages(pages):
    """``{pk: specific page}`` for already-loaded base pages: one query per page type.

    ``Page.objects.filter(pk__in=…).specific()`` would read the base pages again first.
    """
    by_type = defaultdict(list)
    for page in pages:
        by_type[page.specific_class].append(page.pk)
    found = {}
    for model, ids in by_type.items():
        if model is not None:  # None: a page type whose app was removed: keep the base page
            found.update((page.pk, page) for page in model.objects.filter(pk__in=ids))
    return found


def levels_by_page(page_ids):
    """``{page_id: [{"level", "label"}, ...]}`` highest level first, in one query (for listings)."""
    found = defaultdict(set)
    for page_id, level in Promotion.objects.filter(page_id__in=list(page_ids)).values_list("page_id", "level"):
        found[page_id].add(level)
    return {
        page_id: [{"level": level, "label": str(LEVEL_LABELS[level])} for level in LEVEL_ORDER if level in levels]
        for page_id, levels in found.items()
    }
