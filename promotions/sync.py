"""Cases imported with a 推介级别 (``CasePage.promotion_level``) get the matching Promotion record."""

from home.choices import PromotionLevel

IMPORTED_NOTE = "案例导入时标注的推介级别"


def case_promotion_level(case):
    level = getattr(case, "promotion_level", None) or PromotionLevel.NONE
    return level if level in PromotionLevel.values and level != PromotionLevel.NONE else None


def sync_case(case):
    """Create the Promotion a live case's ``promotion_level`` asks for; return it (or ``None``).

    Only adds: promotions made by reviewers are never removed here, and changing
    the case's level later adds the new level beside the old one.
    """
    from .models import Promotion, current_year

    level = case_promotion_level(case)
    if level is None or not case.live:
        return None
    year = getattr(case, "year", None) or current_year()
    promotion, _created = Promotion.objects.get_or_create(
        page_id=case.pk, level=level, year=year, defaults={"note": IMPORTED_NOTE}
    )
    return promotion


def sync_all_cases():
    """Sync every live case; return the number of promotions created."""
    from django.apps import apps

    from .models import Promotion

    try:
        CasePage = apps.get_model("cases", "CasePage")
    except LookupError:
        return 0
    if not any(f.name == "promotion_level" for f in CasePage._meta.get_fields()):
        return 0
    before = Promotion.objects.count()
    for case in CasePage.objects.live().exclude(promotion_level=PromotionLevel.NONE).specific():
        sync_case(case)
    return Promotion.objects.count() - before
