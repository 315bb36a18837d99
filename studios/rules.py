"""Studio rules from the notices, in one place for the model, the admin form and the import."""

from django.utils.translation import gettext as _

MIN_MEMBERS, MAX_MEMBERS = 5, 10
MIN_DIRECTIONS, MAX_DIRECTIONS = 1, 3
MIN_CYCLE_YEARS, MAX_CYCLE_YEARS = 2, 3


def studio_rule_errors(member_count=None, direction_count=None, cycle_years=None):
    """Return ``{field: message}`` for every broken rule; ``None`` skips a check."""
    errors = {}
    if member_count is not None and not MIN_MEMBERS <= member_count <= MAX_MEMBERS:
        errors["members"] = _("工作室成员应为 %(min)d-%(max)d 人，当前为 %(count)d 人。") % {
            "min": MIN_MEMBERS,
            "max": MAX_MEMBERS,
            "count": member_count,
        }
    if direction_count is not None and not MIN_DIRECTIONS <= direction_count <= MAX_DIRECTIONS:
        errors["directions"] = _("建设方向应选择 %(min)d-%(max)d 个，当前为 %(count)d 个。") % {
            "min": MIN_DIRECTIONS,
            "max": MAX_DIRECTIONS,
            "count": direction_count,
        }
    if cycle_years is not None and not MIN_CYCLE_YEARS <= cycle_years <= MAX_CYCLE_YEARS:
        errors["cycle_years"] = _("建设周期应为 %(min)d-%(max)d 年，当前为 %(count)d 年。") % {
            "min": MIN_CYCLE_YEARS,
            "max": MAX_CYCLE_YEARS,
            "count": cycle_years,
        }
    return errors
