"""Which studios' pages a reviewer may act on: their school's, their province's, or all (Ministry)."""

from django.db.models import Q

from studios.models import StudioPage, studio_for_page

NOTHING = Q(pk__in=[])


def reviewer_profile(user):
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_reviewer_profile_cache", False)
    if cached is not False:
        return cached
    from .models import ReviewerProfile

    profile = ReviewerProfile.objects.filter(user=user).first()
    user._reviewer_profile_cache = profile
    return profile


def studios_q(profile, role):
    """A filter on StudioPage for the studios ``profile`` covers acting as ``role``; ``None`` means all."""
    from .models import ReviewerRole

    if profile is None:
        return NOTHING
    if profile.role == ReviewerRole.MINISTRY:
        return None
    if profile.role != role:
        return NOTHING
    if role == ReviewerRole.SCHOOL:
        q = Q(school=profile.school.strip())
        if profile.province:
            q &= Q(province=profile.province)
        return q
    if role == ReviewerRole.PROVINCE:
        return Q(province=profile.province)
    return NOTHING


def pages_in_scope_q(user, role):
    """A filter on Page for the studios (and everything below them) ``user`` covers as ``role``.

    ``None`` means no restriction (superusers and Ministry accounts).
    """
    if user.is_superuser:
        return None
    q = studios_q(reviewer_profile(user), role)
    if q is None:
        return None
    if q is NOTHING:
        return NOTHING
    paths = list(StudioPage.objects.filter(q).values_list("path", flat=True))
    if not paths:
        return NOTHING
    result = Q()
    for path in paths:
        result |= Q(path__startswith=path)
    return result


def user_can_review_page(user, page, role):
    """Whether ``user`` may act as ``role`` (school/province reviewer) on ``page``."""
    if user.is_superuser:
        return True
    q = studios_q(reviewer_profile(user), role)
    if q is None:
        return True
    if q is NOTHING:
        return False
    studio = studio_for_page(page)
    return studio is not None and StudioPage.objects.filter(q, pk=studio.pk).exists()
