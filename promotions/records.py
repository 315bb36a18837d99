"""Making promotions, and the case's 推介级别 that follows from them.

A promotion is only ever made by a person: a reviewer within the permission policy
(``promotions.permissions.can_promote``) through the admin, or an administrator running
an import. ``CasePage.promotion_level`` is never typed in by anyone: it is the highest
level among the case's promotions, written here whenever they change.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import CasePage
from core.choices import PromotionLevel
from search import sync

from .models import PROMOTION_LEVEL_CHOICES, Promotion, current_year
from .permissions import can_promote

# Lowest first: the case shows the last one it holds.
LEVEL_RANK = [PromotionLevel.NONE, PromotionLevel.SCHOOL, PromotionLevel.PROVINCE, PromotionLevel.MINISTRY]


def highest_level(levels):
    levels = set(levels)
    return next((level for level in reversed(LEVEL_RANK) if level in levels), PromotionLevel.NONE)


def level_label(level):
    return str(dict(PROMOTION_LEVEL_CHOICES).get(level, level))


def promote(page, level, user, *, year=None, note="", batch=""):
    """Promote the published ``page`` at ``level`` in the name of ``user``; return the promotion.

    Refuses (``PermissionDenied``) what the permission policy does not allow ``user``,
    and (``ValidationError``) anything but a published studio, case or resource. A
    promotion that already exists for the page, level and year is returned unchanged.
    """
    if level not in dict(PROMOTION_LEVEL_CHOICES):
        raise ValidationError(_("“%(level)s”不是有效的推介级别。") % {"level": level})
    if user is None or not can_promote(user, page, level):
        raise PermissionDenied(
            _("账号“%(user)s”无权对“%(page)s”做%(level)s推介。")
            % {"user": getattr(user, "username", "—"), "page": page.title, "level": level_label(level)}
        )
    promotion = Promotion(page=page, level=level, year=year or current_year(), note=note, batch=batch)
    promotion.created_by = user
    promotion.clean()
    with transaction.atomic():
        existing = Promotion.objects.filter(page=page, level=level, year=promotion.year).first()
        if existing is not None:
            return existing
        promotion.save()
    return promotion


class ImportedPromotions:
    """The case importer's 推介级别 column (``cases.importer``): refused outside the permission
    policy, else recorded as a promotion made by the administrator running the import."""

    @staticmethod
    def refusal(user, page, level):
        if can_promote(user, page, level):
            return None
        return _("账号“%(user)s”无权做%(level)s推介") % {"user": user.get_username(), "level": level_label(level)}

    promote = staticmethod(promote)


def refresh_case_level(page_id):
    """Write the highest level among the page's promotions into ``CasePage.promotion_level``.

    A plain UPDATE: no revision, no page signal. The search document carries the level
    (the 推介 facet), so a change is handed to the search index too.
    """
    level = highest_level(Promotion.objects.filter(page_id=page_id).values_list("level", flat=True))
    changed = CasePage.objects.filter(pk=page_id).exclude(promotion_level=level).update(promotion_level=level)
    if changed:
        sync.enqueue([page_id])
    return level


def refresh_all_case_levels():
    """Bring every case's 推介级别 in line with its promotions; return how many changed."""
    levels = {}
    for page_id, level in Promotion.objects.filter(page__in=CasePage.objects.all()).values_list("page_id", "level"):
        levels.setdefault(page_id, set()).add(level)
    changed = 0
    for case_id, current in CasePage.objects.values_list("pk", "promotion_level"):
        if highest_level(levels.get(case_id, ())) != current:
            refresh_case_level(case_id)
            changed += 1
    return changed


def without_promoter():
    """Promotions that do not say who made them (made by no person, or the account was deleted)."""
    return Promotion.objects.filter(created_by__isnull=True).select_related("page").order_by("created_at", "pk")
