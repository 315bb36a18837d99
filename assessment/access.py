"""Who may see and change a studio's plans, archives, self-evaluations and assessments.

One owner for the rule, built on the platform's roles (docs/roles.md): a studio's editors (its
editors' group, ``promotions.StudioSpace``) edit their own studio's records; reviewers read the
studios in their scope (``promotions.scope``) and score only rounds of their own level there; a
member reads and fills in their own growth archive; site administrators do everything.
"""

from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from promotions.models import ReviewerRole, StudioSpace
from promotions.scope import NOTHING, reviewer_profile, studios_q
from studios.models import StudioPage

MEMBER_GROUP_NAME = "工作室成员（成长档案）"


def ensure_member_access(user):
    """A member named on a growth archive may log in to the admin to read and fill it in (the
    group grants admin access only; what they reach is decided here, per archive)."""
    from django.contrib.auth.models import Group, Permission

    group, created = Group.objects.get_or_create(name=MEMBER_GROUP_NAME)
    if created:
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user.groups.add(group)


def edited_studio_ids(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_assessment_studio_ids", None)
    if cached is None:
        cached = set(StudioSpace.objects.filter(group__user=user).values_list("studio_id", flat=True))
        user._assessment_studio_ids = cached
    return cached


def reviewer_role(user):
    profile = reviewer_profile(user)
    return ReviewerRole(profile.role) if profile is not None else None


def reviewed_studios_q(user):
    """A filter on StudioPage for the studios ``user`` reviews; ``None`` means all."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    if user.is_superuser:
        return None
    profile = reviewer_profile(user)
    if profile is None:
        return NOTHING
    return studios_q(profile, profile.role)


def visible_studios(user):
    """The studios whose records ``user`` may read: their own and those in their review scope."""
    studios = StudioPage.objects.all()
    q = reviewed_studios_q(user)
    if q is None:
        return studios
    return studios.filter(q | Q(pk__in=edited_studio_ids(user)))


def can_edit_studio(user, studio):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or studio.pk in edited_studio_ids(user)


def can_view_studio(user, studio):
    return can_edit_studio(user, studio) or visible_studios(user).filter(pk=studio.pk).exists()


def can_review_studio(user, studio):
    """A reviewer (or administrator) whose scope covers ``studio``."""
    q = reviewed_studios_q(user)
    if q is None:
        return True
    if q is NOTHING:
        return False
    return StudioPage.objects.filter(q, pk=studio.pk).exists()


def round_levels(user):
    """The levels of assessment round ``user`` may open and score."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return [role.value for role in ReviewerRole]
    role = reviewer_role(user)
    return [role.value] if role else []


def can_open_round(user, studio, level):
    return level in round_levels(user) and can_review_studio(user, studio)


def can_score(user, assessment_round):
    """Reviewers score only rounds of their own level, for studios in their scope."""
    return can_open_round(user, assessment_round.studio, assessment_round.level)


class StudioRecordPolicy(BasePermissionPolicy):
    """Records that belong to a studio (``studio`` field): editors change their studio's, reviewers
    read those in their scope. For growth archives, the member named on the archive too."""

    def _is_member(self, user):
        return self.model._meta.model_name == "memberarchive" and user.member_archives.exists()

    def user_has_permission(self, user, action):
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        if user.is_superuser:
            return True
        if edited_studio_ids(user):
            return True
        if action == "change" and self._is_member(user):
            return True
        if action == "view":
            return reviewer_profile(user) is not None or self._is_member(user)
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        studio = instance.studio
        if can_edit_studio(user, studio):
            return True
        if self.model._meta.model_name == "memberarchive" and instance.user_id == user.pk:
            return action in ("change", "view")
        return action == "view" and can_review_studio(user, studio)

    def instances_user_has_any_permission_for(self, user, actions):
        objects = self.model._default_manager.all()
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return objects.none()
        if user.is_superuser:
            return objects
        q = Q(studio_id__in=edited_studio_ids(user))
        if self.model._meta.model_name == "memberarchive" and ("change" in actions or "view" in actions):
            q |= Q(user=user)
        if "view" in actions:
            scope = reviewed_studios_q(user)
            if scope is None:
                return objects
            if scope is not NOTHING:
                q |= Q(studio__in=StudioPage.objects.filter(scope))
        return objects.filter(q)
