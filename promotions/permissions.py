"""Who may promote what: 校级 by school reviewers, 省级 by provincial reviewers, 部级 only by the Ministry."""

from wagtail.permission_policies import ModelPermissionPolicy

from core.choices import PromotionLevel

from .models import LEVEL_FOR_ROLE, PROMOTION_LEVEL_CHOICES, ReviewerRole
from .scope import reviewer_profile, user_can_review_page

ROLE_FOR_LEVEL = {level: role for role, level in LEVEL_FOR_ROLE.items()}


def allowed_levels(user):
    """The promotion levels ``user`` may award (values of core.choices.PromotionLevel)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return [value for value, _label in PROMOTION_LEVEL_CHOICES]
    profile = reviewer_profile(user)
    if profile is None:
        return []
    return [LEVEL_FOR_ROLE[ReviewerRole(profile.role)]]


def can_promote(user, page, level):
    """Whether ``user`` may promote (or withdraw the promotion of) ``page`` at ``level``."""
    if level not in allowed_levels(user):
        return False
    if user.is_superuser or level == PromotionLevel.MINISTRY:
        return True
    return user_can_review_page(user, page, ROLE_FOR_LEVEL[level])


class PromotionPermissionPolicy(ModelPermissionPolicy):
    """Model permissions from the reviewer groups, narrowed per record by level and scope."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action in ("change", "delete"):
            return can_promote(user, instance.page, instance.level)
        return True

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)
